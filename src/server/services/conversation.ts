import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { AppError } from "../../shared/errors.js";
import type { Channel, RequestStatus } from "../../shared/request-status.js";
import type { ConversationMessage, PublicRequestView } from "../../shared/schemas/requests.js";
import { formatVnIso } from "../../shared/time.js";
import type { Config } from "../config.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import {
  clearAwaitingRequester,
  insertMessage,
  listMessages,
  type MessageRow,
} from "../db/repositories/conversation.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { findRequest, findRequestByCode, lockRequest } from "../db/repositories/request.repository.js";
import { requestChanged } from "./live-bus.js";
import type { RequestServiceDeps } from "./request.service.js";

/**
 * The conversation with the requester (Art. 14.6). The agency's question is a transition
 * (`ask_requester`, request-actions.service.ts); everything the requester writes back — on the
 * follow page, by email, on Zalo or Facebook — lands here: one event, one inbound message, the
 * wait ended, the agency alerted live.
 */

/** A reply on the follow page is accepted for this long after the look-up that showed the form. */
export const REPLY_TOKEN_TTL_MS = 2 * 3_600_000;

/** Statuses in which the requester's reply still matters to someone working on the request. */
const closedStatuses: readonly RequestStatus[] = ["answered", "refused", "published", "closed"];

export interface RequesterMessage {
  requestId: string;
  channel: Channel;
  body: string;
  /** Who the event log names: the requester's display name on the channel, or the channel. */
  label: string;
  at: Date;
  /** The provider's message id (channel de-duplication reads it from the event). */
  externalRef?: string;
  /** An auto-reply or bounce: recorded as an event only; it is not the requester answering. */
  autoReply?: boolean;
}

/**
 * Records what the requester wrote on a request, inside the caller's transaction: the event
 * (`message_received`), the inbound message of the conversation, and the end of the wait.
 * Returns whether it answered an open question.
 */
export async function recordRequesterMessage(
  tx: Executor,
  m: RequesterMessage,
): Promise<{ answeredQuestion: boolean }> {
  const answeredQuestion = m.autoReply ? false : await clearAwaitingRequester(tx, m.requestId);
  const event = await appendEvent(tx, {
    actorLabel: m.label,
    entity: "request",
    entityId: m.requestId,
    requestId: m.requestId,
    kind: "message_received",
    at: m.at,
    data: {
      channel: m.channel,
      ...(m.externalRef !== undefined ? { externalRef: m.externalRef } : {}),
      content: m.body,
      autoReply: m.autoReply ?? false,
      answeredQuestion,
    },
    publicNote: answeredQuestion ? "Bạn đã gửi thông tin bổ sung." : null,
  });
  if (!m.autoReply) {
    await insertMessage(tx, {
      requestId: m.requestId,
      direction: "in",
      channel: m.channel,
      authorId: null,
      authorLabel: m.label,
      body: m.body.slice(0, 20_000),
      eventId: event.id,
      at: m.at,
    });
  }
  return { answeredQuestion };
}

/** The conversation as staff read it. */
export function toConversation(rows: MessageRow[]): ConversationMessage[] {
  return rows.map((m) => ({
    id: m.id,
    direction: m.direction,
    channel: m.channel,
    author: m.author_label,
    body: m.body,
    at: formatVnIso(m.created_at),
  }));
}

// ---------- Replies from the follow page ----------

// Signed with SESSION_SECRET when set (tokens then survive a restart and work across processes),
// else with a key drawn once per process.
const processKey = randomBytes(32);
const keyOf = (config: Config) =>
  config.SESSION_SECRET ? Buffer.from(`reply:${config.SESSION_SECRET}`) : processKey;
const sign = (config: Config, payload: string) =>
  createHmac("sha256", keyOf(config)).update(payload).digest("base64url");

/**
 * A token that lets whoever just proved the request's follow key (code + phone, or whatever the
 * follow page accepts) send a reply without typing it again. It names the request and expires; it
 * is also the form's CSRF defence, since another site cannot know it.
 */
export function replyTokenFor(config: Config, code: string, now: Date): string {
  const payload = `${code}.${now.getTime() + REPLY_TOKEN_TTL_MS}`;
  return `${payload}.${sign(config, payload)}`;
}

/** The request code a token names, or null when it is forged, malformed or expired. */
export function codeOfReplyToken(config: Config, token: string, now: Date): string | null {
  const match = /^([0-9A-Z-]{4,20})\.(\d{1,15})\.([\w-]{43})$/.exec(token);
  if (!match) return null;
  const [, code = "", expires = "0", mac = ""] = match;
  const expected = Buffer.from(sign(config, `${code}.${expires}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) > now.getTime() ? code : null;
}

/** Whether the requester may answer on the follow page: a question was asked and the request is still worked on. */
function acceptsReplies(status: RequestStatus, messages: readonly Pick<MessageRow, "direction">[]): boolean {
  return !closedStatuses.includes(status) && messages.some((m) => m.direction === "out");
}

/**
 * The conversation on the follow page: the agency's questions (by agency name) and the requester's
 * replies, from the messages the look-up read with the request (follow.repository.ts).
 */
export function publicConversation(
  config: Config,
  request: { code: string; status: RequestStatus; awaitingReply: boolean },
  messages: readonly { direction: "in" | "out"; agency: string | null; body: string; at: Date }[],
  now: Date,
): PublicRequestView["conversation"] {
  return {
    messages: messages.map((m) => ({
      direction: m.direction,
      from: m.direction === "in" ? "Bạn" : (m.agency ?? "Tổng đài 1022"),
      body: m.body,
      at: formatVnIso(m.at),
    })),
    awaitingReply: request.awaitingReply,
    replyToken: acceptsReplies(request.status, messages) ? replyTokenFor(config, request.code, now) : null,
  };
}

export function createConversationService(ctx: AppContext, deps: RequestServiceDeps) {
  const { db } = ctx;
  return {
    /**
     * The requester's reply on the follow page (Art. 14.6). A bad or expired token, or a request
     * that no longer takes replies, is the same 404 as a failed look-up.
     */
    async replyFromFollowPage(token: string, body: string): Promise<{ code: string }> {
      const now = ctx.clock.now();
      const code = codeOfReplyToken(ctx.config, token, now);
      const found = code ? await findRequestByCode(db, code) : undefined;
      if (!found) throw new AppError("NOT_FOUND", "Không tìm thấy yêu cầu hoặc phiên trả lời đã hết hạn.");
      await db.transaction(async (tx) => {
        const locked = await lockRequest(tx, found.id);
        if (!locked || !acceptsReplies(locked.status, await listMessages(tx, found.id)))
          throw new AppError("INVALID_TRANSITION", "Yêu cầu này không còn nhận thông tin bổ sung.");
        await recordRequesterMessage(tx, {
          requestId: found.id,
          channel: "portal",
          body,
          label: "Người yêu cầu (Cổng thông tin)",
          at: now,
        });
      });
      await publishMessage(deps, db, found.id);
      return { code: found.code };
    },
  };
}

/** Alerts the consoles that may read the request: the requester wrote (issue 5 live updates). */
export async function publishMessage(
  deps: RequestServiceDeps,
  db: Executor,
  requestId: string,
): Promise<void> {
  const row = await findRequest(db, requestId);
  if (row) deps.live.publish(requestChanged(row, "message_received"));
}
