import { DAY_MS, VN_OFFSET_MS } from "../../../shared/time.js";

/**
 * Vietnam calendar days as integers (days since 1970-01-01 in UTC+7), so the engine does day
 * arithmetic without Date objects or time-zone lookups (UTC+7 has no daylight saving).
 */
export type DayNumber = number;

export const dayNumberOf = (ms: number): DayNumber => Math.floor((ms + VN_OFFSET_MS) / DAY_MS);

/** The instant of local midnight starting the day. */
export const midnightOf = (day: DayNumber): number => day * DAY_MS - VN_OFFSET_MS;

export const dayNumberOfDate = (year: number, month: number, day: number): DayNumber =>
  Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);

export function parseDay(iso: string): DayNumber {
  return dayNumberOfDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

export function formatDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekdayIndexOf = (day: DayNumber): number => (((day + 3) % 7) + 7) % 7;

export const yearOfDay = (day: DayNumber): number => new Date(day * DAY_MS).getUTCFullYear();

/** "MM-DD" of a day, to match recurring season ranges. */
export const monthDayOf = (day: DayNumber): string => formatDay(day).slice(5);
