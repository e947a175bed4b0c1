import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import type { PeriodKind } from "../../../../shared/schemas/reports.js";

/** A period of days in Vietnam time, `to` inclusive, as the figures take it (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

const day = (d: Dayjs) => d.format("YYYY-MM-DD");
const quarterStart = (d: Dayjs) => d.startOf("month").month(Math.floor(d.month() / 3) * 3);

export type QuickPeriod = "thisMonth" | "lastMonth" | "thisQuarter" | "thisYear";
export const quickPeriods: QuickPeriod[] = ["thisMonth", "lastMonth", "thisQuarter", "thisYear"];

/** The quick choices, from today. */
export function quickPeriod(kind: QuickPeriod, today: Dayjs = dayjs()): Period {
  switch (kind) {
    case "thisMonth":
      return { from: day(today.startOf("month")), to: day(today.endOf("month")) };
    case "lastMonth": {
      const last = today.startOf("month").subtract(1, "month");
      return { from: day(last), to: day(last.endOf("month")) };
    }
    case "thisQuarter": {
      const start = quarterStart(today);
      return { from: day(start), to: day(start.add(2, "month").endOf("month")) };
    }
    case "thisYear":
      return { from: day(today.startOf("year")), to: day(today.endOf("year")) };
  }
}

/** The name of a periodic report in its download address: 2026-03, 2026-Q1, 2026. */
export function periodName(kind: PeriodKind, d: Dayjs): string {
  if (kind === "monthly") return d.format("YYYY-MM");
  if (kind === "quarterly") return `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;
  return String(d.year());
}

/** Every day of a period, for a chart's axis. */
export function daysOf({ from, to }: Period): string[] {
  const days: string[] = [];
  for (let d = dayjs(from); !d.isAfter(dayjs(to)) && days.length < 400; d = d.add(1, "day"))
    days.push(day(d));
  return days;
}

/** The parts a period's readable label takes ("tháng 11/2026", "quý 4/2026", "năm 2026"). */
export function periodParts(d: Dayjs): { month: number; quarter: number; year: number } {
  return { month: d.month() + 1, quarter: Math.floor(d.month() / 3) + 1, year: d.year() };
}
