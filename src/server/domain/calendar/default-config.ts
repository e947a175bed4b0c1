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

const tet = "Tết Nguyên đán";
const nationalDay = "Quốc khánh";

/** 2025 notice (approved 26/11/2024): Tết Sat 25/1 – Sun 2/2; 2/5 swapped with Sat 26/4. */
export const officialSchedule2025: OfficialSchedule = {
  year: 2025,
  source: "Thông báo lịch nghỉ lễ, Tết năm 2025 (phê duyệt 26/11/2024)",
  daysOff: [
    { date: "2025-01-01", kind: "holiday", name: "Tết Dương lịch" },
    ...["27", "28", "29", "30", "31"].map((d) => ({
      date: `2025-01-${d}`,
      kind: "holiday" as const,
      name: tet,
    })),
    { date: "2025-04-07", kind: "holiday", name: "Giỗ Tổ Hùng Vương" },
    { date: "2025-04-30", kind: "holiday", name: "Ngày Chiến thắng" },
    { date: "2025-05-01", kind: "holiday", name: "Ngày Quốc tế Lao động" },
    { date: "2025-05-02", kind: "swap", name: "Nghỉ hoán đổi (làm bù thứ Bảy 26/04)" },
    { date: "2025-09-01", kind: "holiday", name: nationalDay },
    { date: "2025-09-02", kind: "holiday", name: nationalDay },
  ],
  workedDays: [{ date: "2025-04-26", name: "Làm bù cho thứ Sáu 02/05" }],
};

/** 2026 notice 9441/TB-BNV (16/10/2025): 2/1 swapped with Sat 10/1, 31/8 with Sat 22/8. */
export const officialSchedule2026: OfficialSchedule = {
  year: 2026,
  source: "Thông báo 9441/TB-BNV ngày 16/10/2025",
  daysOff: [
    { date: "2026-01-01", kind: "holiday", name: "Tết Dương lịch" },
    { date: "2026-01-02", kind: "swap", name: "Nghỉ hoán đổi (làm bù thứ Bảy 10/01)" },
    ...["16", "17", "18", "19", "20"].map((d) => ({
      date: `2026-02-${d}`,
      kind: "holiday" as const,
      name: tet,
    })),
    { date: "2026-04-26", kind: "holiday", name: "Giỗ Tổ Hùng Vương" },
    { date: "2026-04-27", kind: "compensatory", name: "Nghỉ bù Giỗ Tổ Hùng Vương" },
    { date: "2026-04-30", kind: "holiday", name: "Ngày Chiến thắng" },
    { date: "2026-05-01", kind: "holiday", name: "Ngày Quốc tế Lao động" },
    { date: "2026-08-31", kind: "swap", name: "Nghỉ hoán đổi (làm bù thứ Bảy 22/08)" },
    { date: "2026-09-01", kind: "holiday", name: nationalDay },
    { date: "2026-09-02", kind: "holiday", name: nationalDay },
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
    { name: "Tết Dương lịch", calendar: "solar", month: 1, day: 1, offsetDays: 0, days: 1 },
    { name: tet, calendar: "lunar", month: 1, day: 1, offsetDays: -1, days: 5 },
    { name: "Giỗ Tổ Hùng Vương", calendar: "lunar", month: 3, day: 10, offsetDays: 0, days: 1 },
    { name: "Ngày Chiến thắng", calendar: "solar", month: 4, day: 30, offsetDays: 0, days: 1 },
    { name: "Ngày Quốc tế Lao động", calendar: "solar", month: 5, day: 1, offsetDays: 0, days: 1 },
    { name: nationalDay, calendar: "solar", month: 9, day: 2, offsetDays: 0, days: 2 },
  ],
  // Art. 111.3 Labour Code 2019.
  compensatory: true,
  officialSchedules: [officialSchedule2025, officialSchedule2026],
};
