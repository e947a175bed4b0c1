import { createHmac } from "node:crypto";
import type { AppContext } from "../../context.js";
import { graphCodeReason } from "../../domain/delivery-reason.js";
import {
  type ChannelAdapter,
  type DeliveryResult,
  headerValue,
  type IntakeInput,
  type OutboundMessage,
  type WebhookHeaders,
  type WebhookParse,
} from "../channel.js";
import { chatInput, chatIntake, deliverChat } from "../chat-message.js";
import {
  asRecord,
  callProvider,
  fitText,
  idString,
  parseProviderJson,
  sameSecret,
  sameSignature,
} from "../provider-json.js";
import { facebookSettings } from "../settings.js";

/** Standard messaging window: 24 h after the user's last message (Messenger Platform policy). */
export const FACEBOOK_WINDOW_MS = 24 * 3600_000;

/** Messaging fields Meta documents that carry no citizen message: accepted and ignored. */
const ignoredFields = [
  "delivery",
  "read",
  "reaction",
  "optin",
  "referral",
  "account_linking",
  "policy_enforcement",
  "pass_thread_control",
  "take_thread_control",
  "request_thread_control",
  "app_roles",
  "message_edit",
];

export function facebookSignature(appSecret: string, rawBody: Buffer): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

function toIntake(item: Record<string, unknown>): IntakeInput | null | "unknown" {
  const userId = idString(asRecord(item.sender).id);
  if (item.message !== undefined) {
    const message = asRecord(item.message);
    // Echoes are our own page's messages coming back: never a citizen message.
    if (message.is_echo === true) return null;
    const ref = idString(message.mid);
    if (!userId || !ref) return "unknown";
    const lines = (Array.isArray(message.attachments) ? message.attachments : [])
      .map((a) =>
        `[${String(asRecord(a).type ?? "file")}] ${String(asRecord(asRecord(a).payload).url ?? "")}`.trim(),
      )
      .filter((line) => line.length > 0);
    return chatIntake("facebook", { ref, userId, text: message.text, lines, timestamp: item.timestamp });
  }
  if (item.postback !== undefined) {
    const postback = asRecord(item.postback);
    const ref = idString(postback.mid);
    if (!userId || !ref) return "unknown";
    const content = String(postback.title ?? postback.payload ?? "(nút bấm)");
    return chatInput("facebook", { ref, userId, timestamp: item.timestamp }, content);
  }
  return ignoredFields.some((field) => item[field] !== undefined) ? null : "unknown";
}

export function createFacebookAdapter(ctx: AppContext): ChannelAdapter {
  return {
    channel: "facebook",

    async parseWebhook(rawBody: Buffer, headers: WebhookHeaders): Promise<WebhookParse> {
      const settings = await facebookSettings(ctx.db, ctx.config);
      const given = headerValue(headers, "x-hub-signature-256");
      // Without an app secret nothing can be verified, so nothing is accepted.
      if (
        !settings.appSecret ||
        !given ||
        !sameSignature(given, facebookSignature(settings.appSecret, rawBody))
      ) {
        return { ok: false, reason: "signature" };
      }
      const body = parseProviderJson(rawBody);
      if (!body) return { ok: false, reason: "json" };
      if (body.object !== "page" || !Array.isArray(body.entry)) return { ok: false, reason: "unknown_event" };
      const messages: IntakeInput[] = [];
      for (const entry of body.entry) {
        const e = asRecord(entry);
        // Handover protocol: events for a secondary receiver arrive as "standby".
        const items = Array.isArray(e.messaging) ? e.messaging : Array.isArray(e.standby) ? e.standby : [];
        for (const item of items) {
          const parsed = toIntake(asRecord(item));
          if (parsed === "unknown") return { ok: false, reason: "unknown_event" };
          if (parsed) messages.push(parsed);
        }
      }
      return { ok: true, messages };
    },

    async deliver(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryResult> {
      const settings = await facebookSettings(ctx.db, ctx.config);
      const token = settings.pageToken ?? "";
      const chat = {
        channel: "facebook",
        enabled: settings.enabled,
        off: "Kênh Facebook đang tắt.",
        unconfigured: token ? null : "Chưa cấu hình Page access token.",
        windowMs: FACEBOOK_WINDOW_MS,
        windowClosed: "Đã quá 24 giờ kể từ tin nhắn cuối của người dân (cửa sổ Messenger đã đóng).",
      } as const;
      return deliverChat(ctx, message, chat, async () => {
        const url = `${settings.graphUrl}/${settings.pageId ?? "me"}/messages?access_token=${encodeURIComponent(token)}`;
        const body = {
          recipient: { id: message.recipient },
          messaging_type: "RESPONSE",
          // metadata comes back in the echo: it ties the delivered message to our outbox row.
          message: { text: fitText(message.body), metadata: message.dedupeKey },
        };
        const answer = await callProvider(
          url,
          { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
          signal,
        );
        const error = asRecord(answer.json.error);
        if (answer.status === 200 && !answer.json.error) {
          return { status: "sent", providerMessageId: idString(answer.json.message_id) };
        }
        const code = Number(error.code);
        const subcode = Number(error.error_subcode ?? Number.NaN);
        // The subcode is kept in the stored text: it is what tells a closed window from a blocked user.
        const sub = Number.isFinite(subcode) ? ` subcode=${subcode}` : "";
        const detail = `Graph ${answer.status} code=${Number.isFinite(code) ? code : "?"}${sub}: ${String(error.message ?? "").slice(0, 200)}`;
        // "This user cannot be reached on Messenger now" (window closed, blocked, unknown): another channel.
        const reason = graphCodeReason(code, Number.isFinite(subcode) ? subcode : undefined);
        if (reason === "window" || reason === "recipient") return { status: "undeliverable", error: detail };
        // An expired page token needs an administrator; keep the message until the token is fixed.
        if (code === 190 || answer.status >= 500 || answer.status === 429 || code === 4 || code === 2) {
          return { status: "retry", error: detail };
        }
        return { status: "failed", error: detail };
      });
    },
  };
}

/** The subscription handshake (GET): echo hub.challenge when the verify token matches. */
export async function facebookHandshake(
  ctx: AppContext,
  query: { mode?: string; token?: string; challenge?: string },
): Promise<string | null> {
  const settings = await facebookSettings(ctx.db, ctx.config);
  if (query.mode !== "subscribe" || !settings.verifyToken || !query.token || !query.challenge) return null;
  return sameSecret(query.token, settings.verifyToken) ? query.challenge : null;
}
