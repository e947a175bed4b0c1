import { invalidField } from "../../shared/errors.js";
import type { PeriodKind } from "../../shared/schemas/reports.js";
import { DAY_MS, VN_OFFSET_MS } from "../../shared/time.js";

/** Report periods and figures' arithmetic (Art. 11.2, 13.3): pure rules, no I/O. */

/** Start of a Vietnam calendar day as an instant ("YYYY-MM-DD" already shape-checked). */
function dayStart(day: string, field: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d || y < 2000) {
    throw invalidField(field, `Ngày không hợp lệ: ${day}.`, { code: "invalid_date" });
  }
  return new Date(utc - VN_OFFSET_MS);
}

/** A Vietnam day [from, to] as instants: `until` is the start of the day after `to`. */
export function periodOf(from: string, to: string): { from: Date; until: Date } {
  const start = dayStart(from, "from");
  const end = dayStart(to, "to");
  if (start > end)
    throw invalidField("to", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.", { code: "from_after_to" });
  if (end.getTime() - start.getTime() > 20 * 366 * DAY_MS) {
    throw invalidField("to", "Khoảng thời gian báo cáo không quá 20 năm.", { code: "period_too_long" });
  }
  return { from: start, until: new Date(end.getTime() + DAY_MS) };
}

/**
 * A periodic report is of a period that has begun (thirty-ninth session: a period yet to come was
 * rendered as a report of zeros headed «số liệu tạm tính, kỳ báo cáo chưa kết thúc», as if under way).
 */
export function assertPeriodBegun(
  report: { kind: PeriodKind; period: string },
  from: string,
  now: Date,
): void {
  if (dayStart(from, "from").getTime() <= now.getTime()) return;
  const [y, m, d] = from.split("-");
  throw invalidField("period", `Kỳ báo cáo ${periodTitle(report)} chưa bắt đầu (từ ngày ${d}/${m}/${y}).`, {
    code: "not_started",
  });
}

/** "2026-03", "2026-Q1", "2026" → the days it covers; anything else → 400 bad_period. */
export function parsePeriod(kind: PeriodKind, period: string): { from: string; to: string } {
  const pad = (n: number) => String(n).padStart(2, "0");
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const fail = () =>
    invalidField(
      "period",
      `Kỳ báo cáo không hợp lệ: "${period}" (dạng ${kind === "monthly" ? "2026-03" : kind === "quarterly" ? "2026-Q1" : "2026"}).`,
      { code: "bad_period" },
    );
  const patterns = { monthly: /^(\d{4})-(\d{2})$/, quarterly: /^(\d{4})-Q([1-4])$/, yearly: /^(\d{4})$/ };
  const m = patterns[kind].exec(period);
  if (!m) throw fail();
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) throw fail();
  if (kind === "yearly") return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === "monthly") {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw fail();
    return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
  }
  const q = Number(m[2]);
  const first = (q - 1) * 3 + 1;
  return {
    from: `${year}-${pad(first)}-01`,
    to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`,
  };
}

/**
 * A period in words: "tháng 3 năm 2026", "quý I năm 2026", "năm 2026" — the reports' titles and the
 * portal's /thong-ke, never the period code ("2026-Q1") a reader would have to decode.
 */
export function periodTitle(data: { kind: PeriodKind; period: string }): string {
  const year = data.period.slice(0, 4);
  if (data.kind === "monthly") return `tháng ${Number(data.period.slice(5, 7))} năm ${year}`;
  if (data.kind === "quarterly") {
    const q = ["I", "II", "III", "IV"][Number(data.period.slice(6)) - 1];
    return `quý ${q} năm ${year}`;
  }
  return `năm ${year}`;
}

/**
 * Hours to two decimals: the reports' median and 90th percentile of handling time, taken in SQL
 * by percentile_cont (linear interpolation between the closest ranks, the usual "type 7").
 */
export function roundHours(v: number | null): number | null {
  return v === null ? null : Math.round(v * 100) / 100;
}

/**
 * The last closed month, quarter and year on Vietnam day `today` ("YYYY-MM-DD"): the periods whose
 * reports are frozen (services/report.service.ts) and shown on the portal's /thong-ke.
 */
export function lastClosedPeriods(today: string): Record<PeriodKind, string> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const q = Math.floor((month - 1) / 3);
  return {
    monthly: month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`,
    quarterly: q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`,
    yearly: String(year - 1),
  };
}
