import type { WorkingCalendar } from "../server/domain/calendar/index.js";
import type { CalendarConfig, Period, WeekSchedule } from "../shared/calendar.js";

/**
 * The baseline the engine is measured and checked against: walk time minute by minute and count
 * the working ones. Only the list of days (calendar.daysOfYear) is shared with the engine; the
 * weekly schedule is read straight from the config. Supports configs without seasons and with
 * worked days on Monday's hours, like the shipped one. Inputs must be whole minutes.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;
const OFFSET = 7 * 3_600_000;
const names: (keyof WeekSchedule)[] = [
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
];
const toMinutes = (ps: readonly Period[]) =>
  ps.map((p) => [
    Number(p.start.slice(0, 2)) * 60 + Number(p.start.slice(3)),
    Number(p.end.slice(0, 2)) * 60 + Number(p.end.slice(3)),
  ]);

export function createNaiveCalendar(config: CalendarConfig, calendar: WorkingCalendar) {
  const off = new Set<number>();
  const worked = new Set<number>();
  const loaded = new Set<number>();
  const dayOf = (iso: string) =>
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8))) / DAY;

  const week = names.map((name) => toMinutes(config.week[name]));
  const monday = toMinutes(config.week.monday);
  // A fair baseline: the periods of the current day are looked up once per day, not per minute.
  let lastDay = Number.NaN;
  let periods: number[][] = [];

  function periodsOfDay(day: number): number[][] {
    const year = new Date(day * DAY).getUTCFullYear();
    if (!loaded.has(year)) {
      loaded.add(year);
      for (const d of calendar.daysOfYear(year))
        (d.kind === "worked_saturday" ? worked : off).add(dayOf(d.date));
    }
    return worked.has(day) ? monday : off.has(day) ? [] : (week[day % 7] ?? []);
  }

  function working(ms: number): boolean {
    const local = ms + OFFSET;
    const day = Math.floor(local / DAY);
    if (day !== lastDay) {
      lastDay = day;
      periods = periodsOfDay(day);
    }
    const minute = Math.floor((local - day * DAY) / MINUTE);
    return periods.some(([start = 0, end = 0]) => minute >= start && minute < end);
  }

  return {
    working,
    /** Deadline after `minutes` working minutes from a whole-minute instant (docs/calendar.md semantics). */
    addWorkingMinutes(fromMs: number, minutes: number): number {
      let t = fromMs;
      if (minutes === 0) {
        // Inside a period or exactly at its end stays put; otherwise wait for the next period.
        while (!working(t) && !working(t - MINUTE)) t += MINUTE;
        return t;
      }
      let left = minutes;
      while (left > 0) {
        if (working(t)) left--;
        t += MINUTE;
      }
      return t;
    },
  };
}
