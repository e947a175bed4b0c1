import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { CaptchaChallenge } from "../shared/schemas/captcha.js";

/**
 * Fetches a challenge from the app and solves it as the portal's worker does (ALTCHA v1: the n with
 * SHA-256(salt + n) = challenge), synchronously with node:crypto so tests stay fast; returns the
 * base64 payload the form sends.
 */
export async function solveCaptcha(
  app: FastifyInstance,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await app.inject({ url: "/api/v1/public/captcha", headers });
  if (res.statusCode !== 200) throw new Error(`captcha challenge failed: ${res.statusCode} ${res.body}`);
  const { maxnumber, ...challenge } = res.json<CaptchaChallenge>();
  const max = maxnumber ?? 1_000_000;
  for (let n = 0; n <= max; n++) {
    if (
      createHash("sha256")
        .update(challenge.salt + n)
        .digest("hex") === challenge.challenge
    ) {
      return Buffer.from(JSON.stringify({ ...challenge, number: n })).toString("base64");
    }
  }
  throw new Error("captcha not solved");
}
