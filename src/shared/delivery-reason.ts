/**
 * Why an outbound message (or a webhook delivery) did not go through, or a call recording could not
 * be fetched, as one stable code staff can act on; the provider's own text stays beside it
 * (`lastError`; a recording's is not shown, it may name hosts and settings). Classified from that text by
 * `deliveryReason` (src/server/domain/delivery-reason.ts); the console words each code in its
 * catalogues (`deliveryReason` in each language's delivery.ts), with what to do.
 */
export const deliveryReasons = [
  /** Credentials refused or expired (page token, OA token, gateway key, SMTP login). */
  "auth",
  /** The chat channel's reply window has closed (Facebook 24 h, Zalo 7 days). */
  "window",
  /** The recipient cannot receive: unknown, blocked, invalid number or address. */
  "recipient",
  /** The provider throttled us. */
  "rate",
  /** The account's allowance is spent (SMS balance, provider quota). */
  "quota",
  /** The provider failed or was unavailable (5xx, temporary SMTP answers). */
  "provider",
  /** No answer: timeout, connection refused, name not resolved. */
  "network",
  /** The provider refused the message itself (too long, invalid, policy); a recording too large or not the file announced. */
  "content",
  /** The channel is off or not configured here; a recording's host is not on the allowlist. */
  "config",
  /** Anything else: read the provider's text. */
  "unknown",
] as const;
export type DeliveryReason = (typeof deliveryReasons)[number];

/**
 * Reasons the outbox worker meets as transient failures and retries (the message is resent later);
 * once it has given up on such a message ("failed"), "will resend" is no longer true.
 */
export const resentReasons: ReadonlySet<DeliveryReason> = new Set<DeliveryReason>([
  "rate",
  "provider",
  "network",
]);
