import { CalendarVietnamese } from "date-chinese";
import { type DayNumber, dayNumberOfDate } from "./days.js";

/**
 * Lunar dates on the Vietnamese calendar (UTC+7 meridian since 1968), which differs from the
 * Chinese one in some years (Tết 2030 is 2 February in Vietnam, 3 February in China). R-HA6.
 * Results are cached: the astronomy costs about a millisecond per conversion.
 */
const cache = new Map<string, DayNumber>();

/**
 * The Gregorian day of lunar `month`/`day` (never the leap month) in the lunar year that starts in
 * Gregorian `year`. Day 30 of a 29-day month gives the next month's first day.
 */
export function lunarToDay(year: number, month: number, day: number): DayNumber {
  const key = `${year}-${month}-${day}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const cal = new CalendarVietnamese();
  cal.set(0, 0, month, 0, day);
  const g = cal.toGregorian(year);
  const result = dayNumberOfDate(g.year, g.month, g.day);
  cache.set(key, result);
  return result;
}

/** First day of the lunar year (Tết Nguyên đán) starting in Gregorian `year`. */
export const tetOf = (year: number): DayNumber => lunarToDay(year, 1, 1);
