import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { invalidField } from "../../shared/errors.js";
import type { StoredResponse } from "../services/idempotency.js";

/** A key the client draws per submission (a UUID, say): 1–200 visible ASCII characters. */
const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The Idempotency-Key header of the intake endpoints (issue 15), for the OpenAPI document; other
 * headers pass through untouched.
 */
export const idempotencyHeaders = z.looseObject({
  "idempotency-key": z
    .string()
    .optional()
    .describe(
      "Khóa chống gửi trùng do máy khách tạo cho mỗi lần gửi (ví dụ một UUID, 1–200 ký tự ASCII): gửi lại cùng khóa trong 24 giờ nhận lại đúng kết quả lần đầu, không tạo yêu cầu thứ hai; cùng khóa với nội dung khác là 409 IDEMPOTENCY_KEY_REUSED.",
    ),
});

/** The request's Idempotency-Key, if it has one; a malformed key is 400, never ignored. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers["idempotency-key"];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !KEY.test(value)) {
    throw invalidField("Idempotency-Key", "Khóa chống gửi trùng phải gồm 1–200 ký tự ASCII nhìn thấy được.", {
      code: "invalid_idempotency_key",
      summary: null,
    });
  }
  return value;
}

/** Sends the first answer to a key again, marked so a client can tell. */
export function sendReplay(reply: FastifyReply, stored: StoredResponse) {
  return reply.header("idempotent-replayed", "true").status(stored.status).send(stored.body);
}
