import type { CalendarConfig } from "../../../shared/calendar.js";
import { type DayNumber, dayNumberOfDate, midnightOf } from "./days.js";
import { exceptionsOf, periodsOf, type YearExceptions } from "./rules.js";

/**
 * One Gregorian year flattened for the deadline engine: every working period as [start, end) in
 * epoch ms, with the working time before each period, and an index from day to first period.
 * Finding a deadline is then one day lookup plus one binary search, instead of a walk over time.
 */
export interface YearTable {
  year: number;
  firstDay: DayNumber;
  /** Index of the first period of each day of the year; length days + 1. */
  dayFirst: Int32Array;
  pStart: Float64Array;
  pEnd: Float64Array;
  /** Working ms in the year before period k; cumStart[n] is the year's total. */
  cumStart: Float64Array;
  n: number;
  total: number;
  exceptions: YearExceptions;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function buildYearTable(config: CalendarConfig, year: number): YearTable {
  const exceptions = exceptionsOf(config, year);
  const firstDay = dayNumberOfDate(year, 1, 1);
  const days = dayNumberOfDate(year + 1, 1, 1) - firstDay;
  const dayFirst = new Int32Array(days + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < days; i++) {
    dayFirst[i] = starts.length;
    const midnight = midnightOf(firstDay + i);
    for (const p of periodsOf(config, exceptions, firstDay + i)) {
      starts.push(midnight + minutes(p.start) * 60_000);
      ends.push(midnight + minutes(p.end) * 60_000);
    }
  }
  const n = starts.length;
  dayFirst[days] = n;
  const cumStart = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) cumStart[k + 1] = (cumStart[k] ?? 0) + ((ends[k] ?? 0) - (starts[k] ?? 0));
  return {
    year,
    firstDay,
    dayFirst,
    pStart: Float64Array.from(starts),
    pEnd: Float64Array.from(ends),
    cumStart,
    n,
    total: cumStart[n] ?? 0,
    exceptions,
  };
}
