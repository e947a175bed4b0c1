import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createStaffUser, type StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { select } from "../../db/client.js";
import { createServices } from "../../services/index.js";
import type { LiveEvent } from "../../services/live-bus.js";

/**
 * Obligations through HTTP against a real database, continued from obligations.test.ts: the time
 * limits as stored configuration, the reminders before and after the due time, and who sees which
 * agency's obligations.
 */
describe("obligations: time limits, reminders and visibility (Art. 10.3, 12.2, 13.1)", () => {
  const s = useStaffApp({ users: ["operator", "focal", "coordinator", "admin"] });

  const listIds = async (as: StaffSession, url: string) =>
    (await as.inject({ method: "GET", url })).json<{ items: { id: string }[] }>().items.map((x) => x.id);

  it("time limits are stored configuration: administrators edit them (audited); obligations keep the limit in force", async () => {
    await s.at("2026-03-17T09:00:00+07:00");
    const before = await s.forwarded();
    expect((await s.operator.inject({ method: "GET", url: "/api/v1/admin/time-limits" })).statusCode).toBe(
      403,
    );
    const list = await s.admin.inject({ method: "GET", url: "/api/v1/admin/time-limits" });
    expect(list.json().limits.map((l: { code: string; hours: number }) => [l.code, l.hours])).toEqual([
      ["answer", 8],
      ["progress", 4],
      ["publish", 8],
      ["record_after_phone", 4],
      ["reminder_lead", 1],
    ]);
    const bad = await s.admin.inject({
      method: "PUT",
      url: "/api/v1/admin/time-limits",
      payload: { limits: [{ code: "answer", hours: 0 }] },
    });
    expect(bad.statusCode).toBe(400);
    const put = await s.admin.inject({
      method: "PUT",
      url: "/api/v1/admin/time-limits",
      payload: { limits: [{ code: "answer", hours: 16 }] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().limits.find((l: { code: string }) => l.code === "answer").hours).toBe(16);
    const audit = await s.admin.inject({ method: "GET", url: "/api/v1/admin/audit?entity=time_limit" });
    expect(JSON.stringify(audit.json())).toContain("time_limit.updated");

    const after = await s.forwarded();
    expect(after.obligations[0]).toMatchObject({ limitHours: 16, dueAt: "2026-03-19T09:00:00+07:00" });
    expect((await s.drive.get(s.focal, before.id)).obligations[0]).toMatchObject({
      limitHours: 8,
      dueAt: "2026-03-18T09:00:00+07:00",
    });
    await s.admin.inject({
      method: "PUT",
      url: "/api/v1/admin/time-limits",
      payload: { limits: [{ code: "answer", hours: 8 }] },
    });
  });

  it("reminders go to focal points before the due time and to leaders too once missed, once per step, never at night", async () => {
    await s.at("2026-03-23T09:00:00+07:00"); // Monday; answer due Tue 09:00
    const focalUser = await createStaffUser(s.t, { role: "focal_point", agencyCode: "SYT" });
    const leaderUser = await createStaffUser(s.t, { role: "agency_leader", agencyCode: "SYT" });
    await s.t.ctx.db.execute(
      sql`update users set email = 'dau-moi@syt.thanhhoa.gov.vn' where id = ${focalUser.actor.userId}`,
    );
    await s.t.ctx.db.execute(
      sql`update users set email = 'lanh-dao@syt.thanhhoa.gov.vn' where id = ${leaderUser.actor.userId}`,
    );
    // Obligations of earlier tests are settled, so this pass concerns only the new slip's.
    await s.t.ctx.db.execute(
      sql`update obligations set met_at = now() where met_at is null and waived_at is null`,
    );
    const d = await s.forwarded();
    const obligationId = d.obligations[0]?.id as string;
    const services = createServices(s.t.ctx);
    const live: LiveEvent[] = [];
    services.live.subscribe((e) => live.push(e));
    const reminders = async () =>
      select(
        s.t.ctx.db,
        z.object({ recipient: z.string(), kind: z.string() }),
        sql`select recipient, kind from outbox where dedupe_key like ${`reminder:${obligationId}:%`} order by id`,
      );

    s.t.clock.set("2026-03-23T15:00:00+07:00");
    expect(await services.obligations.sendReminders()).toBe(0); // not yet within the lead

    s.t.clock.set("2026-03-24T08:15:00+07:00");
    expect(await services.obligations.sendReminders()).toBe(1);
    expect(await services.obligations.sendReminders()).toBe(0);
    expect(await reminders()).toEqual([
      { recipient: "dau-moi@syt.thanhhoa.gov.vn", kind: "reminder_due_soon" },
    ]);
    expect(live).toMatchObject([
      {
        requestId: d.id,
        agencyId: s.syt,
        kind: "obligation_reminder",
        reminder: { obligationId, step: "due_soon" },
      },
    ]);

    s.t.clock.set("2026-03-24T20:00:00+07:00"); // missed, but at night
    expect(await services.obligations.sendReminders()).toBe(0);
    expect(await reminders()).toHaveLength(1);

    const night = createServices({
      ...s.t.ctx,
      config: { ...s.t.ctx.config, REMINDERS_OUTSIDE_WORKING_HOURS: true },
    });
    expect(await night.obligations.sendReminders()).toBe(1);
    expect(await services.obligations.sendReminders()).toBe(0);
    s.t.clock.set("2026-03-25T08:00:00+07:00");
    expect(await services.obligations.sendReminders()).toBe(0);
    expect(await reminders()).toEqual([
      { recipient: "dau-moi@syt.thanhhoa.gov.vn", kind: "reminder_due_soon" },
      { recipient: "dau-moi@syt.thanhhoa.gov.vn", kind: "reminder_missed" },
      { recipient: "lanh-dao@syt.thanhhoa.gov.vn", kind: "reminder_missed" },
    ]);
  });

  it("agency staff see only their own agency's obligations", async () => {
    await s.at("2026-03-26T09:00:00+07:00");
    const d = await s.forwarded();
    const other = await (await createStaffUser(s.t, { role: "focal_point", agencyCode: "SCT" })).signIn();
    expect(await listIds(other, `/api/v1/obligations?requestId=${d.id}`)).toEqual([]);
    expect(await listIds(other, `/api/v1/obligations?agencyId=${s.syt}`)).toEqual([]);
    expect(await listIds(s.focal, `/api/v1/obligations?requestId=${d.id}`)).toEqual([d.obligations[0]?.id]);
    expect((await s.operator.inject({ method: "GET", url: "/api/v1/obligations" })).statusCode).toBe(403);
  });
});
