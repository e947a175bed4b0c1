import { signPayload } from "../../../shared/signature.js";
import type { AppContext } from "../../context.js";
import { findSubscription } from "../../db/repositories/integration.repository.js";
import { type DeliveryResult, errorText, type OutboundMessage } from "../channel.js";

/** Outbox rows of this channel are webhook deliveries (recipient = the subscription id). */
export const WEBHOOK_CHANNEL = "webhook";

export interface OutboxDeliverer {
  deliver(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryResult>;
}

/**
 * Delivers one webhook (issue 17): POSTs the stored JSON payload to the subscription's URL, signed
 * with its secret by the shared scheme (src/shared/signature.ts) — `X-Webhook-Timestamp: <unix s>`
 * and `X-Webhook-Signature: sha256=<hex HMAC of "<ts>.<body>">`, made afresh on each attempt. A 2xx
 * answer is delivered; anything else is retried with back-off by the outbox worker; a subscription
 * deleted or deactivated since fails the delivery for good. The payload's `id` (the event id) is
 * what a receiver de-duplicates on.
 */
export function createWebhookDeliverer(ctx: AppContext): OutboxDeliverer {
  return {
    async deliver(message) {
      const sub = await findSubscription(ctx.db, message.recipient).catch(() => undefined);
      if (!sub) return { status: "failed", error: "Đăng ký webhook không còn tồn tại." };
      if (!sub.active) return { status: "failed", error: "Đăng ký webhook đã tạm dừng." };
      const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
      try {
        const res = await fetch(sub.url, {
          method: "POST",
          headers: {
            "content-type": "application/json; charset=utf-8",
            "user-agent": "tongdai1022-webhooks/1",
            "x-webhook-event": message.kind,
            "x-webhook-delivery": String(message.outboxId),
            "x-webhook-timestamp": String(timestamp),
            "x-webhook-signature": signPayload(sub.secret, timestamp, message.body),
          },
          body: message.body,
          redirect: "manual",
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.status >= 200 && res.status < 300)
          return { status: "sent", providerMessageId: String(res.status) };
        if (res.status === 410) return { status: "failed", error: "HTTP 410: bên nhận đã ngừng nhận." };
        return { status: "retry", error: `HTTP ${res.status}` };
      } catch (error) {
        return { status: "retry", error: errorText(error) };
      }
    },
  };
}
