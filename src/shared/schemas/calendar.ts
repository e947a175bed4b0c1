import { z } from "zod";
import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  calendarConfigSchema,
  calendarDaySchema,
  calendarRulesSchema,
  calendarYearMessage,
  calendarYearSchema,
  officialScheduleSchema,
} from "../calendar.js";
import { parseIsoInstant } from "../time.js";

/**
 * Request and response schemas of the calendar API (R-HA6). Public questions are narrow: an
 * instant, a number of hours, a year — each bounded so nothing absurd reaches the engine.
 */

/** Longest deadline anyone may ask for: about five working years. */
export const MAX_DEADLINE_HOURS = 10_000;

const inRange = (d: Date) => {
  const year = Number(new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 4));
  return year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR;
};

/** An ISO 8601 date-time (offset optional, +07:00 assumed) between 1968 and 2100. */
export const instantParam = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const d = parseIsoInstant(text);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "Thời điểm phải theo ISO 8601, ví dụ 2026-03-02T09:00+07:00" });
      return z.NEVER;
    }
    if (!inRange(d)) {
      ctx.addIssue({ code: "custom", message: calendarYearMessage });
      return z.NEVER;
    }
    return d;
  });

const hoursParam = z
  .string()
  .regex(/^\d{1,5}(?:\.\d{1,6})?$/, "Số giờ phải là số không âm, ví dụ 8 hoặc 0.5")
  .transform(Number)
  .pipe(z.number().min(0).max(MAX_DEADLINE_HOURS, `Tối đa ${MAX_DEADLINE_HOURS} giờ làm việc`));

const yearParam = z
  .string()
  .regex(/^\d{4}$/, "Năm phải có 4 chữ số")
  .transform(Number)
  .pipe(calendarYearSchema);

export const deadlineQuery = z.object({ from: instantParam, hours: hoursParam });
export const deadlineResponse = z.object({ deadline: z.string() });

export const workingHoursQuery = z.object({ from: instantParam, to: instantParam });
export const workingHoursResponse = z.object({ hours: z.number() });

export const daysQuery = z.object({ year: yearParam });
export const daysResponse = z.array(calendarDaySchema);

export const yearPathParams = z.object({ year: yearParam });

/** What an administrator sees: the whole configuration and the years still on the rules alone. */
export const adminCalendarResponse = z.object({
  config: calendarConfigSchema,
  /** This year and next year when no official schedule is entered (docs/calendar.md: warn staff). */
  missingOfficialYears: z.array(z.number().int()),
});
export type AdminCalendarResponse = z.infer<typeof adminCalendarResponse>;

export const updateCalendarRulesBody = calendarRulesSchema;
export const officialScheduleBody = officialScheduleSchema;
