/**
 * What the two chat channels (Zalo OA, Facebook Messenger) do alike: a citizen's message as an
 * intake input (its text and one line per attachment, the provider's timestamp), the messaging
 * window outside which a provider refuses a reply, and the frame of a reply's delivery (deliverChat).
 */
import type { AppContext } from "../context.js";
import { findContact } from "../db/repositories/channel.repository.js";
import { type DeliveryResult, errorText, type IntakeInput, type OutboundMessage } from "./channel.js";
import { idString } from "./provider-json.js";

/** A chat message as an intake input; `timestamp` is the provider's (ms), now when absent or bad. */
export function chatIntake(
  channel: "zalo" | "facebook",
  message: { ref: string; userId: string; text: unknown; lines: string[]; timestamp: unknown },
): IntakeInput {
  const text = typeof message.text === "string" ? message.text : "";
  const content =
    [text, ...message.lines].filter((part) => part.length > 0).join("\n") || "(tin nhắn không có nội dung)";
  return chatInput(channel, message, content);
}

/** The input of a chat event whose content the caller has made (a button, a message). */
export function chatInput(
  channel: "zalo" | "facebook",
  message: { ref: string; userId: string; timestamp: unknown },
  content: string,
): IntakeInput {
  const at = Number(idString(message.timestamp) ?? Number.NaN);
  return {
    channel,
    externalRef: message.ref,
    identity: { externalId: message.userId },
    content,
    receivedAt: Number.isFinite(at) ? new Date(at) : new Date(),
  };
}

/** Whether the provider still accepts a reply: the citizen wrote on the channel within `windowMs`. */
export async function windowOpen(
  ctx: AppContext,
  channel: "zalo" | "facebook",
  recipient: string,
  windowMs: number,
): Promise<boolean> {
  const contact = await findContact(ctx.db, channel, recipient);
  return contact !== undefined && ctx.clock.now().getTime() - contact.last_inbound_at.getTime() <= windowMs;
}

/** How a chat channel's reply is refused before its provider is called, in the channel's words. */
export interface ChatDelivery {
  channel: "zalo" | "facebook";
  enabled: boolean;
  /** Why nothing is sent while the channel is off (undeliverable). */
  off: string;
  /** Checked before the window: a missing credential keeps the message (retry, unconfigured). */
  unconfigured?: string | null;
  windowMs: number;
  /** Why nothing is sent once the window has closed (undeliverable: the outbox reaches the requester another way). */
  windowClosed: string;
  /** The error text of a throw from `send` (default errorText). */
  describe?: (cause: unknown) => string;
}

/**
 * A reply on a chat channel: undeliverable while the channel is off or the citizen's window has
 * closed, kept (retry) while a credential is missing; otherwise `send` calls the provider and
 * classifies its answer, and a throw from it keeps the message too (retry).
 */
export async function deliverChat(
  ctx: AppContext,
  message: OutboundMessage,
  chat: ChatDelivery,
  send: () => Promise<DeliveryResult>,
): Promise<DeliveryResult> {
  if (!chat.enabled) return { status: "undeliverable", error: chat.off };
  if (chat.unconfigured) return { status: "retry", error: chat.unconfigured, unconfigured: true };
  if (!(await windowOpen(ctx, chat.channel, message.recipient, chat.windowMs))) {
    return { status: "undeliverable", error: chat.windowClosed };
  }
  try {
    return await send();
  } catch (cause) {
    return { status: "retry", error: (chat.describe ?? errorText)(cause) };
  }
}
