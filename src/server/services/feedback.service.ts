import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { RequestStatus } from "../../shared/request-status.js";
import {
  type FeedbackBody,
  type FeedbackCreated,
  type PublicFeedbackState,
  REOPENED_TO,
  type StaffFeedbackView,
} from "../../shared/schemas/feedback.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { findFeedback, insertFeedback } from "../db/repositories/feedback.repository.js";
import { findFollowByCode } from "../db/repositories/follow.repository.js";
import { findRequest, lockRequest, updateRequest } from "../db/repositories/request.repository.js";
import { isPublished } from "../domain/publication.js";
import { acceptsFeedback, requesterNextStatus } from "../domain/request-state.js";
import { codeOfReplyToken, replyTokenFor } from "./conversation.js";
import { type FollowKey, findFollowed, followNotFound } from "./follow-key.js";
import { requestChanged } from "./live-bus.js";
import { notifyRequester } from "./notify.js";
import type { RequestServiceDeps } from "./request.service.js";
import { assertCanRead } from "./request-access.js";
import { notifyStaff } from "./staff-notification.service.js";

const REQUESTER_LABEL = "Người yêu cầu";

/**
 * Issue 19: the follow page's view of the satisfaction question. Open while the answer is published
 * and nothing was given; then what was given, without the comment.
 */
export function publicFeedbackOf(
  ctx: AppContext,
  r: {
    code: string;
    status: RequestStatus;
    published: boolean;
    /** Read with the look-up (follow.repository.ts). */
    given: { resolved: boolean; rating: number; at: Date } | null;
  },
): PublicFeedbackState {
  if (!r.published) return { open: false, given: null, token: null };
  const given = r.given;
  if (given) {
    return {
      open: false,
      given: { resolved: given.resolved, rating: given.rating, at: formatVnIso(given.at) },
      token: null,
    };
  }
  const open = acceptsFeedback(r.status, r.published);
  return { open, given: null, token: open ? replyTokenFor(ctx.config, r.code, ctx.clock.now()) : null };
}

/**
 * After publication the requester is asked once, on their channel (notify.ts decides where: chat,
 * email, SMS), whether the answer resolved the question; the follow page asks too. Called in the
 * publication's transaction. The dedupe key names the request, not the event, so publishing again
 * after a takedown never asks a second time; nothing is sent once feedback was given.
 */
export async function askForFeedback(
  tx: Executor,
  r: { requestId: string; code: string; eventId: number; followUrl: string },
): Promise<void> {
  if (await findFeedback(tx, r.requestId)) return;
  await notifyRequester(tx, {
    requestId: r.requestId,
    eventId: r.eventId,
    code: r.code,
    kind: "feedback_request",
    text: `Yêu cầu ${r.code} đã có kết quả trả lời. Kết quả đó đã giải quyết được vấn đề của bạn chưa? Vui lòng đánh giá (1 lần) tại: ${r.followUrl}`,
    dedupeScope: `feedback_request:${r.requestId}`,
  });
}

/** The requester's satisfaction (issue 19): given once, after publication; "not resolved" reopens. */
export function createFeedbackService(ctx: AppContext, deps: RequestServiceDeps) {
  async function record(requestId: string, body: FeedbackBody): Promise<FeedbackCreated> {
    const now = ctx.clock.now();
    const comment = body.comment?.trim() || null;
    const result = await ctx.db.transaction(async (tx) => {
      // The lock makes two concurrent posts run one after the other: the second finds the first.
      const locked = await lockRequest(tx, requestId);
      const row = locked ? await findRequest(tx, requestId) : undefined;
      if (!row) throw followNotFound();
      if (await findFeedback(tx, requestId)) throw new AppError("FEEDBACK_ALREADY_GIVEN");
      if (!acceptsFeedback(row.status, isPublished(row))) throw new AppError("FEEDBACK_NOT_OPEN");
      if (
        !(await insertFeedback(tx, {
          requestId,
          resolved: body.resolved,
          rating: body.rating,
          comment,
          at: now,
        }))
      )
        throw new AppError("FEEDBACK_ALREADY_GIVEN");
      // The comment stays in request_feedback only: the event says that there is one, never what.
      const data = { resolved: body.resolved, rating: body.rating, withComment: comment !== null };
      if (body.resolved) {
        await appendEvent(tx, {
          actorLabel: REQUESTER_LABEL,
          entity: "request",
          entityId: requestId,
          requestId,
          kind: "feedback_given",
          data,
          at: now,
          publicNote: `Bạn đã đánh giá kết quả trả lời: đã được giải quyết (${body.rating}/5). Cảm ơn bạn.`,
        });
        return { row, status: row.status };
      }
      const to = requesterNextStatus(row.status, "reopen_not_resolved");
      if (!(await updateRequest(tx, requestId, row.version, { status: to, closedAt: null })))
        throw new AppError("CONFLICT");
      await appendEvent(tx, {
        actorLabel: REQUESTER_LABEL,
        entity: "request",
        entityId: requestId,
        requestId,
        kind: "reopen_not_resolved",
        fromStatus: row.status,
        toStatus: to,
        data,
        at: now,
        publicNote: `Bạn cho biết kết quả trả lời chưa giải quyết được vấn đề; yêu cầu đã được chuyển lại ${REOPENED_TO} để xem xét.`,
      });
      // The coordinators find it on their bell (the board lists it too).
      await notifyStaff(tx, { kind: "reopened_not_resolved", requestId }, now);
      return { row, status: to };
    });
    if (!body.resolved) {
      deps.live.publish({ ...requestChanged(result.row, "reopen_not_resolved"), status: result.status });
    }
    return {
      code: result.row.code,
      resolved: body.resolved,
      rating: body.rating,
      reopened: !body.resolved,
      at: formatVnIso(now),
    };
  }

  return {
    /** POST /api/v1/public/requests/{code}/feedback: the same code + phone/email rule as the look-up. */
    async giveFeedback(code: string, key: FollowKey, body: FeedbackBody): Promise<FeedbackCreated> {
      const row = await findFollowed(ctx.db, code, key);
      return record(row.id, body);
    },

    /** The follow page's form: the signed token of a look-up that just succeeded stands for the key. */
    async giveFeedbackByToken(token: string, body: FeedbackBody): Promise<FeedbackCreated> {
      const code = codeOfReplyToken(ctx.config, token, ctx.clock.now());
      const row = code ? await findFollowByCode(ctx.db, code) : undefined;
      if (!row) throw followNotFound();
      return record(row.id, body);
    },

    /** Staff who read the request see the feedback, comment included (console). */
    async feedbackOf(actor: Actor | null, requestId: string): Promise<StaffFeedbackView> {
      const row = await findRequest(ctx.db, requestId);
      if (!row) throw new AppError("NOT_FOUND");
      assertCanRead(actor, row);
      const f = await findFeedback(ctx.db, requestId);
      return {
        feedback: f
          ? { resolved: f.resolved, rating: f.rating, comment: f.comment, at: formatVnIso(f.created_at) }
          : null,
      };
    },
  };
}
