import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../../shared/errors.js";

/**
 * A scope for callers that sign their bodies (channel webhooks, the switchboard): signatures are
 * over the raw bytes, so every body stays a Buffer, refused above `bodyLimit` before it is read in
 * full, and the route parses it after verifying.
 */
export function rawBodyScope(instance: FastifyInstance, bodyLimit: number) {
  const scope = instance.withTypeProvider<ZodTypeProvider>();
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_request, body, done) => {
    done(null, body);
  });
  return scope;
}

/** The body of a call in a rawBodyScope; an empty one is refused. */
export function rawBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError("BAD_JSON", "Nội dung gửi lên đang trống.");
  return body;
}
