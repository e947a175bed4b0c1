import type { CalendarConfig, HolidayRule, Period, WeekSchedule } from "../../../shared/calendar.js";
import { weekdays } from "../../../shared/calendar.js";
import { type DayNumber, dayNumberOfDate, monthDayOf, parseDay, weekdayIndexOf, yearOfDay } from "./days.js";
import { lunarToDay } from "./lunar.js";

/** Why a working day is off. Weekends are not listed here: they come from the weekly schedule. */
export interface DayOff {
  kind: "holiday" | "compensatory" | "swap";
  name: string;
}

export interface WorkedDayPlan {
  name: string;
  periods: readonly Period[];
}

/** The exceptions to the weekly schedule for one Gregorian year. */
export interface YearExceptions {
  official: boolean;
  off: Map<DayNumber, DayOff>;
  worked: Map<DayNumber, WorkedDayPlan>;
}

/** The weekly schedule in force on a day: the first season whose MM-DD range holds it, else `week`. */
export function weekOf(config: CalendarConfig, day: DayNumber): WeekSchedule {
  if (config.seasons.length === 0) return config.week;
  const md = monthDayOf(day);
  for (const s of config.seasons) {
    const inside = s.from <= s.to ? md >= s.from && md <= s.to : md >= s.from || md <= s.to;
    if (inside) return s.week;
  }
  return config.week;
}

export function weeklyPeriodsOf(config: CalendarConfig, day: DayNumber): readonly Period[] {
  const key = weekdays[weekdayIndexOf(day)] ?? "monday";
  return weekOf(config, day)[key];
}

/** The days a rule gives in the (solar or lunar) year starting in Gregorian `year`. */
function ruleDays(rule: HolidayRule, year: number): DayNumber[] {
  if ((rule.fromYear && year < rule.fromYear) || (rule.toYear && year > rule.toYear)) return [];
  const anchor =
    rule.calendar === "lunar"
      ? lunarToDay(year, rule.month, rule.day)
      : dayNumberOfDate(year, rule.month, rule.day);
  return Array.from({ length: rule.days }, (_, i) => anchor + rule.offsetDays + i);
}

/**
 * Statutory days off by the rules alone (Labour Code 2019 Art. 112), plus compensatory days
 * (Art. 111.3): each holiday on a weekly rest day gives the next working day that is not itself
 * off, so a run of holidays pushes its compensatory days past the run's end.
 */
export function statutoryDaysOff(config: CalendarConfig, year: number): Map<DayNumber, DayOff> {
  const holidays = new Map<DayNumber, DayOff>();
  // Neighbouring years too: a lunar or compensatory day can cross 1 January.
  for (const y of [year - 1, year, year + 1]) {
    for (const rule of config.holidays) {
      for (const d of ruleDays(rule, y)) {
        if (!holidays.has(d)) holidays.set(d, { kind: "holiday", name: rule.name });
      }
    }
  }
  const off = new Map(holidays);
  if (config.compensatory) {
    for (const [day, h] of [...holidays].sort((a, b) => a[0] - b[0])) {
      if (weeklyPeriodsOf(config, day).length > 0) continue;
      let candidate = day + 1;
      // Bounded so a week with no working day cannot hang the engine.
      while (
        (weeklyPeriodsOf(config, candidate).length === 0 || off.has(candidate)) &&
        candidate < day + 366
      ) {
        candidate++;
      }
      off.set(candidate, { kind: "compensatory", name: `Nghỉ bù ${h.name}` });
    }
  }
  for (const d of off.keys()) if (yearOfDay(d) !== year) off.delete(d);
  return off;
}

/** The exceptions of a year: the official schedule when one exists, else the statutory rules. */
export function exceptionsOf(config: CalendarConfig, year: number): YearExceptions {
  const official = config.officialSchedules.find((s) => s.year === year);
  if (!official) return { official: false, off: statutoryDaysOff(config, year), worked: new Map() };
  const off = new Map<DayNumber, DayOff>();
  for (const d of official.daysOff) off.set(parseDay(d.date), { kind: d.kind, name: d.name });
  const worked = new Map<DayNumber, WorkedDayPlan>();
  for (const w of official.workedDays) {
    const day = parseDay(w.date);
    worked.set(day, { name: w.name, periods: w.periods ?? weekOf(config, day).monday });
  }
  return { official: true, off, worked };
}

/** The working periods of a day once every exception is applied. */
export function periodsOf(config: CalendarConfig, ex: YearExceptions, day: DayNumber): readonly Period[] {
  const worked = ex.worked.get(day);
  if (worked) return worked.periods;
  if (ex.off.has(day)) return [];
  return weeklyPeriodsOf(config, day);
}
