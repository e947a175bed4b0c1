import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  type CalendarConfig,
  type CalendarDay,
} from "../../../shared/calendar.js";
import { HOUR_MS } from "../../../shared/time.js";
import { dayNumberOf, dayNumberOfDate, formatDay, midnightOf, yearOfDay } from "./days.js";
import { buildYearTable, type YearTable } from "./year-table.js";

/**
 * Working time of state administrative agencies (Art. 10.3, R-HA6): every agency deadline is
 * counted with this. Pure: built from a configuration, no I/O; year tables are cached inside.
 */
export interface WorkingCalendar {
  /**
   * The earliest instant at which `hours` working hours have passed since `from` (docs/calendar.md,
   * "Deadline semantics"). A deadline landing on a period's end stays there (11:30, not 13:30).
   * With 0 hours: `from` itself when inside a period or at its end, else the next period's start.
   */
  addWorkingHours(from: Date, hours: number): Date;
  /** Working hours from `from` to `to`; negative when `to` is earlier (time late). */
  workingHoursBetween(from: Date, to: Date): number;
  /** Inside a working period: start included, end excluded. */
  isWorkingTime(instant: Date): boolean;
  /** Days off (with weekends inside a break) and worked rest days of a year, by date. */
  daysOfYear(year: number): CalendarDay[];
  hasOfficialSchedule(year: number): boolean;
  /** Years in [fromYear, toYear] that fall back to the statutory rules (the UI warns about them). */
  yearsWithoutOfficialSchedule(fromYear: number, toYear: number): number[];
  /** The engine on epoch milliseconds, for hot loops (benchmarks, reports). */
  addWorkingMs(fromMs: number, ms: number): number;
}

/** Years the engine computes; the API narrows inputs to CALENDAR_MIN_YEAR–CALENDAR_MAX_YEAR. */
export const ENGINE_MIN_YEAR = CALENDAR_MIN_YEAR - 1;
export const ENGINE_MAX_YEAR = CALENDAR_MAX_YEAR + 10;

export function createWorkingCalendar(config: CalendarConfig): WorkingCalendar {
  const tables: (YearTable | undefined)[] = [];
  let last: YearTable | undefined;
  let lastStart = 0;
  let lastEnd = -1;

  function table(year: number): YearTable {
    if (year < ENGINE_MIN_YEAR || year > ENGINE_MAX_YEAR) {
      throw new RangeError(`year ${year} outside ${ENGINE_MIN_YEAR}–${ENGINE_MAX_YEAR}`);
    }
    let t = tables[year - ENGINE_MIN_YEAR];
    if (!t) {
      t = buildYearTable(config, year);
      tables[year - ENGINE_MIN_YEAR] = t;
    }
    return t;
  }

  function tableAt(ms: number): YearTable {
    if (last && ms >= lastStart && ms < lastEnd) return last;
    const t = table(yearOfDay(dayNumberOf(ms)));
    last = t;
    lastStart = midnightOf(t.firstDay);
    lastEnd = midnightOf(t.firstDay + t.dayFirst.length - 1);
    return t;
  }

  /** Index of the first period ending after `ms` (possibly n: none left this year). */
  function locate(t: YearTable, ms: number): number {
    const d = dayNumberOf(ms) - t.firstDay;
    let k = t.dayFirst[d] as number;
    const kEnd = t.dayFirst[d + 1] as number;
    while (k < kEnd && (t.pEnd[k] as number) <= ms) k++;
    return k;
  }

  /** Working ms of the year before `ms`, given k = locate(t, ms). */
  function workedBefore(t: YearTable, k: number, ms: number): number {
    const start = t.pStart[k] as number;
    return (t.cumStart[k] as number) + (k < t.n && ms > start ? ms - start : 0);
  }

  function addWorkingMs(fromMs: number, ms: number): number {
    if (!(ms >= 0) || !Number.isFinite(ms) || !Number.isFinite(fromMs)) {
      throw new RangeError("working time to add must be a finite number ≥ 0");
    }
    let t = tableAt(fromMs);
    let k = locate(t, fromMs);
    if (ms === 0) {
      if ((k < t.n && fromMs >= (t.pStart[k] as number)) || (k > 0 && t.pEnd[k - 1] === fromMs))
        return fromMs;
      while (k >= t.n) {
        t = table(t.year + 1);
        k = 0;
      }
      return t.pStart[k] as number;
    }
    let target = workedBefore(t, k, fromMs) + ms;
    while (target > t.total) {
      target -= t.total;
      t = table(t.year + 1);
      k = 0;
    }
    // First period whose cumulative end reaches the target: the deadline lies in it (end included).
    let lo = k;
    let hi = t.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((t.cumStart[mid + 1] as number) >= target) hi = mid;
      else lo = mid + 1;
    }
    return (t.pEnd[lo] as number) - ((t.cumStart[lo + 1] as number) - target);
  }

  function workingMsBetween(fromMs: number, toMs: number): number {
    if (toMs < fromMs) return -workingMsBetween(toMs, fromMs);
    const a = tableAt(fromMs);
    const wa = workedBefore(a, locate(a, fromMs), fromMs);
    const b = tableAt(toMs);
    const wb = workedBefore(b, locate(b, toMs), toMs);
    let sum = wb - wa;
    for (let y = a.year; y < b.year; y++) sum += table(y).total;
    return sum;
  }

  function daysOfYear(year: number): CalendarDay[] {
    const first = dayNumberOfDate(year, 1, 1);
    const end = dayNumberOfDate(year + 1, 1, 1);
    // Look 15 days past each end so a break that spans New Year keeps its weekends.
    const from = first - 15;
    const to = end + 15;
    const info = (day: number) => {
      const t = table(yearOfDay(day));
      const off = t.exceptions.off.get(day);
      const worked = t.exceptions.worked.get(day);
      const i = day - t.firstDay;
      const resting = (t.dayFirst[i] as number) === (t.dayFirst[i + 1] as number);
      return { off, worked, resting };
    };
    const days = Array.from({ length: to - from }, (_, i) => info(from + i));
    const result: CalendarDay[] = [];
    for (let i = 0; i < days.length; ) {
      const day = days[i];
      if (!day?.resting) {
        i++;
        continue;
      }
      // A run of consecutive days without work; its weekends are listed only if it is a break.
      let j = i;
      while (j < days.length && days[j]?.resting) j++;
      const isBreak = days.slice(i, j).some((x) => x.off);
      for (let m = i; m < j; m++) {
        const dn = from + m;
        if (dn < first || dn >= end) continue;
        const x = days[m];
        if (x?.off) result.push({ date: formatDay(dn), kind: x.off.kind, name: x.off.name });
        else if (isBreak) result.push({ date: formatDay(dn), kind: "weekend", name: "Nghỉ hằng tuần" });
      }
      i = j;
    }
    for (const [dn, w] of table(year).exceptions.worked) {
      result.push({ date: formatDay(dn), kind: "worked_saturday", name: w.name });
    }
    return result.sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
  }

  const hasOfficialSchedule = (year: number) => config.officialSchedules.some((s) => s.year === year);

  return {
    addWorkingHours: (from, hours) => new Date(addWorkingMs(from.getTime(), Math.round(hours * HOUR_MS))),
    workingHoursBetween: (from, to) => workingMsBetween(from.getTime(), to.getTime()) / HOUR_MS,
    isWorkingTime(instant) {
      const ms = instant.getTime();
      const t = tableAt(ms);
      const k = locate(t, ms);
      return k < t.n && ms >= (t.pStart[k] as number);
    },
    daysOfYear,
    hasOfficialSchedule,
    yearsWithoutOfficialSchedule(fromYear, toYear) {
      const years: number[] = [];
      for (let y = fromYear; y <= toYear; y++) if (!hasOfficialSchedule(y)) years.push(y);
      return years;
    },
    addWorkingMs,
  };
}
