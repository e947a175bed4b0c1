import type { RequestDetail, RequestSummary } from "../../shared/schemas/requests.js";
import { formatVnIso } from "../../shared/time.js";
import type { EventRow } from "../db/repositories/event.repository.js";
import type { OutboxRow } from "../db/repositories/outbox.repository.js";
import type { RequestRow } from "../db/repositories/request.repository.js";
import type { AnswerRow, AttachmentMeta, ProgressRow, SlipRow } from "../db/repositories/slip.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { displayPhone } from "../domain/phone.js";

const iso = formatVnIso;
const isoOrNull = (d: Date | null) => (d ? iso(d) : null);

/** A slip's next deadline: its appointment once one was given after the legal deadline (Art. 10.3). */
export function effectiveDue(dueAt: Date, appointmentAt: Date | null): Date {
  return appointmentAt && appointmentAt > dueAt ? appointmentAt : dueAt;
}

/** Due state in working time (R-HA6): late when past the deadline, due soon within 1 working hour. */
export function dueStateOf(
  calendar: WorkingCalendar,
  now: Date,
  due: Date | null,
  closed: boolean,
): { workingHoursLeft: number | null; dueState: "ok" | "due_soon" | "late" | "closed" | null } {
  if (!due) return { workingHoursLeft: null, dueState: null };
  if (closed) return { workingHoursLeft: null, dueState: "closed" };
  const left = Math.round(calendar.workingHoursBetween(now, due) * 100) / 100;
  const dueState = now > due ? "late" : left <= 1 ? "due_soon" : "ok";
  return { workingHoursLeft: left, dueState };
}

export function toSummary(row: RequestRow, calendar: WorkingCalendar, now: Date): RequestSummary {
  const due = row.slip_due_at ? effectiveDue(row.slip_due_at, row.slip_appointment_at) : null;
  const { workingHoursLeft, dueState } = dueStateOf(calendar, now, due, false);
  return {
    id: row.id,
    code: row.code,
    channel: row.channel,
    status: row.status,
    urgency: row.urgency,
    receivedAt: iso(row.received_at),
    requesterName: row.requester_name,
    requesterPhone: displayPhone(row.requester_phone),
    contentPreview: row.content.length > 160 ? `${row.content.slice(0, 157)}…` : row.content,
    field: row.field_code,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    dueAt: due ? iso(due) : null,
    workingHoursLeft,
    dueState,
    completeness: row.completeness,
  };
}

export interface DetailParts {
  slips: SlipRow[];
  answers: AnswerRow[];
  progress: ProgressRow[];
  attachments: AttachmentMeta[];
  events: EventRow[];
  outbox: OutboxRow[];
  allowedActions: RequestDetail["allowedActions"];
}

export function toDetail(
  row: RequestRow,
  parts: DetailParts,
  calendar: WorkingCalendar,
  now: Date,
): RequestDetail {
  return {
    ...toSummary(row, calendar, now),
    version: row.version,
    content: row.content,
    publishConsent: row.publish_consent,
    requester: {
      id: row.requester_id,
      kind: row.requester_kind,
      fullName: row.requester_name,
      phone: displayPhone(row.requester_phone),
      address: row.requester_address,
      email: row.requester_email,
    },
    operatorName: row.operator_name,
    refusal: row.refusal_reason_text ? { reason: row.refusal_reason_text, note: row.refusal_note } : null,
    publicQuestion: row.public_question,
    publicAnswer: row.public_answer,
    publishedAt: isoOrNull(row.published_at),
    answeringAgency: row.answering_agency_name,
    slips: parts.slips.map((s) => {
      const closed = s.closed_at !== null;
      return {
        id: s.id,
        agencyId: s.agency_id,
        agencyName: s.agency_name,
        sentAt: iso(s.sent_at),
        transferAttempt: s.transfer_attempt,
        status: s.status,
        dueAt: iso(s.due_at),
        appointmentAt: isoOrNull(s.appointment_at),
        returnReason: s.return_reason,
        closedAt: isoOrNull(s.closed_at),
        ...(dueStateOf(calendar, now, effectiveDue(s.due_at, s.appointment_at), closed) as {
          workingHoursLeft: number | null;
          dueState: "ok" | "due_soon" | "late" | "closed";
        }),
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
      data: e.data,
    })),
    outbox: parts.outbox.map((o) => ({
      id: o.id,
      channel: o.channel,
      kind: o.kind,
      status: o.status,
      attempts: o.attempts,
      lastError: o.last_error,
      createdAt: iso(o.created_at),
      sentAt: isoOrNull(o.sent_at),
    })),
    allowedActions: parts.allowedActions,
  };
}
