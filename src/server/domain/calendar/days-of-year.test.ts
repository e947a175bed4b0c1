import { describe, expect, it } from "vitest";
import type { CalendarConfig, CalendarDay } from "../../../shared/calendar.js";
import { defaultCalendarConfig } from "./default-config.js";
import { createWorkingCalendar } from "./working-calendar.js";

const cal = createWorkingCalendar(defaultCalendarConfig);
const compact = (days: CalendarDay[]) => days.map((d) => `${d.date.slice(5)} ${d.kind}`);

describe("daysOfYear: official schedules (R-HA6)", () => {
  it("2025: Tết break Sat 25/1 – Sun 2/2, swap 2/5 for Sat 26/4, National Day 1–2/9", () => {
    expect(compact(cal.daysOfYear(2025))).toEqual([
      "01-01 holiday",
      ...["01-25", "01-26"].map((d) => `${d} weekend`),
      ...["01-27", "01-28", "01-29", "01-30", "01-31"].map((d) => `${d} holiday`),
      "02-01 weekend",
      "02-02 weekend",
      "04-05 weekend",
      "04-06 weekend",
      "04-07 holiday",
      "04-26 worked_saturday",
      "04-30 holiday",
      "05-01 holiday",
      "05-02 swap",
      "05-03 weekend",
      "05-04 weekend",
      "08-30 weekend",
      "08-31 weekend",
      "09-01 holiday",
      "09-02 holiday",
    ]);
  });

  it("2026: swaps 2/1 ↔ Sat 10/1 and 31/8 ↔ Sat 22/8, compensatory 27/4 for Sunday's Hùng Kings", () => {
    expect(compact(cal.daysOfYear(2026))).toEqual([
      "01-01 holiday",
      "01-02 swap",
      "01-03 weekend",
      "01-04 weekend",
      "01-10 worked_saturday",
      "02-14 weekend",
      "02-15 weekend",
      ...["02-16", "02-17", "02-18", "02-19", "02-20"].map((d) => `${d} holiday`),
      "02-21 weekend",
      "02-22 weekend",
      "04-25 weekend",
      "04-26 holiday",
      "04-27 compensatory",
      "04-30 holiday",
      "05-01 holiday",
      "05-02 weekend",
      "05-03 weekend",
      "08-22 worked_saturday",
      "08-29 weekend",
      "08-30 weekend",
      "08-31 swap",
      "09-01 holiday",
      "09-02 holiday",
    ]);
  });

  it("names every day in Vietnamese", () => {
    const day = cal.daysOfYear(2026).find((d) => d.date === "2026-04-27");
    expect(day).toEqual({ date: "2026-04-27", kind: "compensatory", name: "Nghỉ bù Giỗ Tổ Hùng Vương" });
  });
});

describe("daysOfYear: statutory fallback without an official schedule (Art. 111.3, 112)", () => {
  const offDays = (year: number) =>
    compact(cal.daysOfYear(year).filter((d) => d.kind === "holiday" || d.kind === "compensatory"));

  it("2027: Tết Fri 5/2 – Tue 9/2 with Sat and Sun compensated on Wed 10/2 and Thu 11/2", () => {
    expect(offDays(2027)).toEqual([
      "01-01 holiday",
      ...["02-05", "02-06", "02-07", "02-08", "02-09"].map((d) => `${d} holiday`),
      "02-10 compensatory",
      "02-11 compensatory",
      "04-16 holiday",
      "04-30 holiday",
      "05-01 holiday",
      "05-03 compensatory",
      "09-02 holiday",
      "09-03 holiday",
    ]);
  });

  it("2023 as the law gives it: New Year on Sunday → Mon 2/1; 29/4–1/5 on Sat–Mon → Tue 2/5, Wed 3/5", () => {
    const days = offDays(2023);
    expect(days).toContain("01-02 compensatory");
    expect(days).toEqual(
      expect.arrayContaining(["04-29 holiday", "05-02 compensatory", "05-03 compensatory"]),
    );
  });

  it("2028: New Year on Saturday gives Monday 3/1 off", () => {
    expect(offDays(2028).slice(0, 2)).toEqual(["01-01 holiday", "01-03 compensatory"]);
  });

  it("flags the years that fall back to the rules", () => {
    expect(cal.hasOfficialSchedule(2026)).toBe(true);
    expect(cal.yearsWithoutOfficialSchedule(2025, 2028)).toEqual([2027, 2028]);
  });
});

describe("configuration is data, not code", () => {
  it("a new holiday rule (24/11, Ngày Văn hóa Việt Nam) from 2027 applies without code", () => {
    const config: CalendarConfig = {
      ...defaultCalendarConfig,
      holidays: [
        ...defaultCalendarConfig.holidays,
        {
          name: "Ngày Văn hóa Việt Nam",
          calendar: "solar",
          month: 11,
          day: 24,
          offsetDays: 0,
          days: 1,
          fromYear: 2027,
        },
      ],
    };
    const custom = createWorkingCalendar(config);
    expect(custom.daysOfYear(2027).some((d) => d.date === "2027-11-24")).toBe(true);
    // 2026 keeps its official notice: the rule does not reach a year with an official schedule.
    expect(custom.daysOfYear(2026).some((d) => d.date === "2026-11-24")).toBe(false);
  });

  it("seasons by date range, wrapping New Year (winter 07:30–12:00, 13:30–17:00)", () => {
    const winterDay = [
      { start: "07:30", end: "12:00" },
      { start: "13:30", end: "17:00" },
    ];
    const week = defaultCalendarConfig.week;
    const winter = {
      ...week,
      monday: winterDay,
      tuesday: winterDay,
      wednesday: winterDay,
      thursday: winterDay,
      friday: winterDay,
    };
    const seasonal = createWorkingCalendar({
      ...defaultCalendarConfig,
      seasons: [{ name: "Mùa đông", from: "10-01", to: "03-31", week: winter }],
    });
    expect(seasonal.isWorkingTime(new Date("2026-03-02T07:15+07:00"))).toBe(false);
    expect(seasonal.isWorkingTime(new Date("2026-11-02T11:45+07:00"))).toBe(true);
    expect(seasonal.isWorkingTime(new Date("2026-06-01T07:15+07:00"))).toBe(true);
    expect(seasonal.addWorkingHours(new Date("2026-03-02T07:00+07:00"), 4.5).toISOString()).toBe(
      "2026-03-02T05:00:00.000Z",
    );
    // Worked Saturday 10/1 follows the winter Monday.
    expect(seasonal.isWorkingTime(new Date("2026-01-10T07:15+07:00"))).toBe(false);
  });

  it("a worked day can carry its own periods", () => {
    const custom = createWorkingCalendar({
      ...defaultCalendarConfig,
      officialSchedules: [
        {
          year: 2030,
          daysOff: [],
          workedDays: [{ date: "2030-03-02", name: "Làm bù", periods: [{ start: "08:00", end: "10:00" }] }],
        },
      ],
    });
    expect(
      custom.workingHoursBetween(new Date("2030-03-02T00:00+07:00"), new Date("2030-03-03T00:00+07:00")),
    ).toBe(2);
  });
});
