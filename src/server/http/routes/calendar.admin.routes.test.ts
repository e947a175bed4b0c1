import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminCalendarResponse } from "../../../shared/schemas/calendar.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { json } from "../../../test/http.js";
import { createStaffUser, type StaffSession } from "../../../test/staff.js";
import { listEvents } from "../../db/repositories/event.repository.js";
import { defaultCalendarConfig } from "../../domain/calendar/index.js";

// Administrators edit the calendar (Art. 15, R-HA6); every change is in the audit log (R-SE2).
// Each test gets a fresh app: several of them change the calendar (2027's schedule, the rules) and
// others read it as seeded, so none may see what another one wrote.
describe("admin calendar API", () => {
  let t: TestApp;
  let admin: StaffSession;
  let operator: StaffSession;
  const { officialSchedules: _shipped, ...rules } = defaultCalendarConfig;
  const schedule2027 = {
    year: 2027,
    source: "Thông báo thử nghiệm",
    daysOff: [{ date: "2027-02-10", kind: "holiday", name: "Tết Nguyên đán" }],
    workedDays: [{ date: "2027-02-20", name: "Làm bù" }],
  };
  const due = async (from: string, hours: number) =>
    (
      await t.app.inject({
        method: "GET",
        url: `/api/v1/calendar/deadline?from=${encodeURIComponent(from)}&hours=${hours}`,
      })
    ).json().deadline;

  beforeEach(async () => {
    t = await createTestApp();
    admin = await (await createStaffUser(t, { role: "admin" })).signIn();
    operator = await (await createStaffUser(t, { role: "operator" })).signIn();
  });
  afterEach(() => t.close());

  it("refuses anonymous callers (401) and other roles (403)", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/v1/admin/calendar" })).statusCode).toBe(401);
    expect((await operator.inject({ method: "GET", url: "/api/v1/admin/calendar" })).statusCode).toBe(403);
    const put = await operator.inject({
      method: "PUT",
      url: "/api/v1/admin/calendar/years/2027",
      payload: schedule2027,
    });
    expect(put.statusCode).toBe(403);
  });

  it("shows the seeded configuration and flags next year without an official schedule", async () => {
    const res = await admin.inject({ method: "GET", url: "/api/v1/admin/calendar" });
    const body = json(res, adminCalendarResponse);
    expect(body.config.officialSchedules.map((s) => s.year)).toEqual([2025, 2026]);
    expect(body.config.week.monday).toEqual(rules.week.monday);
    // The test clock stands in March 2026: 2026 has its notice, 2027 not yet.
    expect(body.missingOfficialYears).toEqual([2027]);
  });

  it("enters a year's official schedule, applies it at once and audits it", async () => {
    // By the rules Tết 2027 runs Fri 5/2 – Thu 11/2 (two compensatory days).
    expect(await due("2027-02-09T16:00+07:00", 2)).toBe("2027-02-12T09:00:00+07:00");
    const res = await admin.inject({
      method: "PUT",
      url: "/api/v1/admin/calendar/years/2027",
      payload: schedule2027,
    });
    expect(json(res, adminCalendarResponse).missingOfficialYears).toEqual([]);
    // The notice replaces the rules for 2027: only 10/2 is off now.
    expect(await due("2027-02-09T16:00+07:00", 2)).toBe("2027-02-11T08:00:00+07:00");
    const days = (await t.app.inject({ method: "GET", url: "/api/v1/calendar/days?year=2027" })).json();
    expect(days).toContainEqual({ date: "2027-02-20", kind: "worked_saturday", name: "Làm bù" });
    const events = await listEvents(t.ctx.db, "calendar", "2027");
    expect(events.map((e) => e.kind)).toEqual(["calendar.year_created"]);
    expect(events[0]?.actor_id).toBe(admin.me.user.id);
  });

  it("refuses a schedule for another year or with dates outside it (400)", async () => {
    const wrongYear = await admin.inject({
      method: "PUT",
      url: "/api/v1/admin/calendar/years/2028",
      payload: schedule2027,
    });
    expect(wrongYear.statusCode).toBe(400);
    const outside = await admin.inject({
      method: "PUT",
      url: "/api/v1/admin/calendar/years/2027",
      payload: { ...schedule2027, daysOff: [{ date: "2028-01-01", kind: "holiday", name: "x" }] },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe("VALIDATION");
  });

  it("edits the rules (a winter season) with before/after in the audit log", async () => {
    const winterDay = [
      { start: "07:30", end: "12:00" },
      { start: "13:30", end: "17:00" },
    ];
    const winter = {
      ...rules.week,
      monday: winterDay,
      tuesday: winterDay,
      wednesday: winterDay,
      thursday: winterDay,
      friday: winterDay,
    };
    const res = await admin.inject({
      method: "PUT",
      url: "/api/v1/admin/calendar",
      payload: { ...rules, seasons: [{ name: "Mùa đông", from: "10-01", to: "03-31", week: winter }] },
    });
    expect(res.statusCode).toBe(200);
    expect(await due("2026-03-02T07:00+07:00", 4.5)).toBe("2026-03-02T12:00:00+07:00");
    const events = await listEvents(t.ctx.db, "calendar", "rules");
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      before: { seasons: [] },
      after: { seasons: [{ name: "Mùa đông" }] },
    });
  });

  it("refuses rules without any working period (400)", async () => {
    const empty = {
      monday: [],
      tuesday: [],
      wednesday: [],
      thursday: [],
      friday: [],
      saturday: [],
      sunday: [],
    };
    const res = await admin.inject({
      method: "PUT",
      url: "/api/v1/admin/calendar",
      payload: { ...rules, week: empty },
    });
    expect(res.statusCode).toBe(400);
  });

  it("deletes a year's schedule: the year falls back to the rules, audited", async () => {
    const schedule2028 = {
      year: 2028,
      source: "Thông báo thử nghiệm",
      daysOff: [{ date: "2028-01-26", kind: "holiday", name: "Tết Nguyên đán" }],
      workedDays: [],
    };
    const put = await admin.inject({
      method: "PUT",
      url: "/api/v1/admin/calendar/years/2028",
      payload: schedule2028,
    });
    expect(json(put, adminCalendarResponse).config.officialSchedules.map((s) => s.year)).toContain(2028);
    const res = await admin.inject({ method: "DELETE", url: "/api/v1/admin/calendar/years/2028" });
    expect(json(res, adminCalendarResponse).config.officialSchedules.map((s) => s.year)).not.toContain(2028);
    const again = await admin.inject({ method: "DELETE", url: "/api/v1/admin/calendar/years/2028" });
    expect(again.statusCode).toBe(404);
    const kinds = (await listEvents(t.ctx.db, "calendar", "2028")).map((e) => e.kind);
    expect(kinds).toEqual(["calendar.year_created", "calendar.year_deleted"]);
  });
});
