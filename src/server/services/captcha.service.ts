import { randomBytes } from "node:crypto";
import { createChallenge, verifySolution } from "altcha-lib/v1";
import type { Challenge } from "altcha-lib/v1/types";
import { AppError } from "../../shared/errors.js";
import type { AppContext } from "../context.js";
import { markCaptchaUsed } from "../db/repositories/replay-guard.repository.js";

/** How long a challenge may be solved and submitted; long enough for a slow phone and a long form. */
export const CAPTCHA_TTL_MS = 30 * 60_000;
/**
 * Upper bound of the secret number: a cheap phone tries ~20–50 k SHA-256 per second, so the expected
 * 50 k tries cost a second or two for a person and make a flood of thousands of submissions expensive.
 */
export const CAPTCHA_MAX_NUMBER = 100_000;

export interface CaptchaService {
  readonly enabled: boolean;
  createChallenge(): Promise<Challenge>;
  /** Throws CAPTCHA_REQUIRED / CAPTCHA_INVALID unless the payload is a fresh, valid, unused solution. */
  check(payload: string | undefined): Promise<void>;
}

/**
 * Self-hosted proof-of-work captcha (ALTCHA v1 protocol, no third-party service). The HMAC key is
 * SESSION_SECRET (required to share challenges between processes) or a per-process random key; a
 * solved payload is accepted once cluster-wide (table captcha_used) until its challenge expires.
 */
export function createCaptchaService(ctx: AppContext): CaptchaService {
  const hmacKey = ctx.config.SESSION_SECRET
    ? `altcha:${ctx.config.SESSION_SECRET}`
    : randomBytes(32).toString("hex");

  return {
    enabled: ctx.config.CAPTCHA === "on",

    async createChallenge() {
      // altcha-lib checks expiry against the wall clock, so the wall clock is used here too.
      return createChallenge({
        hmacKey,
        maxnumber: CAPTCHA_MAX_NUMBER,
        expires: new Date(Date.now() + CAPTCHA_TTL_MS),
      });
    },

    async check(payload) {
      if (ctx.config.CAPTCHA === "off") return;
      if (!payload) throw new AppError("CAPTCHA_REQUIRED");
      const parsed = parsePayload(payload);
      if (!parsed) throw new AppError("CAPTCHA_INVALID");
      const ok = await verifySolution(payload, hmacKey, true).catch(() => false);
      if (!ok || parsed.expiresAt === null) throw new AppError("CAPTCHA_INVALID");
      // Used once cluster-wide (issue 15): the first process to insert the challenge wins, a replay
      // on any process — or two concurrent submissions of one payload — finds the row.
      if (!(await markCaptchaUsed(ctx.db, parsed.challenge, new Date(parsed.expiresAt)))) {
        throw new AppError("CAPTCHA_INVALID");
      }
    },
  };
}

interface ParsedPayload {
  challenge: string;
  expiresAt: number | null;
}

function parsePayload(payload: string): ParsedPayload | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
    if (typeof value !== "object" || value === null) return null;
    const { challenge, salt } = value as { challenge?: unknown; salt?: unknown };
    if (typeof challenge !== "string" || typeof salt !== "string") return null;
    const expires = new URLSearchParams(salt.split("?")[1] ?? "").get("expires");
    const seconds = expires ? Number.parseInt(expires, 10) : Number.NaN;
    return { challenge, expiresAt: Number.isFinite(seconds) ? seconds * 1000 : null };
  } catch {
    return null;
  }
}
