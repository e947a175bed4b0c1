import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Config } from "../config.js";

/**
 * The submission receipt (issue 18.9): the confirmation page says "sent successfully" only to the
 * browser that just submitted, which holds this signed token of the code. Anyone else opening
 * /gui-yeu-cau/da-gui?ma=<code> gets the same neutral page whether the code exists or not, so the
 * page neither lies about made-up codes nor confirms other people's.
 */
export const RECEIPT_TTL_MS = 24 * 3_600_000;

// Signed with SESSION_SECRET when set (receipts survive a restart), else a key drawn once per process.
const processKey = randomBytes(32);
const keyOf = (config: Pick<Config, "SESSION_SECRET">) =>
  config.SESSION_SECRET ? Buffer.from(`receipt:${config.SESSION_SECRET}`) : processKey;
const sign = (config: Pick<Config, "SESSION_SECRET">, payload: string) =>
  createHmac("sha256", keyOf(config)).update(payload).digest("base64url");

export function receiptFor(config: Pick<Config, "SESSION_SECRET">, code: string, now: Date): string {
  const expires = (now.getTime() + RECEIPT_TTL_MS).toString(36);
  return `${expires}.${sign(config, `${code}.${expires}`)}`;
}

/** Whether `receipt` was issued for `code` and has not expired; forged or malformed is false. */
export function isReceiptFor(
  config: Pick<Config, "SESSION_SECRET">,
  code: string,
  receipt: string,
  now: Date,
): boolean {
  const match = /^([0-9a-z]{1,12})\.([\w-]{43})$/.exec(receipt);
  if (!match) return false;
  const [, expires = "0", mac = ""] = match;
  const expected = Buffer.from(sign(config, `${code}.${expires}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return Number.parseInt(expires, 36) > now.getTime();
}
