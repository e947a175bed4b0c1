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
