import { describe, expect, it } from "vitest";
import { formatDay } from "./days.js";
import { lunarToDay, tetOf } from "./lunar.js";

// R-HA6: lunar holidays on the Vietnamese calendar (UTC+7 meridian), test vectors of docs/calendar.md.
const tet: Record<number, string> = {
  2020: "2020-01-25",
  2021: "2021-02-12",
  2022: "2022-02-01",
  2023: "2023-01-22",
  2024: "2024-02-10",
  2025: "2025-01-29",
  2026: "2026-02-17",
  2027: "2027-02-06",
  2028: "2028-01-26",
  2029: "2029-02-13",
  2030: "2030-02-02",
  2031: "2031-01-23",
  2032: "2032-02-11",
  2033: "2033-01-31",
  2034: "2034-02-19",
  2035: "2035-02-08",
};

const hungKings: Record<number, string> = {
  2020: "2020-04-02",
  2021: "2021-04-21",
  2022: "2022-04-10",
  2023: "2023-04-29",
  2024: "2024-04-18",
  2025: "2025-04-07",
  2026: "2026-04-26",
  2027: "2027-04-16",
  2028: "2028-04-04",
  2029: "2029-04-23",
  2030: "2030-04-12",
  2031: "2031-04-01",
  2032: "2032-04-19",
  2033: "2033-04-09",
  2034: "2034-04-28",
  2035: "2035-04-17",
};

// Years where the Vietnamese and Chinese calendars disagree on Tết.
const regression: Record<number, string> = { 1985: "1985-01-21", 2007: "2007-02-17", 2053: "2053-02-18" };

describe("Vietnamese lunar calendar (R-HA6, Labour Code Art. 112)", () => {
  it.each(Object.entries(tet))("Tết Nguyên đán %s is %s", (year, date) => {
    expect(formatDay(tetOf(Number(year)))).toBe(date);
  });

  it.each(Object.entries(hungKings))("Giỗ Tổ Hùng Vương (10/3 lunar) %s is %s", (year, date) => {
    expect(formatDay(lunarToDay(Number(year), 3, 10))).toBe(date);
  });

  it.each(Object.entries(regression))(
    "regression year %s: Tết is %s (UTC+7, not the Chinese date)",
    (year, date) => {
      expect(formatDay(tetOf(Number(year)))).toBe(date);
    },
  );

  it("Tết 2030 is 2 February in Vietnam, a day before China's", () => {
    expect(formatDay(tetOf(2030))).toBe("2030-02-02");
  });

  it("the last day of the lunar year is the eve of Tết", () => {
    // 2026: Tết Tue 17/2, so the fallback Tết break starts Mon 16/2.
    expect(formatDay(tetOf(2026) - 1)).toBe("2026-02-16");
  });
});
