import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import { vnDateOf } from "../../shared/time.js";
import type { Executor } from "../db/client.js";
import { isUniqueViolation } from "../db/pg-errors.js";
import type { DataRequestRow } from "../db/repositories/data-request.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  anonymiseRequests,
  correctRequestersOf,
  type PersonRequestRow,
  personDataOf,
  restrictRequests,
  withdrawPublicationConsent,
} from "../db/repositories/person-data.repository.js";
import { listRetentionSettings } from "../db/repositories/retention.repository.js";
import { erasableTerms, erasureRefusal } from "../domain/data-rights.js";
import { normalizePhone } from "../domain/phone.js";

const vnDay = (d: Date) => vnDateOf(d).split("-").reverse().join("/");

/**
 * Executes a data-subject right over the person's requests (the case's kind decides which) and
 * returns the decision with the text the person is sent. Runs inside the caller's transaction.
 */
export async function applyDataRight(
  tx: Executor,
  actor: Actor,
  c: DataRequestRow,
  requests: PersonRequestRow[],
  now: Date,
): Promise<{ status: "done" | "refused"; note: string; result: Record<string, unknown>; body: string }> {
  const live = requests.filter((r) => r.anonymised_at === null);
  const ids = live.map((r) => r.id);
  const codes = live.map((r) => r.code);
  /** An event on each of these requests, naming the data request it was done under. */
  const onEach = async (
    rows: PersonRequestRow[],
    kind: string,
    data: (r: PersonRequestRow) => Record<string, unknown>,
  ) => {
    for (const r of rows) {
      await appendEvent(tx, {
        actor,
        entity: "request",
        entityId: r.id,
        requestId: r.id,
        kind,
        data: { dataRequest: c.code, ...data(r) },
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
      const phone = corrections.phone ? (normalizePhone(corrections.phone) ?? corrections.phone) : undefined;
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
      await onEach(live, "requester_corrected", () => ({ fields: Object.keys(corrections) }));
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
        erasableTerms(held, [c.subject_name, c.subject_phone, c.subject_email]),
        now,
      );
      // The erasure itself goes on the log: who, when, under which data request, how many entries.
      await onEach(erasable, "personal_data_erased", (r) => ({ erasedEntries: erasedEvents.get(r.id) ?? 0 }));
      const refusedText = refused.map((x) => `- ${x.code}: ${x.reason}`).join("\n");
      const erasedCodes = erasable.map((r) => r.code);
      if (erasable.length === 0 && refused.length > 0)
        return {
          status: "refused",
          note: refusedText,
          result: { erased: [], refused, counts },
          body: `Tổng đài 1022 chưa thể xoá dữ liệu theo yêu cầu ${c.code} vì pháp luật yêu cầu lưu giữ:\n${refusedText}`,
        };
      return {
        status: "done",
        note: refused.length
          ? `Đã xoá ${erasedCodes.length} yêu cầu; chưa xoá:\n${refusedText}`
          : `Đã xoá ${erasedCodes.length} yêu cầu.`,
        result: { erased: erasedCodes, refused, counts },
        body:
          `Theo yêu cầu ${c.code}, Tổng đài 1022 đã xoá (ẩn danh hoá) dữ liệu cá nhân của bạn trên ${erasedCodes.length} yêu cầu.` +
          (refused.length ? `\nChưa xoá được vì pháp luật yêu cầu lưu giữ:\n${refusedText}` : ""),
      };
    }
    case "restriction":
    case "objection": {
      const n = await restrictRequests(tx, ids, now);
      await onEach(live, "processing_restricted", () => ({ kind: c.kind }));
      return {
        status: "done",
        note: `Đã hạn chế xử lý và ngừng công khai ${n} yêu cầu.`,
        result: { requests: codes, count: n },
        body: `Theo yêu cầu ${c.code}, Tổng đài 1022 đã ngừng công khai và hạn chế xử lý dữ liệu của bạn trên ${n} yêu cầu; dữ liệu chỉ còn được dùng trong phạm vi pháp luật bắt buộc (giải quyết chính yêu cầu, lưu trữ, kiểm tra).`,
      };
    }
    case "withdrawal": {
      const n = await withdrawPublicationConsent(tx, ids, now);
      await onEach(live, "publication_consent_withdrawn", () => ({}));
      return {
        status: "done",
        note: `Đã rút sự đồng ý công khai trên ${codes.length} yêu cầu (${n} yêu cầu thay đổi).`,
        result: { requests: codes, count: n },
        body: `Theo yêu cầu ${c.code}, Tổng đài 1022 đã ghi nhận việc bạn rút lại sự đồng ý: câu hỏi của bạn không còn được công khai trên Cổng thông tin (${codes.length} yêu cầu).`,
      };
    }
  }
}
