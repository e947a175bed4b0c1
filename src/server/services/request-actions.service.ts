import { AppError } from "../../shared/errors.js";
import { type Actor, can } from "../../shared/permissions.js";
import type { RequestAction, RequestStatus } from "../../shared/request-status.js";
import { channelSchema, type RequestDetail } from "../../shared/schemas/requests.js";
import type { AppContext } from "../context.js";
import { insertMessage } from "../db/repositories/conversation.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  findRequest,
  lockRequest,
  type RequestRow,
  updateRequest,
} from "../db/repositories/request.repository.js";
import { listAnswers, listOpenSlips } from "../db/repositories/slip.repository.js";
import { answerOwner } from "../domain/publication.js";
import { nextStatus, stillAwaitingRequester } from "../domain/request-state.js";
import { askForFeedback } from "./feedback.service.js";
import { requestChanged } from "./live-bus.js";
import { notifyRequester } from "./notify.js";
import type { RequestServiceDeps } from "./request.service.js";
import { assertCanRead, mayAttempt, permissionOn, slipActedOn } from "./request-access.js";
import { cooperationHandlers } from "./request-cooperation.js";
import { mergeEffect, relayToJoined } from "./request-merge.js";
import { publicationHandlers } from "./request-publication.js";
import { slipHandlers } from "./request-slip-work.js";
import type { Bodies, Effect, Handlers, Step } from "./request-steps.js";
import { triageHandlers } from "./request-triage.js";
import { readTimeLimits } from "./time-limits.service.js";

/** Every transition's handler, by action (the state machine is `domain/request-state.ts`). */
const handlers: Handlers<RequestAction> = {
  ...triageHandlers,
  ...slipHandlers,
  ...publicationHandlers,
  ...cooperationHandlers,
  // Issue 19: a duplicate joins the request it repeats (request-merge.ts).
  async merge(s, body) {
    const { target: _target, ...effect } = await mergeEffect(s, body.intoId);
    return effect;
  },
};

export function createRequestActions(
  ctx: AppContext,
  deps: RequestServiceDeps,
  detail: (actor: Actor, row: RequestRow) => Promise<RequestDetail>,
) {
  return {
    /**
     * Runs one transition of the state machine in one transaction: lock, authorize on the
     * request's agency, check the version (a concurrent action → 409), apply, append the event,
     * enqueue the requester's notification; then push the change to open consoles.
     */
    async act<A extends RequestAction>(
      actor: Actor | null,
      id: string,
      action: A,
      body: Bodies[A],
    ): Promise<RequestDetail> {
      if (!actor) throw new AppError("UNAUTHENTICATED");
      if (!mayAttempt(actor, action)) throw new AppError("FORBIDDEN");
      const calendar = await deps.calendar();
      const liveCallId = action === "forward" ? ((await deps.calls?.liveCallOf(id)) ?? null) : null;
      const result = await ctx.db.transaction(async (tx) => {
        // A merge locks both requests, the lower id first, so two crossed merges cannot deadlock.
        const intoId = action === "merge" ? (body as Bodies["merge"]).intoId : null;
        if (intoId !== null && intoId < id) await lockRequest(tx, intoId);
        const locked = await lockRequest(tx, id);
        const row = locked ? await findRequest(tx, id) : undefined;
        if (!row) throw new AppError("NOT_FOUND");
        const reader = assertCanRead(actor, row);
        if (row.version !== body.version) throw new AppError("CONFLICT");
        const to: RequestStatus = nextStatus(row.status, action);
        const [answer] = await listAnswers(tx, id);
        // Issue 19: a cooperating agency acts on its own slip, checked against that slip's agency;
        // everything else acts on the lead slip.
        const slip = slipActedOn(action, reader.agencyId, await listOpenSlips(tx, id));
        const on = slip?.role === "cooperating" ? { agency_id: slip.agency_id } : row;
        const needed = permissionOn(action, on, answerOwner(answer));
        if (!needed || !can(reader, needed.action, { agencyId: needed.agencyId })) {
          // Publishing someone else's answer has its own code: the role may publish, not this answer.
          throw new AppError(action === "publish" ? "NOT_ANSWER_OWNER" : "FORBIDDEN");
        }
        const now = ctx.clock.now();
        const limits = await readTimeLimits(tx);
        const obligations = { tx, limits, calendar, now, by: reader.userId };
        const followUrl = new URL(`/tra-cuu?ma=${row.code}`, ctx.config.PUBLIC_URL).toString();
        const effect = await (handlers[action] as (s: Step, b: Bodies[A]) => Promise<Effect>)(
          { tx, actor: reader, row, slip, answer, now, calendar, obligations, followUrl, liveCallId },
          body,
        );
        // Art. 14.6: a change of status ends any wait for the requester.
        const waitEnds = row.awaiting_requester_since !== null && !stillAwaitingRequester(row.status, to);
        const ok = await updateRequest(tx, id, row.version, {
          ...(waitEnds ? { awaitingRequesterSince: null } : {}),
          ...effect.patch,
          status: to,
        });
        if (!ok) throw new AppError("CONFLICT");
        const event = await appendEvent(tx, {
          actor: reader,
          entity: "request",
          entityId: id,
          requestId: id,
          kind: action,
          fromStatus: row.status,
          toStatus: to,
          at: now,
          data: effect.data ?? {},
          publicNote: effect.publicNote ?? null,
        });
        const targets = effect.notify
          ? await notifyRequester(tx, { requestId: id, eventId: event.id, code: row.code, ...effect.notify })
          : [];
        // Issue 19: once published, the requester is asked whether the answer resolved the question.
        if (action === "publish") {
          await askForFeedback(tx, { requestId: id, code: row.code, eventId: event.id, followUrl });
        }
        // Issue 19: the requests that joined this one hear what its requester hears.
        if (row.joined_count > 0) {
          await relayToJoined(tx, {
            actor: reader,
            target: row,
            action,
            eventId: event.id,
            at: now,
            publicNote: effect.publicNote ?? null,
            notify: effect.notify,
          });
        }
        if (effect.question !== undefined) {
          await insertMessage(tx, {
            requestId: id,
            direction: "out",
            // The follow page always shows it; a channel of its own only when notify found one.
            channel: channelSchema.catch("portal").parse(targets[0]?.channel ?? "portal"),
            authorId: reader.userId,
            authorLabel: reader.fullName,
            body: effect.question,
            eventId: event.id,
            at: now,
          });
        }
        return { reader, slip: effect.data?.slipId, agencyId: effect.patch?.agencyId };
      });
      // Forwarding with the call on the line does both: the slip (committed) and the live transfer,
      // unless the operator already said how a transfer by hand went.
      if (
        liveCallId &&
        action === "forward" &&
        !(body as Bodies["forward"]).transferAttempt &&
        typeof result.slip === "string" &&
        typeof result.agencyId === "string"
      ) {
        await deps.calls?.transferWithSlip(result.reader, id, result.agencyId, result.slip);
      }
      const row = await findRequest(ctx.db, id);
      if (!row) throw new AppError("NOT_FOUND");
      deps.live.publish(requestChanged(row, action));
      return detail(result.reader, row);
    },
  };
}
