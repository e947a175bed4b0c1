import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { verifyPayload } from "../../src/shared/signature.js";

export function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A command from the server (transfer, callback): signed like the events, or refused with 401. */
export function verifiedCommand(
  secret: string,
  req: IncomingMessage,
  raw: Buffer,
): Record<string, unknown> | null {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const check = verifyPayload(
    secret,
    { timestamp: header("x-cti-timestamp"), signature: header("x-cti-signature") },
    raw,
  );
  if (check !== "ok") return null;
  try {
    const body: unknown = JSON.parse(raw.toString("utf8"));
    return body !== null && typeof body === "object" && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export interface Listening {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** An HTTP server on host:port (0 = any free port) whose close() also ends open connections. */
export async function listenOn(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string,
): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** E.164 (+84…) to the national form a Vietnamese trunk dials (0…); other numbers as digits. */
export function dialable(e164: string): string {
  return e164.startsWith("+84") ? `0${e164.slice(3)}` : e164.replace(/^\+/, "00");
}
