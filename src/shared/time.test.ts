import { describe, expect, it } from "vitest";
import { formatVnIso, parseIsoInstant, vnDateOf } from "./time.js";

describe("formatVnIso (R-HA6: answers in +07:00)", () => {
  it("writes Vietnam time with the +07:00 offset", () => {
    expect(formatVnIso(new Date("2026-03-03T02:00:00Z"))).toBe("2026-03-03T09:00:00+07:00");
    expect(formatVnIso(new Date("2026-03-02T20:30:00.250Z"))).toBe("2026-03-03T03:30:00.250+07:00");
    expect(vnDateOf(new Date("2026-03-02T17:00:00Z"))).toBe("2026-03-03");
  });
});

describe("parseIsoInstant", () => {
  it.each([
    ["2026-03-02T09:00+07:00", "2026-03-02T02:00:00.000Z"],
    ["2026-03-02T09:00:30.5+07:00", "2026-03-02T02:00:30.500Z"],
    ["2026-03-02T02:00:00Z", "2026-03-02T02:00:00.000Z"],
    ["2026-03-02T02:00:00z", "2026-03-02T02:00:00.000Z"],
    ["2026-03-01T21:00-05:00", "2026-03-02T02:00:00.000Z"],
    ["2026-03-02T09:00+0700", "2026-03-02T02:00:00.000Z"],
    ["2026-03-02T09:00", "2026-03-02T02:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseIsoInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    "",
    "tomorrow",
    "2026-03-02",
    "2026-02-30T09:00+07:00",
    "2026-13-01T09:00+07:00",
    "2026-03-02T24:00+07:00",
    "2026-03-02T09:60+07:00",
    "2026-03-02T09:00+15:00",
    "1772409600000",
    "2026-03-02T09:00+07:00 extra",
  ])("refuses %j", (text) => {
    expect(parseIsoInstant(text)).toBeNull();
  });
});
