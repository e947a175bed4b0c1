import { hash, randomFillSync } from "node:crypto";
import type { Channel } from "../../shared/request-status.js";

/**
 * Random bytes for secrets drawn SECRETS_PER_DRAW at a time, as Node does for `randomUUID`: each
 * `randomBytes` call is a CSPRNG job of its own with a system call (≈ 3 % of a portal
 * submission's server CPU, bench/intake). Every byte is handed out once, then zeroed.
 */
const SECRET_BYTES = 32;
const SECRETS_PER_DRAW = 128;
const pool = Buffer.alloc(SECRET_BYTES * SECRETS_PER_DRAW);
let drawn = pool.length;

function secretText(): string {
  if (drawn === pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  const text = pool.toString("base64url", drawn, drawn + SECRET_BYTES);
  pool.fill(0, drawn, drawn + SECRET_BYTES);
  drawn += SECRET_BYTES;
  return text;
}

/**
 * The follow link (R-PU2, issue 13): a requester on email, Zalo or Facebook usually never gave a
 * phone number, so the acknowledgement carries a link with a per-request secret that opens the
 * request's follow page without typing anything. The secret is 256 random bits, sent once and
 * stored only as its SHA-256; staff can revoke it (an event on the request).
 */
export function newFollowSecret(): { secret: string; hash: string } {
  const secret = secretText();
  return { secret, hash: hashFollowSecret(secret) };
}

/** One call, no Hash object (the same digest as `createHash("sha256").update(secret).digest("hex")`). */
export function hashFollowSecret(secret: string): string {
  return hash("sha256", secret, "hex");
}

/** A secret has this shape (43 base64url characters); anything else is not looked up at all. */
export const FOLLOW_SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The portal path that opens a request by its secret (docs/portal.md). */
export const followPath = (secret: string) => `/theo-doi/${secret}`;

export function followLink(publicUrl: string, secret: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${followPath(secret)}`;
}

/**
 * The acknowledgement (R-IN5) in the words that fit how the requester reached us: a chat user is
 * given the link (they may never have given a phone number); an email requester the link and
 * code + email; a phone or portal requester code + phone (and the link when it reaches them by email).
 */
export function acknowledgementText(
  code: string,
  w: { channel: Channel; hasPhone: boolean; hasEmail: boolean; link: string; suggestions?: string },
): string {
  const head = `Tổng đài 1022 đã tiếp nhận yêu cầu của bạn. Mã yêu cầu: ${code}.`;
  const link = `Theo dõi tiến độ và kết quả trả lời tại đường dẫn riêng của yêu cầu này (không chia sẻ cho người khác): ${w.link}`;
  const by = [w.hasPhone ? "số điện thoại" : null, w.hasEmail ? "địa chỉ email" : null].filter(Boolean);
  const portal =
    by.length > 0
      ? `Bạn cũng có thể tra cứu trên Cổng thông tin Tổng đài 1022 bằng mã này và ${by.join(" hoặc ")} đã cung cấp.`
      : "";
  if (w.channel === "zalo" || w.channel === "facebook" || w.channel === "email") {
    // Answers from the Q&A base (issue 16) come right after the code, before the follow details.
    return [head, w.suggestions, link, portal].filter(Boolean).join("\n");
  }
  // Phone and portal requesters gave a phone number; the message itself reaches them by email.
  return [
    head,
    portal || "Bạn có thể theo dõi kết quả trên Cổng thông tin Tổng đài 1022 bằng mã này.",
    link,
  ].join("\n");
}
