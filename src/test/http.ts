import type { LightMyRequestResponse } from "fastify";
import type { z } from "zod";
import { webhookAccepted } from "../shared/schemas/channels.js";
import { errorResponse } from "../shared/schemas/common.js";

/**
 * The body of an injected response, checked: the status must be `status` (200 unless told) and the
 * body must parse with the route's wire schema, so a test reads typed values instead of casting
 * `res.json<T>()`. Throws with the status and body otherwise, so the failure says what came back.
 */
export function json<S extends z.ZodType>(res: LightMyRequestResponse, schema: S, status = 200): z.output<S> {
  if (res.statusCode !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.statusCode}: ${res.body.slice(0, 2000)}`);
  }
  const parsed = schema.safeParse(res.json());
  if (!parsed.success)
    throw new Error(`HTTP ${status} body does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}

/** An error answer: the status and the parsed error, e.g. `expect(error(res, 409).code)…`. */
export function error(res: LightMyRequestResponse, status: number): z.output<typeof errorResponse>["error"] {
  return json(res, errorResponse, status).error;
}

/**
 * How many events a webhook or delivery report took in: the answer must be a 200 whose body is
 * exactly `{ ok: true, accepted }` (no other key), e.g. `expect(accepted(await post(body))).toBe(1)`.
 */
export function accepted(res: LightMyRequestResponse): number {
  return json(res, webhookAccepted.strict()).accepted;
}
