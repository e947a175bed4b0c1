// Signed payloads between this server and the systems around it: the switchboard's CTI events
// (adapter → server, and the transfer command server → adapter) and the outbound webhooks to
// integrators. One scheme for all: `sha256=<hex HMAC-SHA256 of "<unix seconds>.<raw body>">`, sent
// with the timestamp in its own header, refused when the timestamp is more than 300 s away.
// Server-side only (node:crypto); the console never imports it.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest("hex")}`;
}

export type SignatureCheck = "ok" | "missing" | "stale" | "bad_signature";

/** Checks a received signature: both headers present, timestamp within the tolerance of `nowMs`,
 * signature equal in constant time. */
export function verifyPayload(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string | Buffer,
  nowMs: number = Date.now(),
  toleranceSeconds: number = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return "missing";
  if (!/^\d{1,12}$/.test(timestamp)) return "stale";
  const ts = Number(timestamp);
  if (Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return "stale";
  const expected = Buffer.from(signPayload(secret, ts, rawBody));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "bad_signature";
}
