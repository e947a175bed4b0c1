import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { signPayload } from "../../../shared/signature.js";
import { webhookPrivateNetworkAllowed } from "../../config.js";
import type { AppContext } from "../../context.js";
import { findSubscription } from "../../db/repositories/integration.repository.js";
import { type DeliveryResult, errorText, type OutboundMessage } from "../channel.js";
import {
  guardedLookup,
  PrivateNetworkError,
  webhookTargetMessages,
  webhookTargetRefusal,
} from "./webhook-target.js";

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
      // Checked at every attempt: the setting may have changed, and a name is checked on what it
      // resolves to now (webhook-target.ts).
      const guarded = !webhookPrivateNetworkAllowed(ctx.config);
      const refusal = guarded ? webhookTargetRefusal(sub.url, true) : undefined;
      if (refusal) return { status: "failed", error: webhookTargetMessages[refusal] };
      try {
        const status = await post(sub.url, message.body, guarded, {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "tongdai1022-webhooks/1",
          "x-webhook-event": message.kind,
          "x-webhook-delivery": String(message.outboxId),
          "x-webhook-timestamp": String(timestamp),
          "x-webhook-signature": signPayload(sub.secret, timestamp, message.body),
        });
        if (status >= 200 && status < 300) return { status: "sent", providerMessageId: String(status) };
        if (status === 410) return { status: "failed", error: "HTTP 410: bên nhận đã ngừng nhận." };
        return { status: "retry", error: `HTTP ${status}` };
      } catch (error) {
        if (error instanceof PrivateNetworkError) return { status: "failed", error: error.message };
        return { status: "retry", error: errorText(error) };
      }
    },
  };
}

/**
 * One POST through node:http(s) rather than fetch: only these take a `lookup`, the guard on the
 * resolved address. Redirects are not followed; the answer's status is all that counts.
 */
function post(url: string, body: string, guarded: boolean, headers: Record<string, string>): Promise<number> {
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      ...(guarded ? { lookup: guardedLookup } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
