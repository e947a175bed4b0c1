import { z } from "zod";

/**
 * The working-time calendar of state administrative agencies (Art. 10.3, R-HA6) as data: weekly
 * schedule, seasons, statutory holiday rules and per-year official schedules. Shared by the server
 * (deadline engine, admin API) and the web console (editor, warnings). Holidays are data, never
 * code: a new holiday or a new year's notice is an edit here, not a release.
 */

/** The years the Vietnamese lunar calendar is computed on the UTC+7 meridian (since 1968). */
export const CALENDAR_MIN_YEAR = 1968;
export const CALENDAR_MAX_YEAR = 2100;
export const calendarYearMessage = `Năm phải từ ${CALENDAR_MIN_YEAR} đến ${CALENDAR_MAX_YEAR}`;

/** A year the calendar computes, with one message for either bound (a year reads badly as «2.100»). */
export const calendarYearSchema = z
  .number()
  .int()
  .min(CALENDAR_MIN_YEAR, calendarYearMessage)
  .max(CALENDAR_MAX_YEAR, calendarYearMessage);

export const dayKinds = ["holiday", "compensatory", "swap", "weekend", "worked_saturday"] as const;
export type DayKind = (typeof dayKinds)[number];

export const weekdays = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof weekdays)[number];

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** "HH:MM" local time; "24:00" closes a period at midnight. */
export const timeOfDaySchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, "Giờ phải có dạng HH:MM");

export const periodSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((p) => minutesOf(p.start) < minutesOf(p.end), "Giờ bắt đầu phải trước giờ kết thúc");
export type Period = z.infer<typeof periodSchema>;

/** The periods of one day in order, e.g. morning and afternoon around the lunch break. */
export const dayPeriodsSchema = z
  .array(periodSchema)
  .max(6)
  .refine(
    (ps) => ps.every((p, i) => i === 0 || minutesOf(ps[i - 1]?.end ?? "00:00") <= minutesOf(p.start)),
    "Các ca làm việc phải theo thứ tự và không chồng nhau",
  );
export type DayPeriods = z.infer<typeof dayPeriodsSchema>;

export const weekScheduleSchema = z
  .object({
    monday: dayPeriodsSchema,
    tuesday: dayPeriodsSchema,
    wednesday: dayPeriodsSchema,
    thursday: dayPeriodsSchema,
    friday: dayPeriodsSchema,
    saturday: dayPeriodsSchema,
    sunday: dayPeriodsSchema,
  })
  // Without a single working period no deadline could ever fall due.
  .refine((w) => Object.values(w).some((ps) => ps.length > 0), "Cần ít nhất một ca làm việc trong tuần");
export type WeekSchedule = z.infer<typeof weekScheduleSchema>;

const monthDaySchema = z
  .string()
  .regex(/^(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, "Ngày phải có dạng MM-DD");

/**
 * A schedule in force every year from `from` to `to` inclusive (MM-DD); a range with from > to
 * wraps over New Year (winter). The first matching season wins; otherwise `week` applies.
 */
export const seasonSchema = z.object({
  name: z.string().min(1).max(100),
  from: monthDaySchema,
  to: monthDaySchema,
  week: weekScheduleSchema,
});
export type Season = z.infer<typeof seasonSchema>;

/**
 * A statutory holiday (Labour Code 2019, Art. 112): `days` consecutive days starting `offsetDays`
 * from the given solar or lunar (Vietnamese calendar) date. Tết is lunar 1/1, offset -1, 5 days.
 */
export const holidayRuleSchema = z
  .object({
    name: z.string().min(1).max(100),
    calendar: z.enum(["solar", "lunar"]),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    offsetDays: z.number().int().min(-10).max(10),
    days: z.number().int().min(1).max(15),
    fromYear: calendarYearSchema.optional(),
    toYear: calendarYearSchema.optional(),
  })
  .refine((r) => r.calendar === "solar" || r.day <= 30, "Ngày âm lịch từ 1 đến 30")
  .refine((r) => r.calendar === "lunar" || r.day <= new Date(Date.UTC(2024, r.month, 0)).getUTCDate(), {
    message: "Ngày không tồn tại trong tháng",
  });
export type HolidayRule = z.infer<typeof holidayRuleSchema>;

const isoDateSchema = z.iso.date("Ngày phải có dạng YYYY-MM-DD (ví dụ 2026-02-16)");

export const officialDayOffSchema = z.object({
  date: isoDateSchema,
  kind: z.enum(["holiday", "compensatory", "swap"]),
  name: z.string().min(1).max(200),
});
export type OfficialDayOff = z.infer<typeof officialDayOffSchema>;

/** A rest day made a working day (làm bù); without `periods` it follows Monday's schedule. */
export const workedDaySchema = z.object({
  date: isoDateSchema,
  name: z.string().min(1).max(200),
  periods: dayPeriodsSchema.optional(),
});
export type WorkedDay = z.infer<typeof workedDaySchema>;

/** The government's notice for one year; when present it replaces the rules for that year. */
export const officialScheduleSchema = z
  .object({
    year: calendarYearSchema,
    source: z.string().max(300).optional(),
    daysOff: z.array(officialDayOffSchema).max(60),
    workedDays: z.array(workedDaySchema).max(20),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    for (const [list, entries] of [
      ["daysOff", s.daysOff],
      ["workedDays", s.workedDays],
    ] as const) {
      entries.forEach((e, i) => {
        if (!e.date.startsWith(`${s.year}-`)) {
          ctx.addIssue({ code: "custom", path: [list, i, "date"], message: `Ngày phải thuộc năm ${s.year}` });
        }
        if (seen.has(e.date)) {
          ctx.addIssue({ code: "custom", path: [list, i, "date"], message: "Ngày bị trùng" });
        }
        seen.add(e.date);
      });
    }
  });
export type OfficialSchedule = z.infer<typeof officialScheduleSchema>;

/** Everything except the per-year notices: what the admin edits as "rules". */
export const calendarRulesSchema = z.object({
  week: weekScheduleSchema,
  seasons: z.array(seasonSchema).max(12),
  holidays: z.array(holidayRuleSchema).max(50),
  /** Art. 111.3 Labour Code: a holiday on a weekly rest day gives the next working day off. */
  compensatory: z.boolean(),
});
export type CalendarRules = z.infer<typeof calendarRulesSchema>;

export const calendarConfigSchema = calendarRulesSchema
  .extend({ officialSchedules: z.array(officialScheduleSchema).max(200) })
  .refine(
    (c) => new Set(c.officialSchedules.map((s) => s.year)).size === c.officialSchedules.length,
    "Mỗi năm chỉ có một lịch chính thức",
  );
export type CalendarConfig = z.infer<typeof calendarConfigSchema>;

export const calendarDaySchema = z.object({
  date: isoDateSchema,
  kind: z.enum(dayKinds),
  name: z.string(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

/**
 * A span of working time as staff read it: whole hours and minutes, rounded to the minute
 * ("12 phút", not "0,2 giờ"). `signedHours` is positive while time is left, negative once late.
 */
export function workingTimeParts(signedHours: number): { late: boolean; hours: number; minutes: number } {
  const total = Math.round(Math.abs(signedHours) * 60);
  return { late: signedHours < 0, hours: Math.floor(total / 60), minutes: total % 60 };
}

/** Which words a span needs: minutes alone under an hour, hours alone on the hour, else both. */
export function durationShape({
  hours,
  minutes,
}: {
  hours: number;
  minutes: number;
}): "minutes" | "hours" | "hoursMinutes" {
  return hours === 0 ? "minutes" : minutes === 0 ? "hours" : "hoursMinutes";
}
