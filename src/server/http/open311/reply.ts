import type { FastifyReply } from "fastify";
import { toXml } from "./xml.js";

/** The format an Open311 URL asks for by its extension (GeoReport v2: .json or .xml). */
export const formatOf = (url: string): "json" | "xml" => (/\.xml(\?|$)/.test(url) ? "xml" : "json");

/** An Open311 answer in JSON or XML (`root` and `item` name the XML elements). */
export function send(
  reply: FastifyReply,
  fmt: "json" | "xml",
  status: number,
  root: string,
  value: unknown,
  item?: string,
) {
  reply.status(status);
  if (fmt === "xml") return reply.type("text/xml; charset=utf-8").send(toXml(root, value, item));
  return reply.type("application/json; charset=utf-8").send(JSON.stringify(value));
}

/** An Open311 error, `[{code, description}]` in the format the URL's extension asks for. */
export function sendOpen311Error(reply: FastifyReply, url: string, status: number, description: string) {
  return send(reply, formatOf(url), status, "errors", [{ code: status, description }], "error");
}
