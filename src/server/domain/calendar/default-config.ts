import type { CalendarConfig, DayPeriods, OfficialSchedule } from "../../../shared/calendar.js";

/**
 * The shipped calendar (docs/calendar.md). Seeded into the database on first start; administrators
 * edit it from there. Holidays are data: a new one is added by an admin, not in code.
 */

// Thanh Hóa's own hours were not found; neighbouring provinces' summer hours, all year (docs/calendar.md).
const workday: DayPeriods = [
  { start: "07:00", end: "11:30" },
  { start: "13:30", end: "17:00" },
];

const newYear = "Tết Dương lịch";
const tet = "Tết Nguyên đán";
const hungKings = "Giỗ Tổ Hùng Vương";
const victory = "Ngày Chiến thắng";
const labour = "Ngày Quốc tế Lao động";
const nationalDay = "Quốc khánh";

/** The days off of one holiday in an official schedule. */
const holiday = (name: string, ...dates: string[]) =>
  dates.map((date) => ({ date, kind: "holiday" as const, name }));

/** 2025 notice (approved 26/11/2024): Tết Sat 25/1 – Sun 2/2; 2/5 swapped with Sat 26/4. */
export const officialSchedule2025: OfficialSchedule = {
  year: 2025,
  source: "Thông báo lịch nghỉ lễ, Tết năm 2025 (phê duyệt 26/11/2024)",
  daysOff: [
    ...holiday(newYear, "2025-01-01"),
    ...holiday(tet, "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"),
    ...holiday(hungKings, "2025-04-07"),
    ...holiday(victory, "2025-04-30"),
    ...holiday(labour, "2025-05-01"),
    { date: "2025-05-02", kind: "swap", name: "Nghỉ hoán đổi (làm bù thứ Bảy 26/04)" },
    ...holiday(nationalDay, "2025-09-01", "2025-09-02"),
  ],
  workedDays: [{ date: "2025-04-26", name: "Làm bù cho thứ Sáu 02/05" }],
};

/** 2026 notice 9441/TB-BNV (16/10/2025): 2/1 swapped with Sat 10/1, 31/8 with Sat 22/8. */
export const officialSchedule2026: OfficialSchedule = {
  year: 2026,
  source: "Thông báo 9441/TB-BNV ngày 16/10/2025",
  daysOff: [
    ...holiday(newYear, "2026-01-01"),
    { date: "2026-01-02", kind: "swap", name: "Nghỉ hoán đổi (làm bù thứ Bảy 10/01)" },
    ...holiday(tet, "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"),
    ...holiday(hungKings, "2026-04-26"),
    { date: "2026-04-27", kind: "compensatory", name: "Nghỉ bù Giỗ Tổ Hùng Vương" },
    ...holiday(victory, "2026-04-30"),
    ...holiday(labour, "2026-05-01"),
    { date: "2026-08-31", kind: "swap", name: "Nghỉ hoán đổi (làm bù thứ Bảy 22/08)" },
    ...holiday(nationalDay, "2026-09-01", "2026-09-02"),
  ],
  workedDays: [
    { date: "2026-01-10", name: "Làm bù cho thứ Sáu 02/01" },
    { date: "2026-08-22", name: "Làm bù cho thứ Hai 31/08" },
  ],
};

export const defaultCalendarConfig: CalendarConfig = {
  // Decision 188/1999/QĐ-TTg: 40 hours a week, Monday to Friday.
  week: {
    monday: workday,
    tuesday: workday,
    wednesday: workday,
    thursday: workday,
    friday: workday,
    saturday: [],
    sunday: [],
  },
  seasons: [],
  // Labour Code 2019 Art. 112. Tết and National Day's extra day follow the fallback in docs/calendar.md.
  holidays: [
    { name: newYear, calendar: "solar", month: 1, day: 1, offsetDays: 0, days: 1 },
    { name: tet, calendar: "lunar", month: 1, day: 1, offsetDays: -1, days: 5 },
    { name: hungKings, calendar: "lunar", month: 3, day: 10, offsetDays: 0, days: 1 },
    { name: victory, calendar: "solar", month: 4, day: 30, offsetDays: 0, days: 1 },
    { name: labour, calendar: "solar", month: 5, day: 1, offsetDays: 0, days: 1 },
    { name: nationalDay, calendar: "solar", month: 9, day: 2, offsetDays: 0, days: 2 },
  ],
  // Art. 111.3 Labour Code 2019.
  compensatory: true,
  officialSchedules: [officialSchedule2025, officialSchedule2026],
};
