/**
 * What the two chat channels (Zalo OA, Facebook Messenger) do alike: a citizen's message as an
 * intake input (its text and one line per attachment, the provider's timestamp), and the messaging
 * window outside which a provider refuses a reply.
 */
import type { AppContext } from "../context.js";
import { findContact } from "../db/repositories/channel.repository.js";
import type { IntakeInput } from "./channel.js";
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
