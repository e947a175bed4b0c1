import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dataExport, dataRequestDetail, dataRequestList } from "../../../shared/schemas/data-rights.js";
import { json } from "../../../test/http.js";
import { signIn } from "../../../test/staff.js";
import { select } from "../../db/client.js";
import { COORDINATOR_EMAIL, person, useDataRights } from "./data-rights.fixture.js";

/**
 * Data-subject rights end to end through HTTP against a real database (PDP Law 91/2025 Art. 4,
 * Decree 356/2025 Art. 5): each case received, acknowledged, its deadlines counted on the working
 * calendar, the right applied and its effect checked in the data, the person answered on their
 * channel (outbox) and the coordinators reminded of the deadline. Deletion is in
 * data-rights-deletion.test.ts; the shared setup in data-rights.fixture.ts.
 */
describe("data-subject rights (PDP Law 91/2025, Decree 356/2025)", () => {
  const f = useDataRights();

  it("access: acknowledged within 2 working days across a weekend and holidays, answered with a copy, reminders before and after the deadline", async () => {
    const p = person(1);
    // Friday 24/4/2026; Sat–Sun off, Mon 27/4 compensatory day for Hùng Kings, Thu 30/4 and Fri 1/5 holidays.
    await f.at("2026-04-24T10:00:00+07:00");
    const r = await f.requestOf(p);
    const c = await f.openCase({
      kind: "access",
      subject: { fullName: p.fullName, phone: "0987 654 321" },
      reply: { channel: "email", to: p.email },
    });
    expect(c).toMatchObject({
      status: "received",
      // Civil Code Art. 147: counted from the next day; Tue 28/4 and Wed 29/4 are the 2 working days.
      ackDueAt: "2026-04-29T17:00:00+07:00",
      // 10 calendar days: Mon 4/5, a working day.
      dueAt: "2026-05-04T17:00:00+07:00",
      dueState: "on_time",
      can: ["acknowledge", "export"],
    });
    expect(c.requests.map((x) => x.code)).toEqual([r.code]);
    const list = json(
      await f.coordinator.inject({ method: "GET", url: "/api/v1/data-requests" }),
      dataRequestList,
    );
    expect(list.items.map((x) => x.code)).toContain(c.code);

    // The holiday Monday: no reminder (not working time), nothing due yet.
    await f.at("2026-04-27T10:00:00+07:00");
    expect(await f.t.services.dataRequests.sendDataRequestReminders()).toBe(0);
    // Wednesday morning: one working day left for the acknowledgement.
    await f.at("2026-04-29T09:00:00+07:00");
    expect(await f.t.services.dataRequests.sendDataRequestReminders()).toBe(1);
    expect(await f.t.services.dataRequests.sendDataRequestReminders()).toBe(0);
    await f.at("2026-05-04T08:00:00+07:00");
    expect(await f.t.services.dataRequests.sendDataRequestReminders()).toBe(1);
    const reminders = await f.outboxTo(COORDINATOR_EMAIL);
    expect(reminders.map((m) => m.kind)).toEqual([
      "data_request_reminder_ack_due_soon",
      "data_request_reminder_ack_missed",
    ]);
    expect(reminders[0]?.body).toContain(c.code);
    expect(
      json(
        await f.coordinator.inject({ method: "GET", url: `/api/v1/data-requests/${c.id}` }),
        dataRequestDetail,
      ).dueState,
    ).toBe("late");

    const acked = await f.step(c, "acknowledge");
    expect(acked.status).toBe("acknowledged");
    const done = await f.step(acked, "execute");
    expect(done).toMatchObject({ status: "done", result: { requests: [r.code], count: 1 } });
    const toPerson = (await f.outboxTo(p.email)).filter((m) => m.kind.startsWith("data_request"));
    expect(toPerson.map((m) => [m.channel, m.kind])).toEqual([
      ["email", "data_request_acknowledged"],
      ["email", "data_request_answer"],
    ]);
    expect(toPerson[1]?.body).toContain(r.code);
    expect(toPerson[1]?.body).toContain(p.fullName);
    expect(toPerson[1]?.body).toContain(p.address);

    const exported = await f.coordinator.inject({
      method: "GET",
      url: `/api/v1/data-requests/${c.id}/export`,
    });
    expect(exported.headers["content-disposition"]).toContain(`${c.code}.json`);
    const copy = json(exported, dataExport);
    expect(copy.requests).toHaveLength(1);
    expect(copy.requests[0]).toMatchObject({
      code: r.code,
      requester: { fullName: p.fullName, email: p.email, address: p.address },
    });
    const audit = await select(
      f.t.ctx.db,
      z.object({ kind: z.string() }),
      sql`select kind from events where entity = 'data_request' and entity_id = ${c.id} order by id`,
    );
    expect(audit.map((e) => e.kind)).toEqual([
      "data_request_received",
      "data_request_acknowledged",
      "data_request_executed",
      "data_request_exported",
    ]);

    // A done case takes no further step.
    const again = await f.coordinator.inject({
      method: "POST",
      url: `/api/v1/data-requests/${c.id}/execute`,
      payload: { version: done.version },
    });
    expect(again.statusCode).toBe(409);
  });

  it("correction: the requester's data corrected on their requests, answered on Zalo; the decision deadline reminders", async () => {
    const p = person(2);
    await f.at("2026-05-04T09:00:00+07:00");
    const r = await f.requestOf(p);
    await f.t.ctx.db.execute(
      sql`insert into requester_identities (requester_id, channel, external_id)
          select requester_id, 'zalo', 'zalo-uid-2' from requests where id = ${r.id}`,
    );
    const c = await f.openCase({
      kind: "correction",
      subject: { chat: { channel: "zalo", externalId: "zalo-uid-2" } },
      reply: { channel: "zalo", to: "zalo-uid-2" },
      corrections: { address: "Số 12 Trần Phú, phường Hạc Thành", fullName: "Đinh Văn Khải Mới" },
    });
    // 10 calendar days from Mon 4/5: Thu 14/5. The acknowledgement: Tue 5/5 and Wed 6/5.
    expect(c).toMatchObject({ ackDueAt: "2026-05-06T17:00:00+07:00", dueAt: "2026-05-14T17:00:00+07:00" });
    expect(c.requests.map((x) => x.code)).toEqual([r.code]);
    const acked = await f.step(c, "acknowledge");
    // The decision's reminders: a working day before the deadline, and once it passed.
    await f.at("2026-05-14T09:00:00+07:00");
    expect(await f.t.services.dataRequests.sendDataRequestReminders()).toBe(1);
    await f.at("2026-05-15T09:00:00+07:00");
    expect(await f.t.services.dataRequests.sendDataRequestReminders()).toBe(1);
    const kinds = (await f.outboxTo(COORDINATOR_EMAIL)).map((m) => m.kind);
    expect(kinds.slice(-2)).toEqual(["data_request_reminder_due_soon", "data_request_reminder_missed"]);

    const done = await f.step(acked, "execute");
    expect(done.status).toBe("done");
    const d = await f.drive.get(f.coordinator, r.id);
    expect(d.requester).toMatchObject({
      fullName: "Đinh Văn Khải Mới",
      address: "Số 12 Trần Phú, phường Hạc Thành",
    });
    const answers = await f.outboxTo("zalo-uid-2");
    expect(answers.map((m) => [m.channel, m.kind])).toEqual([
      ["zalo", "data_request_acknowledged"],
      ["zalo", "data_request_answer"],
    ]);
    // The request's history says a correction was made, without the values.
    const events = await select(
      f.t.ctx.db,
      z.object({ data: z.record(z.string(), z.unknown()) }),
      sql`select data from events where request_id = ${r.id} and kind = 'requester_corrected'`,
    );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]?.data)).not.toContain("Trần Phú");
  });

  it.each(["restriction", "objection"] as const)(
    "%s: the person's requests flagged restricted and taken off publication; 15 days",
    async (kind) => {
      const p = person(kind === "restriction" ? 6 : 7);
      await f.at("2026-04-24T10:00:00+07:00");
      const r = await f.requestOf(p);
      const c = await f.openCase({
        kind,
        subject: { phone: p.phone },
        reply: { channel: "email", to: p.email },
      });
      // 15 calendar days from Fri 24/4: Sat 9/5 → Mon 11/5.
      expect(c.dueAt).toBe("2026-05-11T17:00:00+07:00");
      const done = await f.step(await f.step(c, "acknowledge"), "execute");
      expect(done.status).toBe("done");
      expect(done.requests).toEqual([
        expect.objectContaining({ code: r.code, restricted: true, publishConsent: false }),
      ]);
      expect((await f.drive.get(f.coordinator, r.id)).publishConsent).toBe(false);
      expect((await f.outboxTo(p.email)).map((m) => m.kind)).toContain("data_request_answer");
    },
  );

  it("consent withdrawal: publication consent cleared on every request of the person, answered on Facebook", async () => {
    const p = person(8);
    await f.at("2026-05-05T09:00:00+07:00");
    const a = await f.requestOf(p);
    const b = await f.requestOf(p, "Xin hỏi lịch tiêm phòng dại cho chó mèo tại xã");
    const c = await f.openCase({
      kind: "withdrawal",
      subject: { email: p.email },
      reply: { channel: "facebook", to: "psid-8" },
    });
    const done = await f.step(await f.step(c, "acknowledge"), "execute");
    expect(done.result.count).toBe(2);
    expect((done.result.requests as string[]).toSorted()).toEqual([a.code, b.code].toSorted());
    for (const id of [a.id, b.id]) expect((await f.drive.get(f.coordinator, id)).publishConsent).toBe(false);
    expect((await f.outboxTo("psid-8")).map((m) => [m.channel, m.kind])).toEqual([
      ["facebook", "data_request_acknowledged"],
      ["facebook", "data_request_answer"],
    ]);
  });

  it("refusal with a reason, bad input refused cleanly, and only the coordinator handles cases", async () => {
    await f.at("2026-05-05T09:00:00+07:00");
    const c = await f.openCase({
      kind: "access",
      subject: { phone: "0911000111" },
      reply: { channel: "post" },
    });
    const refused = await f.step(await f.step(c, "acknowledge"), "refuse", {
      reason: "Không xác minh được danh tính người yêu cầu.",
    });
    expect(refused).toMatchObject({
      status: "refused",
      decisionNote: "Không xác minh được danh tính người yêu cầu.",
    });
    const bad = [
      { kind: "access", subject: {}, reply: { channel: "post" } },
      { kind: "access", subject: { phone: "0911000111" }, reply: { channel: "email" } },
      { kind: "correction", subject: { phone: "0911000111" }, reply: { channel: "post" } },
      { kind: "nope", subject: { phone: "0911000111" }, reply: { channel: "post" } },
      {
        kind: "access",
        subject: { phone: "0911000111" },
        reply: { channel: "post" },
        receivedAt: "2030-01-01T00:00:00+07:00",
      },
    ];
    for (const payload of bad) {
      const res = await f.coordinator.inject({ method: "POST", url: "/api/v1/data-requests", payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    for (const user of ["operator", "admin", "focal"]) {
      const s = await signIn(f.t.app, user);
      expect((await s.inject({ method: "GET", url: "/api/v1/data-requests" })).statusCode).toBe(403);
    }
  });
});
