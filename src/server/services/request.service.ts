import type { z } from "zod";
import { AppError } from "../../shared/errors.js";
import { type Action, type Actor, can, scopeOf } from "../../shared/permissions.js";
import type { RequestAction, RequestStatus } from "../../shared/request-status.js";
import type { RevealedContact } from "../../shared/schemas/access-log.js";
import type {
  CreateRequestBody,
  issueFollowLinkBody,
  RequestDetail,
  RequestSummary,
  requestListQuery,
  revokeFollowLinkBody,
  updateRequestBody,
} from "../../shared/schemas/requests.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { listMessages } from "../db/repositories/conversation.repository.js";
import { listContributions } from "../db/repositories/cooperation.repository.js";
import { appendEvent, listRequestEvents } from "../db/repositories/event.repository.js";
import { findFieldByCode } from "../db/repositories/field.repository.js";
import { listOpenObligationsOf, listRequestObligations } from "../db/repositories/obligation.repository.js";
import { listOutboxForRequest } from "../db/repositories/outbox.repository.js";
import {
  findRequest,
  findRequestByCode,
  type ListFilters,
  listRequests,
  type RequestContactPatch,
  type RequestRow,
  replaceFollowSecret,
  revokeFollowSecret,
  updateRequest,
  updateRequestContact,
} from "../db/repositories/request.repository.js";
import { findOrCreateRequester, findRequesterByPhone } from "../db/repositories/requester.repository.js";
import {
  getAttachment,
  listAnswers,
  listAttachments,
  listProgress,
  listSlips,
} from "../db/repositories/slip.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { completenessOf } from "../domain/completeness.js";
import { maskPhone } from "../domain/contact-mask.js";
import { dueSoonUntil } from "../domain/obligations.js";
import { displayPhone, normalizePhone } from "../domain/phone.js";
import { type AnswerOwner, answerOwner, isPublished } from "../domain/publication.js";
import { actionsFrom, assertCanEdit } from "../domain/request-state.js";
import { authorize } from "../policies/authorize.js";
import { type AccessOrigin, recordAccess } from "./access-log.service.js";
import { linkRequestToCall } from "./call-link.js";
import { followLink, newFollowSecret } from "./follow-link.js";
import { findStoredResponse, fingerprintOf, IdempotentReplay } from "./idempotency.js";
import type { LiveBus } from "./live-bus.js";
import { notifyRequester, targetsFor, targetsOf } from "./notify.js";
import type { DueContext } from "./obligation.presenter.js";
import { type ContactView, dueOwnerOf, owedBy, toDetail, toSummary } from "./request.presenter.js";
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

/**
 * The permission each transition needs (the table itself is in src/shared/permissions.ts); the
 * route lets in a role holding any of them, the service then checks the one that applies to the
 * request (permissionOn).
 */
export const actionPermission = {
  answer_from_kb: "request.answer_from_kb",
  refuse: "request.refuse",
  forward: "request.forward",
  escalate: "request.escalate",
  assign_agency: "request.assign_agency",
  answer_by_phone: "slip.answer_by_phone",
  mark_verifying: "slip.mark_verifying",
  post_progress: "slip.post_progress",
  record_answer: "slip.record_answer",
  return_to_coordinator: "slip.return",
  ask_requester: "slip.ask_requester",
  publish: ["request.publish_kb_answer", "request.publish_agency_answer"],
  takedown: "request.takedown",
  close: "request.close",
  request_cooperation: "slip.request_cooperation",
  contribute: "slip.contribute",
  merge: "request.merge",
} as const satisfies Record<RequestAction, Action | readonly Action[]>;

/** Whether the actor's role holds the action's permission at all (before looking at the request). */
export function mayAttempt(actor: Actor, action: RequestAction): boolean {
  const needed: Action | readonly Action[] = actionPermission[action];
  return (typeof needed === "string" ? [needed] : needed).some((a) => can(actor, a));
}

/**
 * The one permission `action` needs on this request and the agency it is checked against, or null
 * when nobody may take it. Publication belongs to whoever answered (Art. 8.2, 12.2, 14.7): an
 * answer from the Q&A base is the operator's to publish, an agency's recorded answer that agency's.
 */
export function permissionOn(
  action: RequestAction,
  row: { agency_id: string | null },
  owner: AnswerOwner | null,
): { action: Action; agencyId: string | null } | null {
  if (action === "publish") {
    if (!owner) return null;
    return owner.kind === "hotline"
      ? { action: "request.publish_kb_answer", agencyId: null }
      : { action: "request.publish_agency_answer", agencyId: owner.agencyId };
  }
  const needed: Action | readonly Action[] = actionPermission[action];
  return typeof needed === "string" ? { action: needed, agencyId: row.agency_id } : null;
}

/**
 * The agency an agency-scoped viewer is checked against on this request: their own when they hold
 * a cooperating slip on it (issue 19), else the agency responsible for the request.
 */
export function agencyFor(
  actor: Pick<Actor, "agencyId"> | null,
  row: { agency_id: string | null; cooperating_agency_ids?: readonly string[] },
): string | null {
  const own = actor?.agencyId ?? null;
  return own !== null && row.cooperating_agency_ids?.includes(own) ? own : row.agency_id;
}

/**
 * Reading a request: agency-scoped staff see only their agency's requests (R-SE1) — those it is
 * responsible for and those it cooperates on (issue 19).
 */
export function assertCanRead(
  actor: Actor | null,
  row: { agency_id: string | null; cooperating_agency_ids?: readonly string[] },
): Actor {
  return authorize(actor, "request.read", { agencyId: agencyFor(actor, row) }, { hideExistence: true });
}

/**
 * Issue 19: the actions a cooperating agency takes on its own slip; their permission is checked
 * against that slip's agency, not the lead's.
 */
export const cooperatingActions: readonly RequestAction[] = ["contribute", "post_progress"];

/** The actions this actor may take on this request now: state machine ∩ permission table. */
export function allowedActions(
  actor: Actor,
  row: {
    status: RequestStatus;
    agency_id: string | null;
    published_at: Date | null;
    taken_down_at: Date | null;
  },
  owner: AnswerOwner | null,
  /** The agency of the actor's open cooperating slip on this request, if any (issue 19). */
  cooperatingSlipAgency: string | null = null,
): RequestAction[] {
  return actionsFrom(row.status).filter((a) => {
    // A closed request whose answer is not on the portal has nothing to take down.
    if (a === "takedown" && !isPublished(row)) return false;
    // Only an agency holding an open cooperating slip contributes.
    if (a === "contribute" && cooperatingSlipAgency === null) return false;
    const on =
      cooperatingSlipAgency !== null && cooperatingActions.includes(a)
        ? { agency_id: cooperatingSlipAgency }
        : row;
    const p = permissionOn(a, on, owner);
    return p !== null && can(actor, p.action, { agencyId: p.agencyId });
  });
}

/** Whether this viewer sees requesters' contact details as given or masked (issue 13). */
export function contactViewOf(viewer: Actor): ContactView {
  return can(viewer, "request.contact") ? "shown" : "masked";
}

/**
 * The contact fields a correction really changes, with their values before and after; undefined
 * when it changes none. Only changed fields are written and recorded.
 */
export function contactChanges(
  row: Pick<
    RequestRow,
    "requester_kind" | "requester_name" | "requester_phone" | "requester_address" | "requester_email"
  >,
  patch: RequestContactPatch,
): { before: RequestContactPatch; after: RequestContactPatch } | undefined {
  const current: Required<RequestContactPatch> = {
    kind: row.requester_kind,
    fullName: row.requester_name,
    phone: row.requester_phone,
    address: row.requester_address,
    email: row.requester_email,
  };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(current) as (keyof RequestContactPatch)[]) {
    const next = patch[key];
    if (next === undefined || next === current[key]) continue;
    before[key] = current[key];
    after[key] = next;
  }
  return Object.keys(after).length > 0
    ? { before: before as RequestContactPatch, after: after as RequestContactPatch }
    : undefined;
}

/** Summaries of listed requests, their due state decided by their open obligations (one query). */
export async function summaries(
  db: Executor,
  rows: RequestRow[],
  due: DueContext,
  viewer: Actor,
): Promise<RequestSummary[]> {
  if (rows.length === 0) return [];
  const open = await listOpenObligationsOf(
    db,
    rows.map((r) => r.id),
  );
  const contacts = contactViewOf(viewer);
  const mine = owedBy(open, dueOwnerOf(viewer));
  return rows.map((r) => toSummary(r, mine, due, contacts));
}

/**
 * A list read that returned requesters' contact details unmasked: one access-log entry naming the
 * endpoint, its filters and the requests listed (issue 14). Masked or empty lists leave none.
 */
export async function recordListRead(
  ctx: Pick<AppContext, "db" | "clock">,
  viewer: Actor,
  origin: AccessOrigin,
  endpoint: string,
  filters: Record<string, unknown>,
  listed: readonly { id: string }[],
): Promise<void> {
  if (contactViewOf(viewer) !== "shown" || listed.length === 0) return;
  await recordAccess(ctx.db, ctx.clock.now(), viewer, origin, {
    action: "request_list",
    details: {
      endpoint,
      filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      requestIds: [...new Set(listed.map((r) => r.id))],
    },
  });
}

export function createRequestService(ctx: AppContext, deps: RequestServiceDeps) {
  const { db } = ctx;

  async function detail(actor: Actor, row: RequestRow): Promise<RequestDetail> {
    const [
      calendar,
      slips,
      contributions,
      answers,
      progress,
      attachments,
      events,
      outbox,
      obligations,
      messages,
    ] = await Promise.all([
      deps.calendar(),
      listSlips(db, row.id),
      listContributions(db, row.id),
      listAnswers(db, row.id),
      listProgress(db, row.id),
      listAttachments(db, row.id),
      listRequestEvents(db, row.id),
      listOutboxForRequest(db, row.id),
      listRequestObligations(db, row.id),
      listMessages(db, row.id),
    ]);
    const parts = {
      slips,
      contributions,
      answers,
      progress,
      attachments,
      events,
      outbox,
      obligations,
      messages,
    };
    const cooperating = slips.find(
      (s) => s.role === "cooperating" && s.closed_at === null && s.agency_id === actor.agencyId,
    );
    return toDetail(
      row,
      {
        ...parts,
        allowedActions: allowedActions(actor, row, answerOwner(answers[0]), cooperating?.agency_id ?? null),
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
      deps.live.publish({
        requestId: row.id,
        code: row.code,
        status: row.status,
        agencyId: null,
        urgency: row.urgency,
        kind: "received",
      });
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

    /** Corrects what the requester said (Art. 7: the operator fills what was missing). */
    async updateRequest(
      actor: Actor | null,
      id: string,
      body: z.infer<typeof updateRequestBody>,
    ): Promise<RequestDetail> {
      const editor = authorize(actor, "request.edit");
      await db.transaction(async (tx) => {
        const row = await findRequest(tx, id);
        if (!row) throw new AppError("NOT_FOUND");
        assertCanEdit(row.status);
        let fieldId = row.field_id;
        if (body.field !== undefined) {
          if (body.field === null) fieldId = null;
          else {
            const f = await findFieldByCode(tx, body.field);
            if (!f?.active) throw new AppError("VALIDATION", "Lĩnh vực không hợp lệ.");
            fieldId = f.id;
          }
        }
        const r = body.requester ?? {};
        const phone =
          r.phone === undefined ? undefined : r.phone ? (normalizePhone(r.phone) ?? r.phone) : null;
        const content = body.content ?? row.content;
        const completeness = completenessOf({
          fullName: r.fullName !== undefined ? r.fullName : row.requester_name,
          address: r.address !== undefined ? r.address : row.requester_address,
          phone: phone !== undefined ? phone : row.requester_phone,
          content,
          fieldId,
        });
        const ok = await updateRequest(tx, id, body.version, {
          content: body.content,
          fieldId: body.field === undefined ? undefined : fieldId,
          urgency: body.urgency,
          completeness,
        });
        if (!ok) throw new AppError("CONFLICT");
        const contact = contactChanges(row, {
          kind: r.kind,
          fullName: r.fullName === undefined ? undefined : r.fullName || null,
          phone,
          address: r.address === undefined ? undefined : r.address || null,
          email: r.email === undefined ? undefined : r.email || null,
        });
        if (contact) {
          // The correction is this request's only: other requests and the requester row keep theirs.
          await updateRequestContact(tx, id, contact.after);
          // Audit trail for staff only (no public note): the follow page never shows contact details.
          await appendEvent(tx, {
            actor: editor,
            entity: "request",
            entityId: id,
            requestId: id,
            kind: "contact_corrected",
            data: contact,
          });
        }
        if (
          body.content !== undefined ||
          body.field !== undefined ||
          body.urgency !== undefined ||
          !contact
        ) {
          await appendEvent(tx, {
            actor: editor,
            entity: "request",
            entityId: id,
            requestId: id,
            kind: "edited",
            data: {
              before: { content: row.content, field: row.field_code, urgency: row.urgency },
              after: { content: body.content, field: body.field, urgency: body.urgency },
            },
          });
        }
      });
      const row = await findRequest(db, id);
      if (!row) throw new AppError("NOT_FOUND");
      return detail(editor, row);
    },

    /**
     * Revokes the request's follow link (e.g. the requester says someone else saw it): the link
     * then answers the same 404 as any wrong one. Recorded on the request for staff, no public note.
     */
    async revokeFollowLink(
      actor: Actor | null,
      id: string,
      body: z.infer<typeof revokeFollowLinkBody>,
    ): Promise<RequestDetail> {
      const editor = authorize(actor, "request.edit");
      await db.transaction(async (tx) => {
        const row = await findRequest(tx, id);
        if (!row) throw new AppError("NOT_FOUND");
        if (!row.follow_link_active)
          throw new AppError("INVALID_TRANSITION", "Yêu cầu này không có đường dẫn theo dõi đang hiệu lực.");
        if (!(await updateRequest(tx, id, body.version, {}))) throw new AppError("CONFLICT");
        await revokeFollowSecret(tx, id, ctx.clock.now());
        await appendEvent(tx, {
          actor: editor,
          entity: "request",
          entityId: id,
          requestId: id,
          kind: "follow_link_revoked",
          data: { reason: body.reason },
        });
      });
      const row = await findRequest(db, id);
      if (!row) throw new AppError("NOT_FOUND");
      return detail(editor, row);
    },

    /**
     * Sends the requester a new follow link over the request's own channel (after a revocation, or
     * when they lost it); the previous link stops working. 409 when the request has no way to
     * reach the requester (phone only: they follow by code + phone).
     */
    async issueFollowLink(
      actor: Actor | null,
      id: string,
      body: z.infer<typeof issueFollowLinkBody>,
    ): Promise<RequestDetail> {
      const editor = authorize(actor, "request.edit");
      await db.transaction(async (tx) => {
        const row = await findRequest(tx, id);
        if (!row) throw new AppError("NOT_FOUND");
        const targets = await targetsFor(tx, id);
        if (targets.length === 0)
          throw new AppError(
            "INVALID_TRANSITION",
            "Không có kênh nào (email, Zalo, Facebook) để gửi đường dẫn cho người yêu cầu này.",
          );
        if (!(await updateRequest(tx, id, body.version, {}))) throw new AppError("CONFLICT");
        const follow = newFollowSecret();
        await replaceFollowSecret(tx, id, follow.hash);
        const event = await appendEvent(tx, {
          actor: editor,
          entity: "request",
          entityId: id,
          requestId: id,
          kind: "follow_link_issued",
          data: { channels: targets.map((x) => x.channel) },
        });
        await notifyRequester(tx, {
          requestId: id,
          eventId: event.id,
          kind: "follow_link",
          code: row.code,
          targets,
          text: `Đường dẫn mới để theo dõi yêu cầu ${row.code} (đường dẫn cũ không còn dùng được; không chia sẻ cho người khác): ${followLink(ctx.config.PUBLIC_URL, follow.secret)}`,
        });
      });
      const row = await findRequest(db, id);
      if (!row) throw new AppError("NOT_FOUND");
      return detail(editor, row);
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
        details: { filename: file.filename, mimeType: file.mime_type },
      });
      return {
        filename: file.filename,
        mimeType: file.mime_type,
        content: Buffer.from(file.content_b64, "base64"),
      };
    },
  };
}
