import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createNaiveCalendar } from "../../../test/naive-calendar.js";
import { defaultCalendarConfig } from "./default-config.js";
import { createWorkingCalendar } from "./working-calendar.js";

// Properties of the deadline engine (Art. 10.3, R-HA6) over random instants 2020–2035.
const cal = createWorkingCalendar(defaultCalendarConfig);
const MIN = Date.parse("2020-01-01T00:00:00+07:00");
const MAX = Date.parse("2035-12-31T23:59:59+07:00");
const instant = fc.date({ min: new Date(MIN), max: new Date(MAX), noInvalidDate: true });
const minuteInstant = fc
  .integer({ min: MIN / 60_000, max: Math.floor(MAX / 60_000) })
  .map((m) => new Date(m * 60_000));
// Whole minutes keep hours exact in binary floating point, so equalities can be strict.
const hours = fc.integer({ min: 0, max: 80 * 60 }).map((m) => m / 60);
const runs = { numRuns: 2000 };

const add = (t: Date, h: number) => cal.addWorkingHours(t, h);
const atPeriodEnd = (t: Date) => !cal.isWorkingTime(t) && cal.isWorkingTime(new Date(t.getTime() - 1));

describe("addWorkingHours properties", () => {
  it("is additive: add(add(t, a), b) = add(t, a + b)", () => {
    fc.assert(
      fc.property(instant, hours, hours, (t, a, b) => {
        expect(add(add(t, a), b).getTime()).toBe(add(t, a + b).getTime());
      }),
      runs,
    );
  });

  it("is inverted by workingHoursBetween: between(t, add(t, h)) = h", () => {
    fc.assert(
      fc.property(instant, hours, (t, h) => {
        expect(cal.workingHoursBetween(t, add(t, h))).toBe(h);
      }),
      runs,
    );
  });

  it("is monotonic in t and in h", () => {
    fc.assert(
      fc.property(instant, instant, hours, hours, (t1, t2, h1, h2) => {
        const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [g, h] = h1 <= h2 ? [h1, h2] : [h2, h1];
        expect(add(a, h).getTime()).toBeLessThanOrEqual(add(b, h).getTime());
        expect(add(a, g).getTime()).toBeLessThanOrEqual(add(a, h).getTime());
      }),
      runs,
    );
  });

  it("lands inside working time or exactly at a period's end, never before the start", () => {
    fc.assert(
      fc.property(instant, hours, (t, h) => {
        const d = add(t, h);
        expect(cal.isWorkingTime(d) || atPeriodEnd(d)).toBe(true);
        expect(d.getTime()).toBeGreaterThanOrEqual(t.getTime());
      }),
      runs,
    );
  });

  it("keeps sub-hour precision with arbitrary fractional hours", () => {
    fc.assert(
      fc.property(instant, fc.double({ min: 0, max: 80, noNaN: true }), (t, h) => {
        expect(cal.workingHoursBetween(t, add(t, h))).toBeCloseTo(h, 6);
      }),
      runs,
    );
  });

  it("workingHoursBetween is antisymmetric and additive over a midpoint", () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        expect(cal.workingHoursBetween(a, b)).toBeCloseTo(-cal.workingHoursBetween(b, a), 9);
        expect(cal.workingHoursBetween(a, b) + cal.workingHoursBetween(b, c)).toBeCloseTo(
          cal.workingHoursBetween(a, c),
          6,
        );
      }),
      runs,
    );
  });

  it("agrees with a naive minute-by-minute walk (the benchmark's baseline)", () => {
    const naive = createNaiveCalendar(defaultCalendarConfig, cal);
    fc.assert(
      fc.property(minuteInstant, fc.integer({ min: 0, max: 16 * 60 }), (t, minutes) => {
        expect(add(t, minutes / 60).getTime()).toBe(naive.addWorkingMinutes(t.getTime(), minutes));
        expect(cal.isWorkingTime(t)).toBe(naive.working(t.getTime()));
      }),
      { numRuns: 500 },
    );
  });
});
