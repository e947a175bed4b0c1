import { randomInt } from "node:crypto";
import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import {
  type CreateDataRequestBody,
  type DataExport,
  type DataRequestDetail,
  type DataRequestView,
  dataRequestKindLabels,
} from "../../shared/schemas/data-rights.js";
import { formatVnIso, vnDateOf } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { isUniqueViolation } from "../db/pg-errors.js";
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
  anonymiseRequests,
  correctRequestersOf,
  findRequestsOfPerson,
  type PersonKey,
  type PersonRequestRow,
  personDataOf,
  restrictRequests,
  withdrawPublicationConsent,
} from "../db/repositories/person-data.repository.js";
import { listRetentionSettings } from "../db/repositories/retention.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { acknowledgementDueAt, decisionDueAt, dueStateOf, erasureRefusal } from "../domain/data-rights.js";
import { normalizePhone } from "../domain/phone.js";
import { authorize } from "../policies/authorize.js";
import { createDataRequestReminders } from "./data-request-reminders.js";

export interface DataRightsDeps {
  calendar: () => Promise<WorkingCalendar>;
}

const iso = (d: Date | null) => (d ? formatVnIso(d) : null);
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

/** The person's own words that may appear in free text (answers, notes): name, phones, email, address. */
function termsOf(
  c: DataRequestRow,
  held: { full_name: string | null; phone: string | null; email: string | null; address: string | null }[],
) {
  const national = (p: string | null) => (p?.startsWith("+84") ? `0${p.slice(3)}` : null);
  const words = [c.subject_name, c.subject_phone, national(c.subject_phone), c.subject_email];
  for (const h of held) words.push(h.full_name, h.phone, national(h.phone), h.email, h.address);
  return [...new Set(words.filter((w): w is string => !!w))].sort((a, b) => b.length - a.length);
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
      subject: {
        fullName: c.subject_name,
        phone: c.subject_phone,
        email: c.subject_email,
        chat:
          c.subject_channel && c.subject_external_id
            ? { channel: c.subject_channel, externalId: c.subject_external_id }
            : null,
      },
      reply: { channel: c.reply_channel, to: c.reply_to },
      details: c.details,
      corrections: c.corrections,
      receivedAt: formatVnIso(c.received_at),
      ackDueAt: formatVnIso(c.ack_due_at),
      dueAt: formatVnIso(c.due_at),
      acknowledgedAt: iso(c.acknowledged_at),
      decidedAt: iso(c.decided_at),
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

  /** Applies the right to the person's requests; returns the decision. */
  async function apply(
    tx: Executor,
    actor: Actor,
    c: DataRequestRow,
    requests: PersonRequestRow[],
    now: Date,
  ): Promise<{ status: "done" | "refused"; note: string; result: Record<string, unknown>; body: string }> {
    const live = requests.filter((r) => r.anonymised_at === null);
    const ids = live.map((r) => r.id);
    const codes = live.map((r) => r.code);
    const perRequest = async (kind: string, data: Record<string, unknown>) => {
      for (const r of live) {
        await appendEvent(tx, {
          actor,
          entity: "request",
          entityId: r.id,
          requestId: r.id,
          kind,
          data: { dataRequest: c.code, ...data },
          at: now,
        });
      }
    };
    switch (c.kind) {
      case "access": {
        const data = await personDataOf(tx, ids);
        const lines = data.requests.map(
          (r) =>
            `- ${r.code} (${vnDay(r.received_at)}, kênh ${r.channel}): họ tên ${r.full_name ?? "—"}; điện thoại ${r.phone ?? "—"}; email ${r.email ?? "—"}; địa chỉ ${r.address ?? "—"}; nội dung: ${r.content.slice(0, 1000)}`,
        );
        return {
          status: "done",
          note: `Đã cung cấp bản sao dữ liệu của ${data.requests.length} yêu cầu.`,
          result: { requests: codes, count: data.requests.length },
          body:
            data.requests.length === 0
              ? `Tổng đài 1022 không lưu giữ dữ liệu cá nhân nào khớp với thông tin bạn cung cấp (yêu cầu ${c.code}).`
              : `Theo yêu cầu ${c.code}, Tổng đài 1022 gửi bạn bản sao dữ liệu cá nhân đang lưu giữ:\n${lines.join("\n")}\n\nBản đầy đủ (kèm câu trả lời, tệp đính kèm, tin nhắn đã gửi) được cung cấp theo yêu cầu.`,
        };
      }
      case "correction": {
        const corrections = { ...c.corrections } as Record<string, string>;
        const phone = corrections.phone
          ? (normalizePhone(corrections.phone) ?? corrections.phone)
          : undefined;
        let changed = 0;
        try {
          changed = await correctRequestersOf(tx, ids, { ...corrections, ...(phone ? { phone } : {}) });
        } catch (error) {
          if (isUniqueViolation(error))
            throw new AppError(
              "DUPLICATE",
              "Số điện thoại mới đã thuộc về người yêu cầu khác; cần kiểm tra lại.",
              { cause: error },
            );
          throw error;
        }
        await perRequest("requester_corrected", { fields: Object.keys(corrections) });
        return {
          status: "done",
          note: `Đã chỉnh sửa thông tin trên ${codes.length} yêu cầu.`,
          result: { requests: codes, requesters: changed, fields: Object.keys(corrections) },
          body: `Theo yêu cầu ${c.code}, Tổng đài 1022 đã chỉnh sửa thông tin của bạn trên ${codes.length} yêu cầu (${codes.join(", ") || "không có"}).`,
        };
      }
      case "deletion": {
        const archiveDays =
          (await listRetentionSettings(tx)).find((s) => s.record_type === "requests")?.days ?? 1825;
        const refused: { code: string; reason: string }[] = [];
        const erasable: PersonRequestRow[] = [];
        for (const r of live) {
          const why = erasureRefusal(
            { status: r.status, receivedAt: r.received_at, legalHold: r.legal_hold_at !== null },
            now,
            archiveDays,
          );
          if (why) refused.push({ code: r.code, reason: why.reason });
          else erasable.push(r);
        }
        const held = (
          await personDataOf(
            tx,
            erasable.map((r) => r.id),
          )
        ).requests;
        const { erasedEvents, ...counts } = await anonymiseRequests(
          tx,
          erasable.map((r) => r.id),
          termsOf(c, held),
          now,
        );
        // The erasure itself goes on the log: who, when, under which data request, how many entries.
        for (const r of erasable) {
          await appendEvent(tx, {
            actor,
            entity: "request",
            entityId: r.id,
            requestId: r.id,
            kind: "personal_data_erased",
            data: { dataRequest: c.code, erasedEntries: erasedEvents.get(r.id) ?? 0 },
            at: now,
          });
        }
        const refusedText = refused.map((x) => `- ${x.code}: ${x.reason}`).join("\n");
        const erasedCodes = erasable.map((r) => r.code);
        if (erasable.length === 0 && refused.length > 0)
          return {
            status: "refused",
            note: refusedText,
            result: { erased: [], refused, counts },
            body: `Tổng đài 1022 chưa thể xóa dữ liệu theo yêu cầu ${c.code} vì pháp luật yêu cầu lưu giữ:\n${refusedText}`,
          };
        return {
          status: "done",
          note: refused.length
            ? `Đã xóa ${erasedCodes.length} yêu cầu; chưa xóa:\n${refusedText}`
            : `Đã xóa ${erasedCodes.length} yêu cầu.`,
          result: { erased: erasedCodes, refused, counts },
          body:
            `Theo yêu cầu ${c.code}, Tổng đài 1022 đã xóa (ẩn danh hóa) dữ liệu cá nhân của bạn trên ${erasedCodes.length} yêu cầu.` +
            (refused.length ? `\nChưa xóa được vì pháp luật yêu cầu lưu giữ:\n${refusedText}` : ""),
        };
      }
      case "restriction":
      case "objection": {
        const n = await restrictRequests(tx, ids, now);
        await perRequest("processing_restricted", { kind: c.kind });
        return {
          status: "done",
          note: `Đã hạn chế xử lý và ngừng công khai ${n} yêu cầu.`,
          result: { requests: codes, count: n },
          body: `Theo yêu cầu ${c.code}, Tổng đài 1022 đã ngừng công khai và hạn chế xử lý dữ liệu của bạn trên ${n} yêu cầu; dữ liệu chỉ còn được dùng trong phạm vi pháp luật bắt buộc (giải quyết chính yêu cầu, lưu trữ, kiểm tra).`,
        };
      }
      case "withdrawal": {
        const n = await withdrawPublicationConsent(tx, ids, now);
        await perRequest("publication_consent_withdrawn", {});
        return {
          status: "done",
          note: `Đã rút sự đồng ý công khai trên ${codes.length} yêu cầu (${n} yêu cầu thay đổi).`,
          result: { requests: codes, count: n },
          body: `Theo yêu cầu ${c.code}, Tổng đài 1022 đã ghi nhận việc bạn rút lại sự đồng ý: câu hỏi của bạn không còn được công khai trên Cổng thông tin (${codes.length} yêu cầu).`,
        };
      }
    }
  }

  return {
    ...createDataRequestReminders(ctx, deps),

    async create(actor: Actor | null, body: CreateDataRequestBody): Promise<DataRequestDetail> {
      const by = authorize(actor, "data_request.manage");
      if (body.kind === "correction" && Object.keys(body.corrections ?? {}).length === 0)
        throw new AppError("VALIDATION", "Cần nêu thông tin cần chỉnh sửa.", {
          details: [{ field: "corrections", code: "required", message: "Cần nêu thông tin cần chỉnh sửa." }],
        });
      const now = ctx.clock.now();
      const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
      if (receivedAt.getTime() > now.getTime())
        throw new AppError("VALIDATION", "Thời điểm nhận không được ở tương lai.", {
          details: [
            { field: "receivedAt", code: "future", message: "Thời điểm nhận không được ở tương lai." },
          ],
        });
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
      const by = authorize(actor, "data_request.manage");
      const now = ctx.clock.now();
      const updated = await ctx.db.transaction(async (tx) => {
        const c = await load(id, tx);
        if (c.status !== "received") throw new AppError("INVALID_TRANSITION");
        const row = await advanceDataRequest(
          tx,
          id,
          { status: "received", version },
          { status: "acknowledged", at: now, by: by.userId },
        );
        if (!row) throw new AppError("CONFLICT");
        const e = await event(tx, by, row, "data_request_acknowledged", {});
        await answer(
          tx,
          row,
          e.id,
          "data_request_acknowledged",
          `Tổng đài 1022 đã nhận yêu cầu "${dataRequestKindLabels[row.kind]}" của bạn (mã ${row.code}, nhận ngày ${vnDay(row.received_at)}). Kết quả sẽ được trả lời chậm nhất ngày ${vnDay(row.due_at)}.`,
        );
        return row;
      });
      return detailOf(updated);
    },

    async execute(
      actor: Actor | null,
      id: string,
      body: { version: number; note?: string },
    ): Promise<DataRequestDetail> {
      const by = authorize(actor, "data_request.manage");
      const now = ctx.clock.now();
      const updated = await ctx.db.transaction(async (tx) => {
        const c = await load(id, tx);
        if (c.status !== "acknowledged") throw new AppError("INVALID_TRANSITION");
        if (c.version !== body.version) throw new AppError("CONFLICT");
        const requests = await findRequestsOfPerson(tx, keyOf(c));
        const decision = await apply(tx, by, c, requests, now);
        const note = body.note ? `${decision.note}\n${body.note}` : decision.note;
        const row = await advanceDataRequest(
          tx,
          id,
          { status: "acknowledged", version: body.version },
          {
            status: decision.status,
            at: now,
            by: by.userId,
            decisionNote: note,
            result: decision.result,
          },
        );
        if (!row) throw new AppError("CONFLICT");
        const e = await event(
          tx,
          by,
          row,
          decision.status === "done" ? "data_request_executed" : "data_request_refused",
          decision.result,
        );
        await answer(
          tx,
          row,
          e.id,
          "data_request_answer",
          body.note ? `${decision.body}\n\n${body.note}` : decision.body,
        );
        return row;
      });
      return detailOf(updated);
    },

    async refuse(
      actor: Actor | null,
      id: string,
      body: { version: number; reason: string },
    ): Promise<DataRequestDetail> {
      const by = authorize(actor, "data_request.manage");
      const now = ctx.clock.now();
      const updated = await ctx.db.transaction(async (tx) => {
        const c = await load(id, tx);
        if (c.status !== "acknowledged") throw new AppError("INVALID_TRANSITION");
        const row = await advanceDataRequest(
          tx,
          id,
          { status: "acknowledged", version: body.version },
          {
            status: "refused",
            at: now,
            by: by.userId,
            decisionNote: body.reason,
            result: {},
          },
        );
        if (!row) throw new AppError("CONFLICT");
        const e = await event(tx, by, row, "data_request_refused", { reason: body.reason });
        await answer(
          tx,
          row,
          e.id,
          "data_request_answer",
          `Tổng đài 1022 từ chối yêu cầu ${row.code} (${dataRequestKindLabels[row.kind]}). Lý do: ${body.reason}`,
        );
        return row;
      });
      return detailOf(updated);
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
