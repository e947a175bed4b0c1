import { randomBytes } from "node:crypto";
import { createChallenge, verifySolution } from "altcha-lib/v1";
import type { Challenge } from "altcha-lib/v1/types";
import { AppError } from "../../shared/errors.js";
import type { AppContext } from "../context.js";

/** How long a challenge may be solved and submitted; long enough for a slow phone and a long form. */
export const CAPTCHA_TTL_MS = 30 * 60_000;
/**
 * Upper bound of the secret number: a cheap phone tries ~20–50 k SHA-256 per second, so the expected
 * 50 k tries cost a second or two for a person and make a flood of thousands of submissions expensive.
 */
export const CAPTCHA_MAX_NUMBER = 100_000;
/** Remembered solutions are capped so a flood of valid payloads cannot exhaust memory. */
const MAX_REMEMBERED = 100_000;

export interface CaptchaService {
  readonly enabled: boolean;
  createChallenge(): Promise<Challenge>;
  /** Throws CAPTCHA_REQUIRED / CAPTCHA_INVALID unless the payload is a fresh, valid, unused solution. */
  check(payload: string | undefined): Promise<void>;
}

/**
 * Self-hosted proof-of-work captcha (ALTCHA v1 protocol, no third-party service). The HMAC key is
 * SESSION_SECRET or a per-process random key; a solved payload is accepted once (replay protection)
 * and remembered until its challenge expires.
 */
export function createCaptchaService(ctx: AppContext): CaptchaService {
  const hmacKey = ctx.config.SESSION_SECRET
    ? `altcha:${ctx.config.SESSION_SECRET}`
    : randomBytes(32).toString("hex");
  const used = new Map<string, number>(); // challenge hash → expiry (ms since epoch)

  const forgetExpired = (now: number) => {
    for (const [key, expiresAt] of used) if (expiresAt <= now) used.delete(key);
  };

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
      const now = Date.now();
      if (used.has(parsed.challenge) && (used.get(parsed.challenge) ?? 0) > now) {
        throw new AppError("CAPTCHA_INVALID");
      }
      const ok = await verifySolution(payload, hmacKey, true).catch(() => false);
      if (!ok || parsed.expiresAt === null) throw new AppError("CAPTCHA_INVALID");
      // Mark used before any further await so two concurrent submissions of one payload cannot both pass.
      if (used.has(parsed.challenge)) throw new AppError("CAPTCHA_INVALID");
      if (used.size >= MAX_REMEMBERED) forgetExpired(now);
      if (used.size >= MAX_REMEMBERED) throw new AppError("RATE_LIMITED");
      used.set(parsed.challenge, parsed.expiresAt);
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
