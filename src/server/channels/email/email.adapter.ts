import nodemailer, { type Transporter } from "nodemailer";
import type { AppContext } from "../../context.js";
import { listMailThread, recordMailMessage } from "../../db/repositories/mail.repository.js";
import { type ChannelAdapter, type DeliveryResult, errorText, type OutboundMessage } from "../channel.js";
import { emailSettings } from "../settings.js";
import { ourMessageId, subjectWithCode } from "./mail-headers.js";

/** SMTP reply codes and transport errors worth another attempt later. */
function isTransient(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === "number") return e.responseCode < 500;
  return true; // connection refused, timeout, TLS trouble: the server may come back
}

/**
 * Email out (R-CH3): our Message-ID, In-Reply-To/References to the request's thread and the code
 * in the subject, so the requester's reply threads back; RFC 3834 headers so autoresponders on
 * the other side stay quiet.
 */
export function createEmailAdapter(ctx: AppContext): ChannelAdapter {
  const transports = new Map<string, Transporter>();
  const transportFor = (url: string): Transporter => {
    let transport = transports.get(url);
    if (!transport) {
      transport = nodemailer.createTransport(url);
      transports.set(url, transport);
    }
    return transport;
  };

  return {
    channel: "email",
    async deliver(message: OutboundMessage): Promise<DeliveryResult> {
      const settings = await emailSettings(ctx.db, ctx.config);
      if (!settings.enabled) return { status: "undeliverable", error: "Kênh email đang tắt." };
      if (!settings.smtpUrl)
        return { status: "retry", error: "Chưa cấu hình máy chủ SMTP.", unconfigured: true };
      const messageId = ourMessageId(
        message.requestCode,
        message.outboxId,
        message.dedupeKey,
        settings.messageIdDomain,
      );
      const thread = message.requestId ? await listMailThread(ctx.db, message.requestId) : [];
      const lastInbound = [...thread].reverse().find((m) => m.direction === "in")?.message_id;
      try {
        const info = await transportFor(settings.smtpUrl).sendMail({
          from: settings.from,
          to: message.recipient,
          subject: subjectWithCode(message.subject, message.requestCode),
          text: message.body,
          messageId,
          ...(lastInbound ? { inReplyTo: lastInbound } : {}),
          ...(thread.length > 0 ? { references: thread.map((m) => m.message_id) } : {}),
          headers: {
            // RFC 3834 §5: an acknowledgement answers the requester's mail; the rest are notifications.
            "Auto-Submitted": message.kind === "acknowledgement" ? "auto-replied" : "auto-generated",
            "X-Auto-Response-Suppress": "All",
          },
        });
        if (message.requestId) await recordMailMessage(ctx.db, messageId, message.requestId, "out");
        return { status: "sent", providerMessageId: info.messageId ?? messageId };
      } catch (cause) {
        const error = errorText(cause);
        return isTransient(cause) ? { status: "retry", error } : { status: "failed", error };
      }
    },
  };
}
