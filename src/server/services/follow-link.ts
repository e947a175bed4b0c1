import { createHash, randomBytes } from "node:crypto";
import type { Channel } from "../../shared/request-status.js";

/**
 * The follow link (R-PU2, issue 13): a requester on email, Zalo or Facebook usually never gave a
 * phone number, so the acknowledgement carries a link with a per-request secret that opens the
 * request's follow page without typing anything. The secret is 256 random bits, sent once and
 * stored only as its SHA-256; staff can revoke it (an event on the request).
 */
export function newFollowSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashFollowSecret(secret) };
}

export function hashFollowSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
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
