import type { FastifyInstance } from "fastify";
import { expect } from "vitest";

/**
 * A valid portal submission (the public form's four required fields): the starting point of the
 * tests that change one field to something hostile and expect a clean 400.
 */
export const validSubmission = {
  fullName: "Nguyễn Văn An",
  phone: "0987654321",
  address: "Thôn 3, xã Quảng Phú",
  content: "Xin hỏi thủ tục nhận hỗ trợ cho lao động mất việc do dịch bệnh?",
};

/**
 * A portal submission (`validSubmission` unless another body is given), from the address `ip` when
 * given (as the proxy states it, x-forwarded-for), with a captcha solution when given.
 */
export const submitPortal = (
  app: FastifyInstance,
  {
    ip,
    captcha,
    body = validSubmission,
  }: { ip?: string; captcha?: string; body?: Record<string, unknown> } = {},
) =>
  app.inject({
    method: "POST",
    url: "/api/v1/public/requests",
    ...(ip ? { headers: { "x-forwarded-for": ip } } : {}),
    payload: { ...body, ...(captcha ? { captcha } : {}) },
  });

/**
 * The requester's satisfaction with a published answer, through the public API with the look-up's
 * key (code + phone), from `remoteAddress` when given (issue 19); expected to be accepted (201).
 */
export async function giveFeedback(
  app: FastifyInstance,
  key: { code: string; phone: string },
  payload: { resolved: boolean; rating: number; comment?: string },
  remoteAddress?: string,
) {
  const res = await app.inject({
    remoteAddress,
    method: "POST",
    url: `/api/v1/public/requests/${key.code}/feedback?phone=${encodeURIComponent(key.phone)}`,
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res;
}
