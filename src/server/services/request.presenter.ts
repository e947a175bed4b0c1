import { type Actor, scopeOf } from "../../shared/permissions.js";
import type { RequestDetail, RequestSummary } from "../../shared/schemas/requests.js";
import { formatVnIso, formatVnIsoOrNull } from "../../shared/time.js";
import type { AttachmentMeta } from "../db/repositories/attachment.repository.js";
import type { MessageRow } from "../db/repositories/conversation.repository.js";
import type { ContributionRow } from "../db/repositories/cooperation.repository.js";
import type { EventRow } from "../db/repositories/event.repository.js";
import type { ObligationRow } from "../db/repositories/obligation.repository.js";
import type { OutboxRow } from "../db/repositories/outbox.repository.js";
import type { RequestRow } from "../db/repositories/request.repository.js";
import type { AnswerRow, ProgressRow, SlipRow } from "../db/repositories/slip.repository.js";
import {
  maskAddress,
  maskContactsDeep,
  maskContactsInText,
  maskEmail,
  maskPhone,
} from "../domain/contact-mask.js";
import { deliveryReason } from "../domain/delivery-reason.js";
import { dueStateOf, metOnTime } from "../domain/obligations.js";
import { displayPhone } from "../domain/phone.js";
import { toConversation } from "./conversation.js";
import { type DueContext, factsOf, toObligationView } from "./obligation.presenter.js";

const iso = formatVnIso;

/**
 * The answer time promised to the requester on the portal: the latest appointment once one was given
 * after the legal deadline (Art. 10.3). A promise only — lateness comes from the obligations.
 */
export function effectiveDue(dueAt: Date, appointmentAt: Date | null): Date {
  return appointmentAt && appointmentAt > dueAt ? appointmentAt : dueAt;
}

type SlipNote = RequestDetail["slips"][number]["notes"][number];

/**
 * The notes that travel with a slip (issue 18), read from the request's events where they are
 * stored: the forwarding note of the operator, or, for an assigned slip, the operator's note to the
 * coordinator (the escalation before it) and the coordinator's note on assignment.
 */
export function slipNotes(events: readonly EventRow[], slipId: string): SlipNote[] {
  const sentAt = events.findIndex(
    (e) =>
      ((e.kind === "forward" || e.kind === "assign_agency") && e.data.slipId === slipId) ||
      ((e.kind === "forward" || e.kind === "assign_agency" || e.kind === "request_cooperation") &&
        cooperatingSlipIds(e).includes(slipId)),
  );
  const sent = events[sentAt];
  if (!sent) return [];
  const chain: EventRow[] = [sent];
  if (sent.kind === "assign_agency") {
    const escalation = events
      .slice(0, sentAt)
      .findLast((e) => e.kind === "escalate" || e.kind === "forward" || e.kind === "assign_agency");
    if (escalation?.kind === "escalate") chain.unshift(escalation);
  }
  return chain.flatMap((e) => {
    const text = typeof e.data.note === "string" ? e.data.note.trim() : "";
    return text ? [{ kind: e.kind as SlipNote["kind"], text, author: e.actor_label, at: iso(e.at) }] : [];
  });
}

/** The cooperating slips an event sent (issue 19: `data.cooperating[].slipId`). */
function cooperatingSlipIds(e: EventRow): string[] {
  const list = e.data.cooperating;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) =>
    typeof c === "object" && c !== null && typeof (c as { slipId?: unknown }).slipId === "string"
      ? [(c as { slipId: string }).slipId]
      : [],
  );
}

/**
 * Whose duties decide the due state a viewer sees (issue 19): an agency's staff see what their own
 * agency owes — a cooperating agency its slip's deadlines, the lead its own — as their worklist
 * filters them (`involvingAgencyId` in request.repository.ts); province-wide roles see every open
 * duty of the request. Null: every duty.
 */
export function dueOwnerOf(viewer: Actor): string | null {
  return scopeOf(viewer.role, "request.read") === "agency" ? (viewer.agencyId ?? "") : null;
}

/** The obligations `owner` owes (all of them when `owner` is null). */
export function owedBy(obligations: ObligationRow[], owner: string | null): ObligationRow[] {
  return owner === null ? obligations : obligations.filter((o) => o.agency_id === owner);
}

/** Due state from obligations (domain/obligations.ts), with the governing deadline. */
function dueOf(obligations: ObligationRow[], c: DueContext) {
  const facts = obligations.map((o) => ({ ...factsOf(o), kind: o.kind }));
  const due = dueStateOf(facts, c.now, c.calendar, c.leadHours);
  return {
    dueAt: formatVnIsoOrNull(due.dueAt),
    workingHoursLeft: due.workingHoursLeft,
    dueState: due.dueState,
    dueKind: due.governing?.kind ?? null,
  };
}

/**
 * How a viewer sees the requester's phone, email and address: as given ("shown", the desk and the
 * coordinator) or masked (agencies until an audited reveal; issue 13). Decided by the caller from
 * the permission table ("request.contact"); applied here, to what the API returns, whatever the
 * storage of the contact details.
 */
export type ContactView = "shown" | "masked";

/** `open`: the request's open obligations (more are ignored), which decide its due state. */
export function toSummary(
  row: RequestRow,
  open: ObligationRow[],
  c: DueContext,
  contacts: ContactView,
): RequestSummary {
  const phone = displayPhone(row.requester_phone);
  const { dueAt, workingHoursLeft, dueState, dueKind } = dueOf(
    open.filter((o) => o.request_id === row.id),
    c,
  );
  return {
    id: row.id,
    code: row.code,
    channel: row.channel,
    status: row.status,
    urgency: row.urgency,
    receivedAt: iso(row.received_at),
    requesterName: row.requester_name,
    requesterPhone: contacts === "shown" ? phone : maskPhone(phone),
    contentPreview: row.content.length > 160 ? `${row.content.slice(0, 157)}…` : row.content,
    field: row.field_code,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    dueAt,
    workingHoursLeft,
    dueState,
    dueKind,
    completeness: row.completeness,
    awaitingRequesterSince: formatVnIsoOrNull(row.awaiting_requester_since),
  };
}

export interface DetailParts {
  slips: SlipRow[];
  contributions: ContributionRow[];
  answers: AnswerRow[];
  progress: ProgressRow[];
  attachments: AttachmentMeta[];
  events: EventRow[];
  outbox: OutboxRow[];
  obligations: ObligationRow[];
  messages: MessageRow[];
  allowedActions: RequestDetail["allowedActions"];
}

export function toDetail(
  row: RequestRow,
  parts: DetailParts,
  c: DueContext,
  contacts: ContactView,
  /** dueOwnerOf(viewer): the due state counts that agency's duties; the list shows them all. */
  dueOwner: string | null = null,
): RequestDetail {
  const shown = contacts === "shown";
  const phone = displayPhone(row.requester_phone);
  return {
    ...toSummary(row, owedBy(parts.obligations, dueOwner), c, contacts),
    version: row.version,
    content: row.content,
    publishConsent: row.publish_consent,
    requester: {
      id: row.requester_id,
      kind: row.requester_kind,
      fullName: row.requester_name,
      phone: shown ? phone : maskPhone(phone),
      address: shown ? row.requester_address : maskAddress(row.requester_address),
      email: shown ? row.requester_email : maskEmail(row.requester_email),
      contactMasked: !shown,
    },
    followLinkActive: row.follow_link_active,
    mergedInto:
      row.merged_into_id && row.merged_into_code && row.merged_at
        ? { id: row.merged_into_id, code: row.merged_into_code, at: iso(row.merged_at) }
        : null,
    joinedCount: row.joined_count,
    operatorName: row.operator_name,
    refusal: row.refusal_reason_text ? { reason: row.refusal_reason_text, note: row.refusal_note } : null,
    publicQuestion: row.public_question,
    publicAnswer: row.public_answer,
    publishedAt: formatVnIsoOrNull(row.published_at),
    publicId: row.published_at ? row.public_id : null,
    takedown:
      row.taken_down_at && row.takedown_reason
        ? { at: iso(row.taken_down_at), reason: row.takedown_reason }
        : null,
    answeringAgency: row.answering_agency_name,
    slips: parts.slips.map((s) => {
      const closed = s.closed_at !== null;
      const due = dueOf(
        parts.obligations.filter((o) => o.slip_id === s.id),
        c,
      );
      return {
        id: s.id,
        agencyId: s.agency_id,
        agencyName: s.agency_name,
        role: s.role,
        sentAt: iso(s.sent_at),
        transferAttempt: s.transfer_attempt,
        status: s.status,
        // The slip's next deadline: its earliest open obligation, else its answer deadline.
        dueAt: (!closed && due.dueAt) || iso(s.due_at),
        appointmentAt: formatVnIsoOrNull(s.appointment_at),
        returnReason: s.return_reason,
        closedAt: formatVnIsoOrNull(s.closed_at),
        workingHoursLeft: closed ? null : due.workingHoursLeft,
        dueState: closed ? ("closed" as const) : (due.dueState ?? "ok"),
        notes: slipNotes(parts.events, s.id),
      };
    }),
    contributions: parts.contributions.map((k) => {
      const answer = parts.obligations.find((o) => o.slip_id === k.slip_id && o.kind === "answer");
      return {
        id: k.id,
        slipId: k.slip_id,
        agencyId: k.agency_id,
        agencyName: k.agency_name,
        authorName: k.author_name,
        body: k.body,
        createdAt: iso(k.created_at),
        onTime: !answer || answer.waived_at !== null || metOnTime(factsOf(answer)),
      };
    }),
    answers: parts.answers.map((a) => ({
      id: a.id,
      source: a.source,
      body: a.body,
      givenByPhone: a.given_by_phone,
      agencyName: a.agency_name,
      authorName: a.author_name,
      createdAt: iso(a.created_at),
    })),
    progress: parts.progress.map((p) => ({
      note: p.note,
      appointmentAt: iso(p.appointment_at),
      createdAt: iso(p.created_at),
      authorName: p.author_name,
    })),
    attachments: parts.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      mimeType: a.mime_type,
      sizeBytes: a.size_bytes,
    })),
    events: parts.events.map((e) => ({
      id: e.id,
      at: iso(e.at),
      actor: e.actor_label,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      publicNote: e.public_note,
      // Corrections carry contact details before and after: masked like the requester's.
      data: shown ? e.data : (maskContactsDeep(e.data) as Record<string, unknown>),
    })),
    outbox: parts.outbox.map((o) => ({
      id: o.id,
      channel: o.channel,
      kind: o.kind,
      status: o.status,
      attempts: o.attempts,
      // A provider's text may name the recipient: masked like the contacts (its reason read from the raw text).
      lastError: shown ? o.last_error : maskContactsInText(o.last_error),
      lastErrorReason: deliveryReason(o.last_error),
      createdAt: iso(o.created_at),
      sentAt: formatVnIsoOrNull(o.sent_at),
      deliveryStatus: o.delivery_status,
      deliveryError:
        o.delivery_status === "delivered"
          ? null
          : shown
            ? o.delivery_error
            : maskContactsInText(o.delivery_error),
    })),
    messages: toConversation(parts.messages),
    allowedActions: parts.allowedActions,
    obligations: parts.obligations.map((o) => toObligationView(o, c)),
  };
}
