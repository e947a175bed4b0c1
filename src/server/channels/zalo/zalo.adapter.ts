import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import { zaloCodeReason } from "../../domain/delivery-reason.js";
import {
  type ChannelAdapter,
  type DeliveryResult,
  errorText,
  headerValue,
  type IntakeInput,
  type OutboundMessage,
  type WebhookHeaders,
  type WebhookParse,
} from "../channel.js";
import { chatIntake, deliverChat } from "../chat-message.js";
import {
  asRecord,
  callProvider,
  fitText,
  idString,
  parseProviderJson,
  sameSignature,
} from "../provider-json.js";
import { zaloSettings } from "../settings.js";
import { currentZaloToken, refreshZaloToken, ZaloTokenError } from "./zalo-token.js";

/** Consultation messages are allowed within 7 days of the user's last interaction (error -230). */
export const ZALO_WINDOW_MS = 7 * 24 * 3600_000;

/** Events Zalo documents that carry no citizen message: accepted and ignored. */
const ignoredEvents = new Set([
  "user_received_message",
  "user_seen_message",
  "follow",
  "unfollow",
  "user_reacted_message",
  "oa_reacted_message",
  "user_submit_info",
  "add_user_to_tag",
  "shop_has_order",
  "user_asking_product",
  "user_click_chatnow",
]);

const TOKEN_INVALID = -216;

/** A signed event older (or further in the future) than this is a replay and is refused. */
export const ZALO_MAX_EVENT_AGE_MS = 5 * 60_000;

/**
 * The first `"name": "value"` or `"name": 123` in a raw JSON body, without parsing it: the values the
 * signature covers, read before the signature is checked. A wrong pick cannot pass: the parsed
 * body must carry the same value afterwards.
 */
export function rawStringField(raw: Buffer, name: string): string | null {
  const text = raw.toString("latin1");
  const match = new RegExp(`"${name}"\\s*:\\s*(?:"([^"\\\\]{0,64})"|(-?\\d{1,20}))`).exec(text);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** mac = SHA256_hex(app_id + rawBody + timestamp + OA secret key) — a plain hash, not an HMAC. */
export function zaloSignature(
  appId: string,
  rawBody: Buffer,
  timestamp: string,
  oaSecretKey: string,
): string {
  return createHash("sha256")
    .update(appId)
    .update(rawBody)
    .update(timestamp)
    .update(oaSecretKey)
    .digest("hex");
}

function attachmentLine(a: unknown): string {
  const att = asRecord(a);
  const payload = asRecord(att.payload);
  if (att.type === "location") {
    const c = asRecord(payload.coordinates);
    return `[vị trí] ${String(c.latitude ?? "?")}, ${String(c.longitude ?? "?")}`;
  }
  const name = typeof payload.name === "string" ? ` ${payload.name}` : "";
  return `[${String(att.type ?? "tệp")}]${name} ${String(payload.url ?? "")}`.trim();
}

function toIntake(body: Record<string, unknown>): IntakeInput | null | "unknown" {
  const event = typeof body.event_name === "string" ? body.event_name : "";
  if (ignoredEvents.has(event) || event.startsWith("oa_send_")) return null;
  if (!/^(user|anonymous)_send_[a-z_]+$/.test(event)) return "unknown";
  const message = asRecord(body.message);
  const userId = idString(asRecord(body.sender).id);
  const msgId = idString(message.msg_id);
  if (!userId || !msgId) return "unknown";
  const lines = (Array.isArray(message.attachments) ? message.attachments : []).map(attachmentLine);
  return chatIntake("zalo", { ref: msgId, userId, text: message.text, lines, timestamp: body.timestamp });
}

export function createZaloAdapter(ctx: AppContext): ChannelAdapter {
  async function send(url: string, token: string, message: OutboundMessage, signal?: AbortSignal) {
    const body = { recipient: { user_id: message.recipient }, message: { text: fitText(message.body) } };
    return callProvider(
      url,
      {
        method: "POST",
        headers: { access_token: token, "content-type": "application/json" },
        body: JSON.stringify(body),
      },
      signal,
    );
  }

  return {
    channel: "zalo",

    async parseWebhook(rawBody: Buffer, headers: WebhookHeaders): Promise<WebhookParse> {
      const settings = await zaloSettings(ctx.db, ctx.config);
      const given = headerValue(headers, "x-zevent-signature").replace(/^mac=/i, "");
      if (!settings.oaSecretKey || !given) return { ok: false, reason: "signature" };
      // Verified before anything is parsed (issue 14): app_id is ours when configured, the timestamp
      // is read from the raw bytes by a bounded scan; the parsed body must then say the same.
      const appId = settings.appId ?? rawStringField(rawBody, "app_id") ?? "";
      const timestamp = rawStringField(rawBody, "timestamp") ?? headerValue(headers, "x-zevent-timestamp");
      if (!sameSignature(given, zaloSignature(appId, rawBody, timestamp, settings.oaSecretKey))) {
        return { ok: false, reason: "signature" };
      }
      const body = parseProviderJson(rawBody);
      if (!body) return { ok: false, reason: "json" };
      if ((idString(body.app_id) ?? "") !== appId) return { ok: false, reason: "signature" };
      if ((idString(body.timestamp) ?? timestamp) !== timestamp) return { ok: false, reason: "signature" };
      // A replayed event: refused when its signed timestamp is more than 5 minutes from now.
      const at = Number(timestamp);
      if (!Number.isFinite(at) || Math.abs(ctx.clock.now().getTime() - at) > ZALO_MAX_EVENT_AGE_MS) {
        return { ok: false, reason: "stale" };
      }
      const parsed = toIntake(body);
      if (parsed === "unknown") return { ok: false, reason: "unknown_event" };
      return { ok: true, messages: parsed ? [parsed] : [] };
    },

    async deliver(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryResult> {
      const settings = await zaloSettings(ctx.db, ctx.config);
      const chat = {
        channel: "zalo",
        enabled: settings.enabled,
        off: "Kênh Zalo đang tắt.",
        windowMs: ZALO_WINDOW_MS,
        windowClosed: "Người dân không tương tác với OA trong 7 ngày qua (cửa sổ tư vấn Zalo đã đóng).",
        // A failed refresh keeps the message: an administrator can fix the credentials.
        describe: (cause: unknown) => (cause instanceof ZaloTokenError ? cause.message : errorText(cause)),
      } as const;
      const url = `${settings.apiUrl}/v3.0/oa/message/cs`;
      return deliverChat(ctx, message, chat, async () => {
        let token = await currentZaloToken(ctx, settings);
        if (!token) return { status: "retry", error: "Chưa cấu hình access token Zalo.", unconfigured: true };
        let answer = await send(url, token, message, signal);
        // Expired or revoked token: refresh once and resend (Chatwoot does the same).
        if (Number(answer.json.error) === TOKEN_INVALID) {
          token = await refreshZaloToken(ctx, settings, token);
          answer = await send(url, token, message, signal);
        }
        const code = Number(answer.json.error);
        const detail = `Zalo ${answer.status} error=${Number.isFinite(code) ? code : "?"}: ${String(answer.json.message ?? "").slice(0, 200)}`;
        if (answer.status === 200 && code === 0) {
          return { status: "sent", providerMessageId: idString(asRecord(answer.json.data).message_id) };
        }
        // The user cannot be reached by a consultation message now (-230, -213, -201): another channel.
        if (zaloCodeReason(code) === "window") return { status: "undeliverable", error: detail };
        if (
          answer.status >= 500 ||
          answer.status === 429 ||
          code === TOKEN_INVALID ||
          !Number.isFinite(code)
        ) {
          return { status: "retry", error: detail };
        }
        return { status: "failed", error: detail };
      });
    },
  };
}
