import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { daysOf, periodName, quickPeriod } from "./period.js";

describe("report periods", () => {
  const today = dayjs("2026-05-20");
  it("gives the quick periods as whole days, `to` inclusive", () => {
    expect(quickPeriod("thisMonth", today)).toEqual({ from: "2026-05-01", to: "2026-05-31" });
    expect(quickPeriod("lastMonth", today)).toEqual({ from: "2026-04-01", to: "2026-04-30" });
    expect(quickPeriod("thisQuarter", today)).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(quickPeriod("thisYear", today)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(quickPeriod("lastMonth", dayjs("2026-01-10"))).toEqual({ from: "2025-12-01", to: "2025-12-31" });
  });

  it("names periodic reports as the download addresses do", () => {
    expect(periodName("monthly", dayjs("2026-03-15"))).toBe("2026-03");
    expect(periodName("quarterly", dayjs("2026-11-02"))).toBe("2026-Q4");
    expect(periodName("yearly", dayjs("2026-11-02"))).toBe("2026");
  });

  it("lists every day of a period", () => {
    expect(daysOf({ from: "2026-02-27", to: "2026-03-02" })).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
  });
});
