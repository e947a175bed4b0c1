import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { RequestStatus } from "../../shared/request-status.js";
import { isoInstant } from "../../shared/schemas/common.js";
import type { AppContext } from "../context.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  codeMaps,
  existingCodes,
  insertImportedRequest,
} from "../db/repositories/history-import.repository.js";
import { insertAnswer, insertSlip, updateSlip } from "../db/repositories/slip.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import {
  COOPERATING_COLUMN,
  type CooperatingEntry,
  importCooperatingSlips,
  parseCooperating,
} from "./history-import-cooperating.js";
import {
  onKbAnswer,
  onPhoneAnswer,
  onPublished,
  onRecordedAnswer,
  openAnswerObligation,
} from "./obligation-lifecycle.js";
import { readTimeLimits } from "./time-limits.service.js";

/**
 * `npm run admin -- import-history FILE.csv` (issue 11): requests of a province's earlier 1022
 * system, with the columns below. Imported requests go through the same obligation rules as live
 * ones (obligation-lifecycle.ts). Idempotent by code; one invalid row → nothing is imported and
 * every bad row is reported with its line number. An optional `cooperating` column lists the
 * agencies that cooperated, each with its own slip (issue 19, history-import-cooperating.ts).
 */
export const historyColumns = [
  "code",
  "channel",
  "received_at",
  "field",
  "agency",
  "forwarded_at",
  "phone_answered_at",
  "answered_at",
  "published_at",
] as const;

const instant = z
  .string()
  .trim()
  .pipe(isoInstant)
  .transform((v) => new Date(v));
const optionalInstant = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
  .pipe(isoInstant.optional())
  .transform((v) => (v === undefined ? null : new Date(v)));
const optionalCode = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? null : v.trim()));

const historyRow = z.object({
  code: z.string().trim().min(1, "Thiếu mã yêu cầu").max(40, "Mã yêu cầu quá dài (tối đa 40 ký tự)"),
  channel: z
    .string()
    .trim()
    .pipe(z.enum(["phone", "portal", "email", "zalo", "facebook"])),
  received_at: instant,
  field: optionalCode,
  agency: optionalCode,
  forwarded_at: optionalInstant,
  phone_answered_at: optionalInstant,
  answered_at: optionalInstant,
  published_at: optionalInstant,
  [COOPERATING_COLUMN]: z.string().optional(),
});
type HistoryRow = z.output<typeof historyRow>;

export interface HistoryImportResult {
  imported: number;
  unchanged: number;
  /** Every bad row with its line number (line 1 is the header); when any, nothing was imported. */
  errors: { line: number; message: string }[];
}

/** The order of the steps a row states, and what each needs; returns the reasons a row is wrong. */
function stepErrors(r: HistoryRow, now: Date): string[] {
  const errors: string[] = [];
  const steps: [string, Date | null][] = [
    ["received_at", r.received_at],
    ["forwarded_at", r.forwarded_at],
    ["phone_answered_at", r.phone_answered_at],
    ["answered_at", r.answered_at],
    ["published_at", r.published_at],
  ];
  let previous: [string, Date] | null = null;
  for (const [name, at] of steps) {
    if (!at) continue;
    if (at.getTime() > now.getTime()) errors.push(`${name}: thời điểm ở tương lai`);
    if (previous && at.getTime() < previous[1].getTime())
      errors.push(`${name}: không được trước ${previous[0]}`);
    previous = [name, at];
  }
  if (r.forwarded_at && !r.agency) errors.push("agency: thiếu cơ quan nhận phiếu chuyển (có forwarded_at)");
  if (r.agency && !r.forwarded_at) errors.push("forwarded_at: có cơ quan nhưng thiếu thời điểm chuyển phiếu");
  if (r.phone_answered_at && !r.forwarded_at)
    errors.push(
      "phone_answered_at: chỉ cơ quan nhận phiếu chuyển mới trả lời qua điện thoại (thiếu forwarded_at)",
    );
  if (r.published_at && !r.answered_at)
    errors.push("published_at: chưa có answered_at thì chưa thể công khai");
  return errors;
}

function statusOf(r: HistoryRow): RequestStatus {
  if (r.published_at) return "published";
  if (r.answered_at) return "answered";
  if (r.phone_answered_at) return "phone_answered";
  if (r.forwarded_at) return "forwarded";
  return "received";
}

export function createHistoryImportService(ctx: AppContext, calendar: () => Promise<WorkingCalendar>) {
  return {
    async importHistory(text: string): Promise<HistoryImportResult> {
      const now = ctx.clock.now();
      let records: Record<string, string>[];
      try {
        records = parse(text, {
          columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
          skip_empty_lines: true,
          bom: true,
        }) as Record<string, string>[];
      } catch (error) {
        const line = (error as { lines?: number }).lines ?? 1;
        return {
          imported: 0,
          unchanged: 0,
          errors: [{ line, message: `CSV không hợp lệ: ${(error as Error).message}` }],
        };
      }
      const header = Object.keys(records[0] ?? {});
      const missing = historyColumns.filter((c) => records.length > 0 && !header.includes(c));
      if (missing.length > 0)
        return {
          imported: 0,
          unchanged: 0,
          errors: [{ line: 1, message: `thiếu cột: ${missing.join(", ")}` }],
        };

      const maps = await codeMaps(ctx.db);
      const errors: HistoryImportResult["errors"] = [];
      const rows: { line: number; row: HistoryRow; cooperating: CooperatingEntry[] }[] = [];
      const seen = new Map<string, number>();
      records.forEach((record, i) => {
        const line = i + 2;
        const parsed = historyRow.safeParse(record);
        if (!parsed.success) {
          const why = parsed.error.issues.map(
            (issue) => `${issue.path.join(".") || "row"}: ${issue.message}`,
          );
          errors.push({ line, message: why.join("; ") });
          return;
        }
        const r = parsed.data;
        const why = stepErrors(r, now);
        if (r.field && !maps.fields.has(r.field)) why.push(`field: không có lĩnh vực mã ${r.field}`);
        if (r.agency && !maps.agencies.has(r.agency.toLowerCase()))
          why.push(`agency: không có cơ quan mã ${r.agency}`);
        const cooperating = parseCooperating(
          r.cooperating,
          { agency: r.agency, forwardedAt: r.forwarded_at },
          maps.agencies,
          now,
        );
        why.push(...cooperating.errors);
        const first = seen.get(r.code);
        if (first !== undefined) why.push(`code: mã ${r.code} đã có ở dòng ${first}`);
        else seen.set(r.code, line);
        if (why.length > 0) errors.push({ line, message: why.join("; ") });
        else rows.push({ line, row: r, cooperating: cooperating.entries });
      });
      if (errors.length > 0) return { imported: 0, unchanged: 0, errors };

      const existing = await existingCodes(
        ctx.db,
        rows.map((r) => r.row.code),
      );
      const fresh = rows.filter((r) => !existing.has(r.row.code));
      const cal = await calendar();
      await ctx.db.transaction(async (tx) => {
        const limits = await readTimeLimits(tx);
        for (const { row: r, cooperating } of fresh) {
          const agency = r.agency ? (maps.agencies.get(r.agency.toLowerCase()) ?? null) : null;
          const requestId = await insertImportedRequest(tx, {
            code: r.code,
            channel: r.channel,
            receivedAt: r.received_at,
            content: `Yêu cầu chuyển từ hệ thống Tổng đài 1022 trước đây (mã ${r.code}).`,
            fieldId: r.field ? (maps.fields.get(r.field) ?? null) : null,
            status: statusOf(r),
            agencyId: agency?.id ?? null,
            answeringAgencyId: r.answered_at && agency ? agency.id : null,
            publishedAt: r.published_at,
            createdAt: now,
          });
          const env = { tx, limits, calendar: cal, now, by: null };
          if (agency && r.forwarded_at) {
            const slipId = await insertSlip(tx, {
              requestId,
              agencyId: agency.id,
              sentBy: null,
              sentAt: r.forwarded_at,
              transferAttempt: "not_attempted",
              dueAt: cal.addWorkingHours(r.forwarded_at, limits.answer),
            });
            const ref = { requestId, slipId, agencyId: agency.id };
            await openAnswerObligation(env, ref, r.forwarded_at);
            if (r.phone_answered_at) {
              await onPhoneAnswer(env, ref, r.phone_answered_at);
              await updateSlip(tx, slipId, {
                status: "phone_answered",
                phoneAnsweredAt: r.phone_answered_at,
              });
            }
            if (r.answered_at) {
              await insertAnswer(tx, {
                requestId,
                slipId,
                agencyId: agency.id,
                authorId: null,
                source: "agency",
                givenByPhone: r.phone_answered_at !== null,
                body: "Kết quả trả lời được ghi nhận trên hệ thống trước đây.",
                at: r.answered_at,
              });
              await onRecordedAnswer(env, ref, r.answered_at);
              await updateSlip(tx, slipId, { status: "answered", closedAt: r.answered_at });
            }
            await importCooperatingSlips(env, requestId, cooperating);
          } else if (r.answered_at) {
            await insertAnswer(tx, {
              requestId,
              slipId: null,
              agencyId: null,
              authorId: null,
              source: "kb",
              givenByPhone: r.channel === "phone",
              body: "Kết quả trả lời được ghi nhận trên hệ thống trước đây.",
              at: r.answered_at,
            });
            await onKbAnswer(env, requestId, r.answered_at);
          }
          if (r.published_at) await onPublished(env, requestId, r.published_at);
          await appendEvent(tx, {
            actorLabel: "Nhập dữ liệu lịch sử",
            entity: "request",
            entityId: requestId,
            requestId,
            kind: "imported",
            toStatus: statusOf(r),
            at: now,
            data: {
              source: "import-history",
              receivedAt: r.received_at.toISOString(),
              agency: r.agency,
              forwardedAt: r.forwarded_at?.toISOString() ?? null,
              phoneAnsweredAt: r.phone_answered_at?.toISOString() ?? null,
              answeredAt: r.answered_at?.toISOString() ?? null,
              publishedAt: r.published_at?.toISOString() ?? null,
              ...(cooperating.length > 0
                ? {
                    cooperating: cooperating.map((c) => ({
                      agency: c.agency,
                      sentAt: c.sentAt.toISOString(),
                      contributedAt: c.contributedAt?.toISOString() ?? null,
                    })),
                  }
                : {}),
            },
          });
        }
      });
      return { imported: fresh.length, unchanged: rows.length - fresh.length, errors: [] };
    },
  };
}
