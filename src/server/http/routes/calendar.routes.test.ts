import { describe, expect, it } from "vitest";
import { daysResponse } from "../../../shared/schemas/calendar.js";
import { useTestApp } from "../../../test/hooks.js";
import { json } from "../../../test/http.js";

// Public calendar endpoints (R-HA6, Art. 10.3): anyone may ask when something is due.
describe("public calendar API", () => {
  const t = useTestApp({ seed: "none" });

  const get = (url: string) => t.app.inject({ method: "GET", url });
  const q = encodeURIComponent;

  it.each([
    ["2026-03-02T09:00+07:00", "8", "2026-03-03T09:00:00+07:00"],
    ["2026-03-06T16:00+07:00", "4", "2026-03-09T10:00:00+07:00"],
    ["2026-03-02T12:00+07:00", "4", "2026-03-03T07:30:00+07:00"],
    ["2026-02-13T15:00+07:00", "8", "2026-02-23T15:00:00+07:00"],
    ["2026-01-09T16:00+07:00", "8", "2026-01-10T16:00:00+07:00"],
    ["2026-03-02T02:00:00Z", "0.5", "2026-03-02T09:30:00+07:00"],
  ])("GET deadline from=%s hours=%s → %s (docs/calendar.md)", async (from, hours, deadline) => {
    const res = await get(`/api/v1/calendar/deadline?from=${q(from)}&hours=${hours}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ deadline });
  });

  it("GET working-hours counts working time, signed", async () => {
    const from = q("2026-03-02T09:00+07:00");
    const to = q("2026-03-03T09:00+07:00");
    expect((await get(`/api/v1/calendar/working-hours?from=${from}&to=${to}`)).json()).toEqual({ hours: 8 });
    expect((await get(`/api/v1/calendar/working-hours?from=${to}&to=${from}`)).json()).toEqual({ hours: -8 });
  });

  it("GET days lists 2026 with kinds and Vietnamese names", async () => {
    const res = await get("/api/v1/calendar/days?year=2026");
    const days = json(res, daysResponse);
    expect(days).toContainEqual({
      date: "2026-01-10",
      kind: "worked_saturday",
      name: "Làm bù cho thứ Sáu 02/01",
    });
    expect(days).toContainEqual({
      date: "2026-08-31",
      kind: "swap",
      name: "Nghỉ hoán đổi (làm bù thứ Bảy 22/08)",
    });
    expect(days.filter((d) => d.kind === "holiday" && d.name === "Tết Nguyên đán")).toHaveLength(5);
  });

  it("GET days for a year without an official schedule uses the rules (2030: Tết 2/2, Vietnamese calendar)", async () => {
    const days = json(await get("/api/v1/calendar/days?year=2030"), daysResponse);
    const tet = days.filter((d) => d.kind === "holiday" && d.date.startsWith("2030-0"));
    expect(tet.map((d) => d.date)).toContain("2030-02-01");
    expect(tet.map((d) => d.date)).toContain("2030-02-05");
  });

  it.each([
    ["not ISO", "/api/v1/calendar/deadline?from=yesterday&hours=8"],
    ["date only", "/api/v1/calendar/deadline?from=2026-03-02&hours=8"],
    ["impossible date", `/api/v1/calendar/deadline?from=${q("2026-02-30T09:00+07:00")}&hours=8`],
    ["negative hours", `/api/v1/calendar/deadline?from=${q("2026-03-02T09:00+07:00")}&hours=-1`],
    ["absurd hours", `/api/v1/calendar/deadline?from=${q("2026-03-02T09:00+07:00")}&hours=1e9`],
    ["too many hours", `/api/v1/calendar/deadline?from=${q("2026-03-02T09:00+07:00")}&hours=1000000000`],
    ["hours not a number", `/api/v1/calendar/deadline?from=${q("2026-03-02T09:00+07:00")}&hours=eight`],
    ["empty hours", `/api/v1/calendar/deadline?from=${q("2026-03-02T09:00+07:00")}&hours=`],
    ["missing hours", `/api/v1/calendar/deadline?from=${q("2026-03-02T09:00+07:00")}`],
    ["missing from", "/api/v1/calendar/deadline?hours=8"],
    ["from before 1968", `/api/v1/calendar/deadline?from=${q("1967-12-31T09:00+07:00")}&hours=8`],
    ["from after 2100", `/api/v1/calendar/deadline?from=${q("2101-01-01T09:00+07:00")}&hours=8`],
    ["missing to", `/api/v1/calendar/working-hours?from=${q("2026-03-02T09:00+07:00")}`],
    ["bad to", `/api/v1/calendar/working-hours?from=${q("2026-03-02T09:00+07:00")}&to=soon`],
    ["year 1967", "/api/v1/calendar/days?year=1967"],
    ["year 2101", "/api/v1/calendar/days?year=2101"],
    ["year not a number", "/api/v1/calendar/days?year=abcd"],
    ["year missing", "/api/v1/calendar/days"],
    ["year fractional", "/api/v1/calendar/days?year=2026.5"],
  ])("400 VALIDATION, never 500: %s", async (_case, url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION");
    expect(res.json().error.message).toBeTruthy();
  });

  it("accepts the limits: year 1968 and 2100, the largest allowed hours", async () => {
    expect((await get("/api/v1/calendar/days?year=1968")).statusCode).toBe(200);
    expect((await get("/api/v1/calendar/days?year=2100")).statusCode).toBe(200);
    const res = await get(`/api/v1/calendar/deadline?from=${q("2100-12-31T09:00+07:00")}&hours=10000`);
    expect(res.statusCode).toBe(200);
  });

  it("documents the three endpoints in the OpenAPI document", async () => {
    const paths = (await get("/api/openapi.json")).json().paths;
    for (const p of [
      "/api/v1/calendar/deadline",
      "/api/v1/calendar/working-hours",
      "/api/v1/calendar/days",
    ]) {
      expect(paths[p]).toBeDefined();
    }
  });

  it("rate-limits each client", async () => {
    const url = "/api/v1/calendar/days?year=2026";
    const codes: number[] = [];
    for (let i = 0; i < 125; i++) {
      codes.push((await t.app.inject({ method: "GET", url, remoteAddress: "203.0.113.7" })).statusCode);
    }
    expect(codes.slice(0, 120).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    expect((await t.app.inject({ method: "GET", url, remoteAddress: "203.0.113.8" })).statusCode).toBe(200);
  });
});
