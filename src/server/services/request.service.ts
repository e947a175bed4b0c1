import type { z } from "zod";
import { AppError } from "../../shared/errors.js";
import { type Actor, scopeOf } from "../../shared/permissions.js";
import type { RevealedContact } from "../../shared/schemas/access-log.js";
import type {
  CreateRequestBody,
  RequestDetail,
  RequestSummary,
  requestListQuery,
} from "../../shared/schemas/requests.js";
import type { AppContext } from "../context.js";
import { getAttachment, listAttachments } from "../db/repositories/attachment.repository.js";
import { listMessages } from "../db/repositories/conversation.repository.js";
import { listContributions } from "../db/repositories/cooperation.repository.js";
import { listRequestEvents } from "../db/repositories/event.repository.js";
import { listRequestObligations } from "../db/repositories/obligation.repository.js";
import { listOutboxForRequest } from "../db/repositories/outbox.repository.js";
import {
  findRequest,
  findRequestByCode,
  type ListFilters,
  listRequests,
  type RequestRow,
} from "../db/repositories/request.repository.js";
import { findOrCreateRequester, findRequesterByPhone } from "../db/repositories/requester.repository.js";
import { listAnswers, listProgress, listSlips } from "../db/repositories/slip.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { maskPhone } from "../domain/contact-mask.js";
import { dueSoonUntil } from "../domain/obligations.js";
import { displayPhone, normalizePhone } from "../domain/phone.js";
import { answerOwner } from "../domain/publication.js";
import { authorize } from "../policies/authorize.js";
import { type AccessOrigin, recordAccess } from "./access-log.service.js";
import { linkRequestToCall } from "./call-link.js";
import { findStoredResponse, fingerprintOf, IdempotentReplay } from "./idempotency.js";
import { type LiveBus, requestChanged } from "./live-bus.js";
import { targetsOf } from "./notify.js";
import { dueOwnerOf, toDetail } from "./request.presenter.js";
import {
  agencyFor,
  allowedActions,
  assertCanRead,
  contactViewOf,
  cooperatingSlipOf,
  recordListRead,
  slipActedOn,
  summaries,
  withoutEarlyProgress,
} from "./request-access.js";
import { recordRequest } from "./request-intake.js";
import { dueContextOf } from "./time-limits.service.js";

export interface RequestServiceDeps {
  calendar: () => Promise<WorkingCalendar>;
  live: LiveBus;
  /**
   * The switchboard (issue 12): a request forwarded while its call is still on the line is also
   * transferred live to the agency; the result lands on the slip. Absent in tests of other parts.
   */
  calls?: {
    liveCallOf(requestId: string): Promise<string | null>;
    transferWithSlip(actor: Actor, requestId: string, agencyId: string, slipId: string): Promise<boolean>;
  };
}

/** Awaits every read of a record at once, keeping their names. */
async function allNamed<T extends Record<string, Promise<unknown>>>(
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const done = await Promise.all(Object.entries(reads).map(async ([k, p]) => [k, await p] as const));
  return Object.fromEntries(done) as { [K in keyof T]: Awaited<T[K]> };
}

export function createRequestService(ctx: AppContext, deps: RequestServiceDeps) {
  const { db } = ctx;

  async function detail(actor: Actor, row: RequestRow): Promise<RequestDetail> {
    const [calendar, parts] = await Promise.all([
      deps.calendar(),
      allNamed({
        slips: listSlips(db, row.id),
        contributions: listContributions(db, row.id),
        answers: listAnswers(db, row.id),
        progress: listProgress(db, row.id),
        attachments: listAttachments(db, row.id),
        events: listRequestEvents(db, row.id),
        outbox: listOutboxForRequest(db, row.id),
        obligations: listRequestObligations(db, row.id),
        messages: listMessages(db, row.id),
      }),
    ]);
    const { slips, answers } = parts;
    const cooperating = cooperatingSlipOf(slips, actor.agencyId);
    // The slip a progress update would be posted on (the same rule as the action itself).
    const progressSlip = slipActedOn("post_progress", actor.agencyId, slips);
    const actions = allowedActions(actor, row, answerOwner(answers[0]), cooperating?.agency_id ?? null);
    return toDetail(
      row,
      {
        ...parts,
        allowedActions: withoutEarlyProgress(actions, progressSlip?.id, parts.obligations, ctx.clock.now()),
      },
      await dueContextOf(db, calendar, ctx.clock.now()),
      contactViewOf(actor),
      dueOwnerOf(actor),
    );
  }

  /** An authorized read of personal data, recorded before the data leaves (issue 14). */
  const accessed = (
    reader: Actor,
    origin: AccessOrigin,
    r: Parameters<typeof recordAccess>[4],
  ): Promise<void> => recordAccess(db, ctx.clock.now(), reader, origin, r);

  return {
    detail,

    /** Operator intake from any channel (Art. 9.1, R-IN1). */
    async createRequest(
      actor: Actor | null,
      body: CreateRequestBody,
      idempotencyKey?: string,
    ): Promise<RequestDetail> {
      const operator = authorize(actor, "request.create");
      const now = ctx.clock.now();
      // Issue 15: one operator's key, within 24 hours, stands for one request; a retry presents it again.
      const idem = idempotencyKey
        ? { scope: `staff:${operator.userId}`, key: idempotencyKey, bodyHash: fingerprintOf(body) }
        : null;
      const presentStored = async (code: string) => {
        const row = await findRequestByCode(db, code);
        if (!row) throw new AppError("NOT_FOUND");
        return detail(operator, row);
      };
      const stored = idem ? await findStoredResponse(db, idem, now) : null;
      if (stored) return presentStored(stored.code);
      const phone = body.requester.phone
        ? (normalizePhone(body.requester.phone) ?? body.requester.phone)
        : null;
      const contact = {
        kind: body.requester.kind,
        fullName: body.requester.fullName || null,
        phone,
        address: body.requester.address || null,
        email: body.requester.email || null,
      };
      const created = await db
        .transaction(async (tx) => {
          const requester = await findOrCreateRequester(tx, contact);
          const idempotency = idem
            ? { ...idem, at: now, respond: (code: string) => ({ status: 201, body: { code } }) }
            : null;
          const recorded = await recordRequest(tx, {
            channel: body.channel,
            receivedAt: body.receivedAt ? new Date(body.receivedAt) : now,
            requester: { id: requester.id },
            // What this caller said is this request's own; a known caller's stored details stay (issue 13).
            contact: { ...contact, phone: body.requester.phone || null, channelId: null },
            content: body.content,
            fieldCode: body.field,
            urgency: body.urgency,
            publishConsent: body.publishConsent,
            operator,
            call: body.call ?? null,
            notifyTargets: targetsOf({
              channel: body.channel,
              email: contact.email,
              phone: contact.phone,
              externalId: null,
            }),
            publicUrl: ctx.config.PUBLIC_URL,
            idempotency,
          });
          // Saved during or after a call from the switchboard: the call and the request know each other.
          if (body.call?.callId) await linkRequestToCall(tx, body.call.callId, recorded.id);
          return recorded;
        })
        .catch((error: unknown) => {
          if (error instanceof IdempotentReplay) return { replayed: error.stored.code };
          throw error;
        });
      if ("replayed" in created) return presentStored(created.replayed);
      const row = await findRequest(db, created.id);
      if (!row) throw new AppError("NOT_FOUND");
      deps.live.publish(requestChanged(row, "received"));
      return detail(operator, row);
    },

    async getRequest(actor: Actor | null, id: string, origin: AccessOrigin): Promise<RequestDetail> {
      const row = await findRequest(db, id);
      if (!row) {
        authorize(actor, "request.read");
        throw new AppError("NOT_FOUND");
      }
      const reader = assertCanRead(actor, row);
      await accessed(reader, origin, {
        action: "request_read",
        requestId: row.id,
        details: { contacts: contactViewOf(reader) },
      });
      return detail(reader, row);
    },

    /**
     * Issue 13: an agency sees the requester's phone, email and address masked; this shows them for
     * one request, recorded in the access log (who, when, which request, from where).
     */
    async revealContact(actor: Actor | null, id: string, origin: AccessOrigin): Promise<RevealedContact> {
      authorize(actor, "request.contact_reveal");
      const row = await findRequest(db, id);
      if (!row) throw new AppError("NOT_FOUND");
      const reader = authorize(
        actor,
        "request.contact_reveal",
        { agencyId: agencyFor(actor, row) },
        { hideExistence: true },
      );
      await accessed(reader, origin, { action: "contact_reveal", requestId: row.id });
      return {
        fullName: row.requester_name,
        phone: displayPhone(row.requester_phone),
        email: row.requester_email,
        address: row.requester_address,
      };
    },

    async listRequests(
      actor: Actor | null,
      q: z.infer<typeof requestListQuery>,
      origin: AccessOrigin,
    ): Promise<{ items: RequestSummary[]; total: number }> {
      const reader = authorize(actor, "request.read");
      const now = ctx.clock.now();
      const calendar = await deps.calendar();
      const filters: ListFilters = {
        statuses: q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status],
        agencyId: q.agencyId,
        urgency: q.urgency,
        channel: q.channel,
        q: q.q,
        open: q.open === "true",
        stage: q.stage,
        sort: q.sort,
      };
      // Agency-scoped staff see only their own agency's requests, whatever they ask for.
      // Issue 19: and the requests they cooperate on.
      if (scopeOf(reader.role, "request.read") === "agency") {
        filters.agencyId = undefined;
        filters.involvingAgencyId = reader.agencyId ?? "00000000-0000-0000-0000-000000000000";
      }
      const due = await dueContextOf(db, calendar, now);
      if (q.due) filters.due = { state: q.due, now, until: dueSoonUntil(now, calendar, due.leadHours) };
      const { rows, total } = await listRequests(db, filters, {
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const items = await summaries(db, rows, due, reader);
      await recordListRead(ctx, reader, origin, "GET /api/v1/requests", { ...q }, items);
      return { items, total };
    },

    /** Operator desk: who is calling, and what they asked before (R-IN1). */
    async lookupRequester(actor: Actor | null, phoneInput: string, origin: AccessOrigin) {
      const desk = authorize(actor, "requester.lookup");
      const phone = normalizePhone(phoneInput);
      if (!phone) throw new AppError("VALIDATION", "Số điện thoại không hợp lệ.");
      const requester = await findRequesterByPhone(db, phone);
      // The phone looked up is itself personal data: the log keeps it masked.
      await accessed(desk, origin, {
        action: "requester_lookup",
        target: maskPhone(displayPhone(phone)),
        details: { found: requester !== undefined },
      });
      if (!requester) return { requester: null, requests: [] };
      const calendar = await deps.calendar();
      const now = ctx.clock.now();
      const { rows } = await listRequests(db, { requesterId: requester.id }, { limit: 20, offset: 0 });
      const due = await dueContextOf(db, calendar, now);
      return {
        requester: {
          id: requester.id,
          kind: requester.kind,
          fullName: requester.full_name,
          phone: phoneInput,
          address: requester.address,
          email: requester.email,
        },
        requests: await summaries(db, rows, due, desk),
      };
    },

    async getAttachment(actor: Actor | null, requestId: string, attachmentId: string, origin: AccessOrigin) {
      const row = await findRequest(db, requestId);
      if (!row) throw new AppError("NOT_FOUND");
      const reader = assertCanRead(actor, row);
      const file = await getAttachment(db, requestId, attachmentId);
      if (!file) throw new AppError("NOT_FOUND");
      await accessed(reader, origin, {
        action: "attachment_download",
        requestId,
        target: attachmentId,
        details: { filename: file.filename, mimeType: file.mimeType },
      });
      return file;
    },
  };
}
