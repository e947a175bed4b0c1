import { describe, expect, it } from "vitest";
import { formatVnIso } from "../../../shared/time.js";
import { defaultCalendarConfig } from "./default-config.js";
import { createWorkingCalendar } from "./working-calendar.js";

const cal = createWorkingCalendar(defaultCalendarConfig);
const at = (iso: string) => new Date(iso);
const due = (from: string, hours: number) => formatVnIso(cal.addWorkingHours(at(from), hours));

describe("addWorkingHours: docs/calendar.md examples (Art. 10.3, R-HA6)", () => {
  it.each([
    ["2026-03-02T09:00+07:00", 8, "2026-03-03T09:00:00+07:00", "Monday, 8 h (Art. 10.3 verify-and-answer)"],
    ["2026-03-06T16:00+07:00", 4, "2026-03-09T10:00:00+07:00", "Friday, 4 h over the weekend"],
    ["2026-03-02T12:00+07:00", 4, "2026-03-03T07:30:00+07:00", "start during lunch"],
    ["2026-02-13T15:00+07:00", 8, "2026-02-23T15:00:00+07:00", "before Tết 2026"],
    ["2026-01-09T16:00+07:00", 8, "2026-01-10T16:00:00+07:00", "Friday; Saturday 10/1 is worked"],
  ])("%s + %i h → %s (%s)", (from, hours, expected) => {
    expect(due(from, hours)).toBe(expected);
    expect(cal.workingHoursBetween(at(from), at(expected))).toBe(hours);
  });
});

describe("addWorkingHours: edge cases", () => {
  it("a deadline landing exactly at 11:30 stays at 11:30, not 13:30", () => {
    expect(due("2026-03-02T07:00+07:00", 4.5)).toBe("2026-03-02T11:30:00+07:00");
    expect(due("2026-03-02T09:00+07:00", 2.5)).toBe("2026-03-02T11:30:00+07:00");
  });

  it("a deadline landing exactly at 17:00 stays at 17:00, not the next morning", () => {
    expect(due("2026-03-02T09:00+07:00", 6)).toBe("2026-03-02T17:00:00+07:00");
    expect(due("2026-03-02T13:30+07:00", 3.5)).toBe("2026-03-02T17:00:00+07:00");
  });

  it("counting from a period's end starts at the next period", () => {
    expect(due("2026-03-02T11:30+07:00", 1)).toBe("2026-03-02T14:30:00+07:00");
    expect(due("2026-03-02T17:00+07:00", 1)).toBe("2026-03-03T08:00:00+07:00");
  });

  it("starting during lunch counts from 13:30", () => {
    expect(due("2026-03-02T11:45+07:00", 0.5)).toBe("2026-03-02T14:00:00+07:00");
    expect(due("2026-03-02T13:29+07:00", 3.5)).toBe("2026-03-02T17:00:00+07:00");
  });

  it("starting on a Sunday night counts from Monday 07:00", () => {
    expect(due("2026-03-08T22:00+07:00", 4)).toBe("2026-03-09T11:00:00+07:00");
  });

  it("starting on a worked Saturday counts it as a working day (2026 notice, Sat 10/1)", () => {
    expect(cal.isWorkingTime(at("2026-01-10T09:00+07:00"))).toBe(true);
    expect(cal.isWorkingTime(at("2026-01-17T09:00+07:00"))).toBe(false);
    expect(due("2026-01-10T08:00+07:00", 8)).toBe("2026-01-12T08:00:00+07:00");
  });

  it("across Tết 2025 (break Sat 25/1 – Sun 2/2)", () => {
    expect(due("2025-01-24T16:00+07:00", 4)).toBe("2025-02-03T10:00:00+07:00");
  });

  it("across the swapped Monday 31/8/2026 and National Day", () => {
    expect(due("2026-08-28T16:00+07:00", 4)).toBe("2026-09-03T10:00:00+07:00");
    expect(cal.isWorkingTime(at("2026-08-22T10:00+07:00"))).toBe(true);
    expect(cal.isWorkingTime(at("2026-08-31T10:00+07:00"))).toBe(false);
  });

  it("across New Year into the swapped Friday 2/1/2026", () => {
    expect(due("2025-12-31T16:00+07:00", 2)).toBe("2026-01-05T08:00:00+07:00");
  });

  it("across the 30/4–1/5/2025 break with swapped Friday 2/5 and worked Saturday 26/4", () => {
    expect(due("2025-04-25T16:00+07:00", 2)).toBe("2025-04-26T08:00:00+07:00");
    expect(due("2025-04-29T16:00+07:00", 2)).toBe("2025-05-05T08:00:00+07:00");
  });

  it("across Tết 2027 from the rules alone: 5 days and 2 compensatory days (Art. 111.3)", () => {
    expect(due("2027-02-04T16:00+07:00", 8)).toBe("2027-02-12T16:00:00+07:00");
  });

  it("accepts any offset and answers in +07:00", () => {
    expect(due("2026-03-02T02:00:00Z", 8)).toBe("2026-03-03T09:00:00+07:00");
  });

  it("zero hours: the instant itself in working time or at a period's end, else the next start", () => {
    expect(due("2026-03-02T09:15+07:00", 0)).toBe("2026-03-02T09:15:00+07:00");
    expect(due("2026-03-02T11:30+07:00", 0)).toBe("2026-03-02T11:30:00+07:00");
    expect(due("2026-03-02T12:00+07:00", 0)).toBe("2026-03-02T13:30:00+07:00");
    expect(due("2026-03-07T12:00+07:00", 0)).toBe("2026-03-09T07:00:00+07:00");
  });

  it("refuses negative, infinite and NaN hours", () => {
    expect(() => cal.addWorkingHours(at("2026-03-02T09:00+07:00"), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingHours(at("2026-03-02T09:00+07:00"), Number.POSITIVE_INFINITY)).toThrow(
      RangeError,
    );
    expect(() => cal.addWorkingHours(at("2026-03-02T09:00+07:00"), Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingHours(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe("workingHoursBetween and isWorkingTime", () => {
  it("counts lunch, nights and weekends as zero", () => {
    expect(cal.workingHoursBetween(at("2026-03-02T11:00+07:00"), at("2026-03-02T14:00+07:00"))).toBe(1);
    expect(cal.workingHoursBetween(at("2026-03-06T16:30+07:00"), at("2026-03-09T07:30+07:00"))).toBe(1);
  });

  it("is negative when the second instant is earlier", () => {
    expect(cal.workingHoursBetween(at("2026-03-03T09:00+07:00"), at("2026-03-02T09:00+07:00"))).toBe(-8);
  });

  it("spans years: a 2026 working year has 8 h × working days", () => {
    const hours = cal.workingHoursBetween(at("2026-01-01T00:00+07:00"), at("2027-01-01T00:00+07:00"));
    // 261 weekdays − 13 off (1/1, 2/1, Tết ×5, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9) + 2 worked Saturdays.
    expect(hours).toBe(8 * (261 - 13 + 2));
  });

  it("period bounds: start is working time, end is not", () => {
    expect(cal.isWorkingTime(at("2026-03-02T07:00+07:00"))).toBe(true);
    expect(cal.isWorkingTime(at("2026-03-02T11:29:59.999+07:00"))).toBe(true);
    expect(cal.isWorkingTime(at("2026-03-02T11:30+07:00"))).toBe(false);
    expect(cal.isWorkingTime(at("2026-03-02T17:00+07:00"))).toBe(false);
    expect(cal.isWorkingTime(at("2026-02-17T09:00+07:00"))).toBe(false);
  });
});

describe("staff view of deadlines (R-HA5, R-MO3)", () => {
  it("due in 1 working hour: Friday 16:00 for a Monday 07:00 deadline", () => {
    expect(cal.workingHoursBetween(at("2026-03-06T16:00+07:00"), at("2026-03-09T07:00+07:00"))).toBe(1);
  });

  it("late by 3 working hours, not by 17 wall-clock hours", () => {
    expect(cal.workingHoursBetween(at("2026-03-03T09:00+07:00"), at("2026-03-02T16:00+07:00"))).toBe(-3);
  });
});
