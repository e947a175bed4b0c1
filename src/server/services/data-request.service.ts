import { randomInt } from "node:crypto";
import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import {
  type CreateDataRequestBody,
  type DataExport,
  type DataRequestDetail,
  type DataRequestView,
  dataRequestKindLabels,
} from "../../shared/schemas/data-rights.js";
import { formatVnIso, formatVnIsoOrNull, vnDateOf } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import {
  advanceDataRequest,
  type DataRequestRow,
  findDataRequest,
  insertDataRequest,
  listDataRequests,
} from "../db/repositories/data-request.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { enqueueOutbox } from "../db/repositories/outbox.repository.js";
import {
  findRequestsOfPerson,
  type PersonKey,
  personDataOf,
} from "../db/repositories/person-data.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { acknowledgementDueAt, decisionDueAt, dueStateOf } from "../domain/data-rights.js";
import { normalizePhone } from "../domain/phone.js";
import { authorize } from "../policies/authorize.js";
import { applyDataRight } from "./data-request-apply.js";
import { createDataRequestReminders } from "./data-request-reminders.js";

export interface DataRightsDeps {
  calendar: () => Promise<WorkingCalendar>;
}

const vnDay = (d: Date) => vnDateOf(d).split("-").reverse().join("/");
const codeAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

function newCaseCode(at: Date): string {
  const day = vnDateOf(at).replaceAll("-", "").slice(2);
  const tail = Array.from({ length: 4 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join("");
  return `DL-${day}-${tail}`;
}

const keyOf = (c: DataRequestRow): PersonKey => ({
  phone: c.subject_phone,
  email: c.subject_email,
  chat:
    c.subject_channel && c.subject_external_id
      ? { channel: c.subject_channel, externalId: c.subject_external_id }
      : null,
});

/** What a step of the workflow does: the new status (and decision), its event, the answer sent. */
interface StepOutcome {
  to: { status: DataRequestRow["status"]; decisionNote?: string; result?: Record<string, unknown> };
  event: [kind: string, data: Record<string, unknown>];
  answer: [kind: string, body: string];
}

/**
 * Data-subject rights (PDP Law 91/2025/QH15 Art. 4, Decree 356/2025/NĐ-CP Art. 5) as a workflow of
 * the coordinator: a case is received, acknowledged within 2 working days, then executed (the
 * right applied to the person's data across their requests) or refused with the stated reason,
 * within 10, 15 or 20 days by kind. Every step is an event (no personal data in it) and the person
 * is answered on their channel through the outbox.
 */
export function createDataRequestService(ctx: AppContext, deps: DataRightsDeps) {
  async function view(c: DataRequestRow): Promise<DataRequestView> {
    const calendar = await deps.calendar();
    return {
      id: c.id,
      code: c.code,
      kind: c.kind,
      status: c.status,
      subject: { fullName: c.subject_name, ...keyOf(c) },
      reply: { channel: c.reply_channel, to: c.reply_to },
      details: c.details,
      corrections: c.corrections,
      receivedAt: formatVnIso(c.received_at),
      ackDueAt: formatVnIso(c.ack_due_at),
      dueAt: formatVnIso(c.due_at),
      acknowledgedAt: formatVnIsoOrNull(c.acknowledged_at),
      decidedAt: formatVnIsoOrNull(c.decided_at),
      decisionNote: c.decision_note,
      result: c.result,
      dueState: dueStateOf(
        { status: c.status, ackDueAt: c.ack_due_at, dueAt: c.due_at },
        ctx.clock.now(),
        calendar,
      ),
      version: c.version,
    };
  }

  async function detailOf(c: DataRequestRow): Promise<DataRequestDetail> {
    const requests = await findRequestsOfPerson(ctx.db, keyOf(c));
    return {
      ...(await view(c)),
      requests: requests.map((r) => ({
        id: r.id,
        code: r.code,
        status: r.status,
        receivedAt: formatVnIso(r.received_at),
        anonymised: r.anonymised_at !== null,
        restricted: r.restricted_at !== null,
        legalHold: r.legal_hold_at !== null,
        publishConsent: r.publish_consent,
      })),
      can: [
        ...(c.status === "received" ? (["acknowledge"] as const) : []),
        ...(c.status === "acknowledged" ? (["execute"] as const) : []),
        ...(c.status === "acknowledged" ? (["refuse"] as const) : []),
        "export" as const,
      ],
    };
  }

  async function load(id: string, db: Executor = ctx.db): Promise<DataRequestRow> {
    const c = await findDataRequest(db, id);
    if (!c) throw new AppError("NOT_FOUND");
    return c;
  }

  /** The answer to the person on their channel (none for 'post': staff send the letter). */
  async function answer(tx: Executor, c: DataRequestRow, eventId: number, kind: string, body: string) {
    if (c.reply_channel === "post" || !c.reply_to) return;
    await enqueueOutbox(tx, {
      requestId: null,
      eventId,
      channel: c.reply_channel,
      recipient: c.reply_to,
      kind,
      subject: `[${c.code}] Tổng đài 1022 — ${dataRequestKindLabels[c.kind]}`,
      body,
      dedupeKey: `data_request:${eventId}:${c.reply_channel}`,
    });
  }

  const event = (
    tx: Executor,
    actor: Actor,
    c: DataRequestRow,
    kind: string,
    data: Record<string, unknown>,
  ) =>
    appendEvent(tx, {
      actor,
      entity: "data_request",
      entityId: c.id,
      kind,
      data: { code: c.code, ...data },
      at: ctx.clock.now(),
    });

  /**
   * One step of the workflow, in one transaction: the case, still in `from` (status and the version
   * the caller saw), moves to what `decide` returns; the step's event and the answer to the person.
   * `decide` may act on the person's data first (execute), so a stale version is refused before it.
   */
  async function step(
    actor: Actor | null,
    id: string,
    from: { status: DataRequestRow["status"]; version: number },
    decide: (c: DataRequestRow, by: Actor, now: Date, tx: Executor) => Promise<StepOutcome>,
  ): Promise<DataRequestDetail> {
    const by = authorize(actor, "data_request.manage");
    const now = ctx.clock.now();
    const updated = await ctx.db.transaction(async (tx) => {
      const c = await load(id, tx);
      if (c.status !== from.status) throw new AppError("INVALID_TRANSITION");
      if (c.version !== from.version) throw new AppError("CONFLICT");
      const outcome = await decide(c, by, now, tx);
      const row = await advanceDataRequest(tx, id, from, { ...outcome.to, at: now, by: by.userId });
      if (!row) throw new AppError("CONFLICT");
      const e = await event(tx, by, row, ...outcome.event);
      await answer(tx, row, e.id, ...outcome.answer);
      return row;
    });
    return detailOf(updated);
  }

  return {
    ...createDataRequestReminders(ctx, deps),

    async create(actor: Actor | null, body: CreateDataRequestBody): Promise<DataRequestDetail> {
      const by = authorize(actor, "data_request.manage");
      if (body.kind === "correction" && Object.keys(body.corrections ?? {}).length === 0)
        throw invalidField("corrections", "Cần nêu thông tin cần chỉnh sửa.", { code: "required" });
      const now = ctx.clock.now();
      const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
      if (receivedAt.getTime() > now.getTime())
        throw invalidField("receivedAt", "Thời điểm nhận không được ở tương lai.", { code: "future" });
      const calendar = await deps.calendar();
      const phone = body.subject.phone ? (normalizePhone(body.subject.phone) ?? body.subject.phone) : null;
      const created = await ctx.db.transaction(async (tx) => {
        for (let attempt = 0; attempt < 5; attempt++) {
          const row = await insertDataRequest(tx, {
            code: newCaseCode(receivedAt),
            kind: body.kind,
            subject: {
              name: body.subject.fullName ?? null,
              phone,
              email: body.subject.email ?? null,
              channel: body.subject.chat?.channel ?? null,
              externalId: body.subject.chat?.externalId ?? null,
            },
            reply: { channel: body.reply.channel, to: body.reply.to ?? null },
            details: body.details ?? null,
            corrections: body.corrections ?? {},
            receivedAt,
            ackDueAt: acknowledgementDueAt(receivedAt, calendar),
            dueAt: decisionDueAt(body.kind, receivedAt, calendar),
            createdBy: by.userId,
          });
          if (!row) continue;
          await event(tx, by, row, "data_request_received", { kind: row.kind });
          return row;
        }
        throw new Error("could not draw a free data request code");
      });
      return detailOf(created);
    },

    async list(actor: Actor | null, q: { state: "open" | "closed" | "all" }) {
      authorize(actor, "data_request.manage");
      const rows = await listDataRequests(ctx.db, q.state);
      return { items: await Promise.all(rows.map(view)) };
    },

    async detail(actor: Actor | null, id: string): Promise<DataRequestDetail> {
      authorize(actor, "data_request.manage");
      return detailOf(await load(id));
    },

    async acknowledge(actor: Actor | null, id: string, version: number): Promise<DataRequestDetail> {
      return step(actor, id, { status: "received", version }, async (c) => ({
        to: { status: "acknowledged" },
        event: ["data_request_acknowledged", {}],
        answer: [
          "data_request_acknowledged",
          `Tổng đài 1022 đã nhận yêu cầu "${dataRequestKindLabels[c.kind]}" của bạn (mã ${c.code}, nhận ngày ${vnDay(c.received_at)}). Kết quả sẽ được trả lời chậm nhất ngày ${vnDay(c.due_at)}.`,
        ],
      }));
    },

    async execute(
      actor: Actor | null,
      id: string,
      body: { version: number; note?: string },
    ): Promise<DataRequestDetail> {
      return step(actor, id, { status: "acknowledged", version: body.version }, async (c, by, now, tx) => {
        const requests = await findRequestsOfPerson(tx, keyOf(c));
        const decision = await applyDataRight(tx, by, c, requests, now);
        return {
          to: {
            status: decision.status,
            decisionNote: body.note ? `${decision.note}\n${body.note}` : decision.note,
            result: decision.result,
          },
          event: [
            decision.status === "done" ? "data_request_executed" : "data_request_refused",
            decision.result,
          ],
          answer: ["data_request_answer", body.note ? `${decision.body}\n\n${body.note}` : decision.body],
        };
      });
    },

    async refuse(
      actor: Actor | null,
      id: string,
      body: { version: number; reason: string },
    ): Promise<DataRequestDetail> {
      return step(actor, id, { status: "acknowledged", version: body.version }, async (c) => ({
        to: { status: "refused", decisionNote: body.reason, result: {} },
        event: ["data_request_refused", { reason: body.reason }],
        answer: [
          "data_request_answer",
          `Tổng đài 1022 từ chối yêu cầu ${c.code} (${dataRequestKindLabels[c.kind]}). Lý do: ${body.reason}`,
        ],
      }));
    },

    /** The copy (access): every request matched to the person with their data; the export is audited. */
    async exportCopy(actor: Actor | null, id: string): Promise<DataExport> {
      const by = authorize(actor, "data_request.manage");
      const c = await load(id);
      const requests = await findRequestsOfPerson(ctx.db, keyOf(c));
      const data = await personDataOf(
        ctx.db,
        requests.filter((r) => r.anonymised_at === null).map((r) => r.id),
      );
      await ctx.db.transaction((tx) =>
        event(tx, by, c, "data_request_exported", { requests: data.requests.map((r) => r.code) }),
      );
      const view = (await detailOf(c)).subject;
      return {
        generatedAt: formatVnIso(ctx.clock.now()),
        case: c.code,
        subject: view,
        requests: data.requests.map((r) => ({
          code: r.code,
          channel: r.channel,
          receivedAt: formatVnIso(r.received_at),
          status: r.status,
          requester: { fullName: r.full_name, phone: r.phone, email: r.email, address: r.address },
          content: r.content,
          publishConsent: r.publish_consent,
          answers: data.answers
            .filter((a) => a.request_id === r.id)
            .map((a) => ({ at: formatVnIso(a.created_at), body: a.body })),
          attachments: data.attachments
            .filter((a) => a.request_id === r.id)
            .map((a) => ({ filename: a.filename, mimeType: a.mime_type, sizeBytes: a.size_bytes })),
          messagesSent: data.messages
            .filter((m) => m.request_id === r.id)
            .map((m) => ({ at: formatVnIso(m.created_at), channel: m.channel, body: m.body })),
        })),
      };
    },
  };
}
