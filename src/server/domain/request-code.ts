import { randomInt } from "node:crypto";
import { vnDateOf } from "../../shared/time.js";

// Crockford's base32 without I, L, O, U: easy to read aloud on the phone and to type.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A public request code (R-IN5) such as "2603-7KQ9MX": year and month of receipt, then 6 random
 * characters (30 bits). Following a request also needs the phone number, so the code alone
 * reveals nothing.
 */
export function newRequestCode(receivedAt: Date): string {
  const ym = vnDateOf(receivedAt).slice(2, 7).replace("-", "");
  let tail = "";
  for (let i = 0; i < 6; i++) tail += alphabet[randomInt(alphabet.length)];
  return `${ym}-${tail}`;
}

export const requestCodePattern = /^\d{4}-[0-9A-HJKMNP-TV-Z]{6}$/;

/**
 * A code as a person types it back (R-IN5): read aloud on the phone or copied from a message, it
 * comes in lower case, with spaces, without its dash or with a typographic one, in fullwidth
 * digits, with the sentence's punctuation around it («Mã yêu cầu: 2603-7KQ9MX.»), or — Crockford's
 * rule for this alphabet — with O for 0 and I or L for 1. Returns the code it stands for, or the
 * input trimmed and upper-cased when it stands for none.
 */
export function normalizeRequestCode(input: string): string {
  const plain = input.trim().toUpperCase();
  const compact = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "")
    .replace(/[\s\u2010-\u2015\u2212-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  const code = `${compact.slice(0, 4)}-${compact.slice(4)}`;
  return requestCodePattern.test(code) ? code : plain;
}
