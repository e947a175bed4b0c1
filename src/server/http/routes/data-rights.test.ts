import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type DataRequestDetail,
  dataExport,
  dataRequestDetail,
  dataRequestList,
} from "../../../shared/schemas/data-rights.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { json } from "../../../test/http.js";
import { requestDriver } from "../../../test/requests.js";
import { type StaffSession, signIn } from "../../../test/staff.js";
import { runAdminCommand } from "../../cli/admin-commands.js";
import { select } from "../../db/client.js";

/**
 * Data-subject rights end to end through HTTP against a real database (PDP Law 91/2025 Art. 4,
 * Decree 356/2025 Art. 5): each case received, acknowledged, its deadlines counted on the working
 * calendar, the right applied and its effect checked in the data, the person answered on their
 * channel (outbox) and the coordinators reminded of the deadline.
 */
describe("data-subject rights (PDP Law 91/2025, Decree 356/2025)", () => {
  let t: TestApp;
  let drive: ReturnType<typeof requestDriver>;
  let operator: StaffSession;
  let coordinator: StaffSession;
  const COORDINATOR_EMAIL = "dieuphoi@so.thanhhoa.gov.vn";

  beforeAll(async () => {
    t = await createTestApp({ seed: "staff" });
    drive = requestDriver(t);
    await t.ctx.db.execute(sql`update users set email = ${COORDINATOR_EMAIL} where username = 'coordinator'`);
  });
  afterAll(() => t.close());

  async function at(instant: string) {
    t.clock.set(instant);
    operator = await signIn(t.app, "operator");
    coordinator = await signIn(t.app, "coordinator");
  }

  interface Person {
    fullName: string;
    phone: string;
    email: string;
    address: string;
  }
  const person = (n: number): Person => ({
    fullName: `Đinh Văn Khải Số${n}`,
    phone: `098765432${n}`,
    email: `khai${n}.dinh@example.vn`,
    address: `Thôn Yên Bái ${n}, xã Quảng Phú`,
  });

  const requestOf = (p: Person, content = "Xin hỏi thủ tục cấp đổi giấy phép lái xe hạng A1 tại tỉnh") =>
    drive.create(operator, { requester: p, content, channel: "email" });

  /** A request refused (out of scope) and closed: finished handling. */
  async function finished(p: Person): Promise<RequestDetail> {
    const r = await requestOf(p);
    const refused = await drive.actOk(coordinator, r, "refuse", { reason: "ngoai-pham-vi" });
    return drive.actOk(coordinator, refused, "close");
  }

  async function openCase(body: Record<string, unknown>): Promise<DataRequestDetail> {
    return json(
      await coordinator.inject({ method: "POST", url: "/api/v1/data-requests", payload: body }),
      dataRequestDetail,
      201,
    );
  }
  const step = async (c: DataRequestDetail, action: string, extra: Record<string, unknown> = {}) =>
    json(
      await coordinator.inject({
        method: "POST",
        url: `/api/v1/data-requests/${c.id}/${action}`,
        payload: { version: c.version, ...extra },
      }),
      dataRequestDetail,
    );

  const outboxRow = z.object({
    channel: z.string(),
    recipient: z.string(),
    kind: z.string(),
    body: z.string(),
  });
  const outboxTo = (recipient: string) =>
    select(
      t.ctx.db,
      outboxRow,
      sql`select channel, recipient, kind, body from outbox where recipient = ${recipient} order by id`,
    );

  /** Every row of every table whose text holds one of the terms, outside the case files and their answers. */
  async function rowsHolding(terms: string[]): Promise<string[]> {
    const tables = await select(
      t.ctx.db,
      z.object({ table_name: z.string() }),
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name not in ('data_requests') order by table_name`,
    );
    const hits: string[] = [];
    for (const { table_name } of tables) {
      for (const term of terms) {
        const caseAnswers =
          table_name === "outbox"
            ? sql`and not (x.request_id is null and x.kind like 'data_request%')`
            : sql``;
        const rows = await select(
          t.ctx.db,
          z.object({ n: z.coerce.number() }),
          sql`select count(*) as n from ${sql.identifier(table_name)} x
              where to_jsonb(x)::text ilike ${`%${term}%`} ${caseAnswers}`,
        );
        if ((rows[0]?.n ?? 0) > 0) hits.push(`${table_name}: ${term}`);
      }
    }
    return hits;
  }

  it("access: acknowledged within 2 working days across a weekend and holidays, answered with a copy, reminders before and after the deadline", async () => {
    const p = person(1);
    // Friday 24/4/2026; Sat–Sun off, Mon 27/4 compensatory day for Hùng Kings, Thu 30/4 and Fri 1/5 holidays.
    await at("2026-04-24T10:00:00+07:00");
    const r = await requestOf(p);
    const c = await openCase({
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
      await coordinator.inject({ method: "GET", url: "/api/v1/data-requests" }),
      dataRequestList,
    );
    expect(list.items.map((x) => x.code)).toContain(c.code);

    // The holiday Monday: no reminder (not working time), nothing due yet.
    await at("2026-04-27T10:00:00+07:00");
    expect(await t.services.dataRequests.sendDataRequestReminders()).toBe(0);
    // Wednesday morning: one working day left for the acknowledgement.
    await at("2026-04-29T09:00:00+07:00");
    expect(await t.services.dataRequests.sendDataRequestReminders()).toBe(1);
    expect(await t.services.dataRequests.sendDataRequestReminders()).toBe(0);
    await at("2026-05-04T08:00:00+07:00");
    expect(await t.services.dataRequests.sendDataRequestReminders()).toBe(1);
    const reminders = await outboxTo(COORDINATOR_EMAIL);
    expect(reminders.map((m) => m.kind)).toEqual([
      "data_request_reminder_ack_due_soon",
      "data_request_reminder_ack_missed",
    ]);
    expect(reminders[0]?.body).toContain(c.code);
    expect(
      json(
        await coordinator.inject({ method: "GET", url: `/api/v1/data-requests/${c.id}` }),
        dataRequestDetail,
      ).dueState,
    ).toBe("late");

    const acked = await step(c, "acknowledge");
    expect(acked.status).toBe("acknowledged");
    const done = await step(acked, "execute");
    expect(done).toMatchObject({ status: "done", result: { requests: [r.code], count: 1 } });
    const toPerson = (await outboxTo(p.email)).filter((m) => m.kind.startsWith("data_request"));
    expect(toPerson.map((m) => [m.channel, m.kind])).toEqual([
      ["email", "data_request_acknowledged"],
      ["email", "data_request_answer"],
    ]);
    expect(toPerson[1]?.body).toContain(r.code);
    expect(toPerson[1]?.body).toContain(p.fullName);
    expect(toPerson[1]?.body).toContain(p.address);

    const exported = await coordinator.inject({ method: "GET", url: `/api/v1/data-requests/${c.id}/export` });
    expect(exported.headers["content-disposition"]).toContain(`${c.code}.json`);
    const copy = json(exported, dataExport);
    expect(copy.requests).toHaveLength(1);
    expect(copy.requests[0]).toMatchObject({
      code: r.code,
      requester: { fullName: p.fullName, email: p.email, address: p.address },
    });
    const audit = await select(
      t.ctx.db,
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
    const again = await coordinator.inject({
      method: "POST",
      url: `/api/v1/data-requests/${c.id}/execute`,
      payload: { version: done.version },
    });
    expect(again.statusCode).toBe(409);
  });

  it("correction: the requester's data corrected on their requests, answered on Zalo; the decision deadline reminders", async () => {
    const p = person(2);
    await at("2026-05-04T09:00:00+07:00");
    const r = await requestOf(p);
    await t.ctx.db.execute(
      sql`insert into requester_identities (requester_id, channel, external_id)
          select requester_id, 'zalo', 'zalo-uid-2' from requests where id = ${r.id}`,
    );
    const c = await openCase({
      kind: "correction",
      subject: { chat: { channel: "zalo", externalId: "zalo-uid-2" } },
      reply: { channel: "zalo", to: "zalo-uid-2" },
      corrections: { address: "Số 12 Trần Phú, phường Hạc Thành", fullName: "Đinh Văn Khải Mới" },
    });
    // 10 calendar days from Mon 4/5: Thu 14/5. The acknowledgement: Tue 5/5 and Wed 6/5.
    expect(c).toMatchObject({ ackDueAt: "2026-05-06T17:00:00+07:00", dueAt: "2026-05-14T17:00:00+07:00" });
    expect(c.requests.map((x) => x.code)).toEqual([r.code]);
    const acked = await step(c, "acknowledge");
    // The decision's reminders: a working day before the deadline, and once it passed.
    await at("2026-05-14T09:00:00+07:00");
    expect(await t.services.dataRequests.sendDataRequestReminders()).toBe(1);
    await at("2026-05-15T09:00:00+07:00");
    expect(await t.services.dataRequests.sendDataRequestReminders()).toBe(1);
    const kinds = (await outboxTo(COORDINATOR_EMAIL)).map((m) => m.kind);
    expect(kinds.slice(-2)).toEqual(["data_request_reminder_due_soon", "data_request_reminder_missed"]);

    const done = await step(acked, "execute");
    expect(done.status).toBe("done");
    const d = await drive.get(coordinator, r.id);
    expect(d.requester).toMatchObject({
      fullName: "Đinh Văn Khải Mới",
      address: "Số 12 Trần Phú, phường Hạc Thành",
    });
    const answers = await outboxTo("zalo-uid-2");
    expect(answers.map((m) => [m.channel, m.kind])).toEqual([
      ["zalo", "data_request_acknowledged"],
      ["zalo", "data_request_answer"],
    ]);
    // The request's history says a correction was made, without the values.
    const events = await select(
      t.ctx.db,
      z.object({ data: z.record(z.string(), z.unknown()) }),
      sql`select data from events where request_id = ${r.id} and kind = 'requester_corrected'`,
    );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]?.data)).not.toContain("Trần Phú");
  });

  it("deletion: finished requests past the archive period anonymised everywhere; those in handling or within their period refused with the stated reason", async () => {
    const p = person(3);
    await at("2020-03-02T09:00:00+07:00");
    const old = await finished(p);
    await at("2026-05-04T09:00:00+07:00");
    const recent = await finished(p);
    const open = await requestOf(p);
    const c = await openCase({
      kind: "deletion",
      subject: { email: p.email },
      reply: { channel: "email", to: p.email },
    });
    // 20 calendar days from Mon 4/5: Sun 24/5, a day off → Mon 25/5 (Civil Code Art. 148.5).
    expect(c.dueAt).toBe("2026-05-25T17:00:00+07:00");
    const done = await step(await step(c, "acknowledge"), "execute");
    expect(done.status).toBe("done");
    expect(done.result.erased).toEqual([old.code]);
    const refused = done.result.refused as { code: string; reason: string }[];
    const reasonOf = new Map(refused.map((x) => [x.code, x.reason]));
    expect(reasonOf.size).toBe(2);
    expect(reasonOf.get(recent.code)).toContain("Điều 11.1");
    expect(reasonOf.get(open.code)).toContain("đang được giải quyết");

    // The erased request's rows hold nothing of the person.
    const oldRows = await select(
      t.ctx.db,
      z.object({ row: z.string() }),
      sql`select to_jsonb(r)::text || to_jsonb(p)::text as row from requests r join requesters p on p.id = r.requester_id where r.id = ${old.id}
          union all select to_jsonb(o)::text from outbox o where o.request_id = ${old.id}
          union all select to_jsonb(a)::text from answers a where a.request_id = ${old.id}`,
    );
    expect(oldRows.length).toBeGreaterThan(1);
    for (const { row } of oldRows)
      for (const term of [p.fullName, "98765432", p.email, p.address]) expect(row).not.toContain(term);
    expect((await drive.get(coordinator, old.id)).content).toBe("[Đã xóa dữ liệu cá nhân]");
    // The kept ones keep the data the law needs.
    expect((await drive.get(coordinator, recent.id)).requester.fullName).toBe(p.fullName);
    const answer = (await outboxTo(p.email)).find((m) => m.kind === "data_request_answer");
    expect(answer?.body).toContain(recent.code);
    expect(answer?.body).toContain("Điều 11.1");
  });

  it("deletion of everything a person has: no table row holds their name, phone, email or address (outside the case file)", async () => {
    const p = person(4);
    await at("2020-03-03T09:00:00+07:00");
    await finished(p);
    await finished(p);
    await at("2026-05-05T09:00:00+07:00");
    expect(await rowsHolding([p.fullName, "98765432" + "4", p.email, p.address])).not.toEqual([]);
    const c = await openCase({
      kind: "deletion",
      subject: { phone: p.phone, fullName: p.fullName },
      reply: { channel: "email", to: p.email },
    });
    const done = await step(await step(c, "acknowledge"), "execute");
    expect(done.status).toBe("done");
    expect((done.result.erased as string[]).length).toBe(2);
    expect(await rowsHolding([p.fullName, "987654324", p.email, p.address])).toEqual([]);
  });

  it("deletion erases the person from the event log too: payloads redacted through the one path, the chain still verifies, tampering still found", async () => {
    const p = person(6);
    const content = "Hỏi về đất ở thửa số 712 của gia đình bà Khải";
    await at("2020-03-04T09:00:00+07:00");
    const r = await drive.create(operator, {
      requester: { fullName: "Tên Sai Lúc Đầu", phone: p.phone },
      content: "nội dung ban đầu bị nhầm",
      channel: "email",
    });
    // The contact correction and the content edit put the person's words into events.data.
    const edited = json(
      await operator.inject({
        method: "PATCH",
        url: `/api/v1/requests/${r.id}`,
        payload: {
          version: r.version,
          requester: { fullName: p.fullName, email: p.email, address: p.address },
          content,
        },
      }),
      z.object({ version: z.number(), id: z.string() }).passthrough(),
    );
    const refused = await drive.actOk(coordinator, edited, "refuse", {
      reason: "ngoai-pham-vi",
      note: `Đã gọi cho ${p.fullName}`,
    });
    await drive.actOk(coordinator, refused, "close");
    const terms = [
      p.fullName,
      "Tên Sai Lúc Đầu",
      "98765432",
      p.email,
      p.address,
      content,
      "nội dung ban đầu",
    ];
    const eventText = async () =>
      (
        await select(
          t.ctx.db,
          z.object({ t: z.string() }),
          sql`select coalesce(data::text, '') || ' ' || coalesce(public_note, '') as t from events where request_id = ${r.id}`,
        )
      )
        .map((x) => x.t)
        .join("\n");
    const before = await eventText();
    expect(terms.filter((x) => before.includes(x)).length).toBeGreaterThan(3);

    await at("2026-05-06T09:00:00+07:00");
    const c = await openCase({
      kind: "deletion",
      subject: { phone: p.phone },
      reply: { channel: "email", to: p.email },
    });
    const done = await step(await step(c, "acknowledge"), "execute");
    expect(done.result.erased).toEqual([r.code]);
    const after = await eventText();
    for (const term of terms) expect(after).not.toContain(term);
    expect(after).toContain("[Đã xóa dữ liệu cá nhân]");
    // The shape and the non-personal facts stay; the erasure itself is on the log.
    const rows = await select(
      t.ctx.db,
      z.object({
        id: z.coerce.number(),
        kind: z.string(),
        to_status: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
        erased: z.boolean(),
      }),
      sql`select id, kind, to_status, data, data_erased_at is not null as erased from events where request_id = ${r.id} order by id`,
    );
    const byKind = new Map(rows.map((x) => [x.kind, x]));
    expect(byKind.get("contact_corrected")?.erased).toBe(true);
    expect(byKind.get("edited")?.data).toMatchObject({ before: { urgency: expect.any(String) } });
    expect(rows.filter((x) => x.to_status === "closed")).toHaveLength(1);
    const erasure = rows.at(-1);
    expect(erasure).toMatchObject({
      kind: "personal_data_erased",
      erased: false,
      data: { dataRequest: c.code, erasedEntries: rows.length - 1 },
    });
    expect(rows.slice(0, -1).every((x) => x.erased)).toBe(true);

    const verify = async () => {
      const lines: string[] = [];
      const code = await runAdminCommand(t.ctx, ["verify-audit"], (l) => lines.push(l));
      return { code, line: lines[0] ?? "" };
    };
    expect(await verify()).toMatchObject({ code: 0, line: expect.stringMatching(/^events: OK/) });

    // Outside the one path the log refuses any change: a second erasure, an un-erasure, another column.
    const victim = byKind.get("contact_corrected")?.id ?? 0;
    for (const statement of [
      sql`update events set data = '{}'::jsonb where id = ${victim}`,
      sql`update events set data_erased_at = null where id = ${victim}`,
      sql`update events set actor_label = 'ai đó' where id = ${victim}`,
      sql`update events set data = '{"x": 1}'::jsonb, data_erased_at = now() where id = ${erasure?.id ?? 0}`,
      sql`delete from events where id = ${victim}`,
    ])
      await expect(t.ctx.db.execute(statement)).rejects.toThrow();
    // An intruder lifting the guard to edit an erased row's other fields is still found.
    const tamper = async (statement: ReturnType<typeof sql>) => {
      await t.ctx.db.execute(sql`alter table events disable trigger events_no_update`);
      try {
        await t.ctx.db.execute(statement);
      } finally {
        await t.ctx.db.execute(sql`alter table events enable trigger events_no_update`);
      }
    };
    await tamper(sql`update events set to_status = 'published' where id = ${victim}`);
    expect(await verify()).toMatchObject({
      code: 1,
      line: expect.stringContaining(`EDITED entry id ${victim} `),
    });
    await tamper(sql`update events set to_status = null where id = ${victim}`);
    expect((await verify()).code).toBe(0);
    // And a payload not erased must still match its digest.
    await tamper(
      sql`update events set data = '{"dataRequest": "DL-khác"}'::jsonb where id = ${erasure?.id ?? 0}`,
    );
    expect(await verify()).toMatchObject({
      code: 1,
      line: expect.stringContaining(`EDITED entry id ${erasure?.id} `),
    });
    await tamper(
      sql`update events set data = ${JSON.stringify(erasure?.data)}::jsonb where id = ${erasure?.id ?? 0}`,
    );
    expect((await verify()).code).toBe(0);
  });

  it("deletion refused with the stated reason when the law keeps every record", async () => {
    const p = person(5);
    await at("2026-05-05T09:00:00+07:00");
    const r = await requestOf(p);
    const c = await openCase({
      kind: "deletion",
      subject: { phone: p.phone },
      reply: { channel: "email", to: p.email },
    });
    const decided = await step(await step(c, "acknowledge"), "execute");
    expect(decided.status).toBe("refused");
    expect(decided.decisionNote).toContain(r.code);
    expect(decided.decisionNote).toContain("đang được giải quyết");
    expect((await drive.get(coordinator, r.id)).requester.fullName).toBe(p.fullName);
    const answer = (await outboxTo(p.email)).find((m) => m.kind === "data_request_answer");
    expect(answer?.body).toContain("chưa thể xóa");
  });

  it("deletion refused under a legal hold, then done once the hold is released; a stale version answers 409", async () => {
    const p = person(9);
    await at("2020-03-04T09:00:00+07:00");
    const old = await finished(p);
    await at("2026-05-06T09:00:00+07:00");
    const hold = await coordinator.inject({
      method: "PUT",
      url: `/api/v1/requests/${old.id}/legal-hold`,
      payload: { reason: "Tòa án yêu cầu giữ hồ sơ" },
    });
    expect(hold.statusCode).toBe(200);
    const c = await openCase({
      kind: "deletion",
      subject: { phone: p.phone },
      reply: { channel: "email", to: p.email },
    });
    const acked = await step(c, "acknowledge");
    const stale = await coordinator.inject({
      method: "POST",
      url: `/api/v1/data-requests/${c.id}/execute`,
      payload: { version: c.version },
    });
    expect(stale.statusCode).toBe(409);
    const refused = await step(acked, "execute");
    expect(refused.status).toBe("refused");
    expect(refused.decisionNote).toContain("phong tỏa pháp lý");
    expect(refused.requests).toEqual([
      expect.objectContaining({ code: old.code, legalHold: true, anonymised: false }),
    ]);

    await coordinator.inject({ method: "DELETE", url: `/api/v1/requests/${old.id}/legal-hold` });
    const again = await openCase({
      kind: "deletion",
      subject: { phone: p.phone },
      reply: { channel: "email", to: p.email },
    });
    const done = await step(await step(again, "acknowledge"), "execute");
    expect(done).toMatchObject({ status: "done", result: { erased: [old.code] } });
    expect((await drive.get(coordinator, old.id)).content).toBe("[Đã xóa dữ liệu cá nhân]");
  });

  it.each(["restriction", "objection"] as const)(
    "%s: the person's requests flagged restricted and taken off publication; 15 days",
    async (kind) => {
      const p = person(kind === "restriction" ? 6 : 7);
      await at("2026-04-24T10:00:00+07:00");
      const r = await requestOf(p);
      const c = await openCase({
        kind,
        subject: { phone: p.phone },
        reply: { channel: "email", to: p.email },
      });
      // 15 calendar days from Fri 24/4: Sat 9/5 → Mon 11/5.
      expect(c.dueAt).toBe("2026-05-11T17:00:00+07:00");
      const done = await step(await step(c, "acknowledge"), "execute");
      expect(done.status).toBe("done");
      expect(done.requests).toEqual([
        expect.objectContaining({ code: r.code, restricted: true, publishConsent: false }),
      ]);
      expect((await drive.get(coordinator, r.id)).publishConsent).toBe(false);
      expect((await outboxTo(p.email)).map((m) => m.kind)).toContain("data_request_answer");
    },
  );

  it("consent withdrawal: publication consent cleared on every request of the person, answered on Facebook", async () => {
    const p = person(8);
    await at("2026-05-05T09:00:00+07:00");
    const a = await requestOf(p);
    const b = await requestOf(p, "Xin hỏi lịch tiêm phòng dại cho chó mèo tại xã");
    const c = await openCase({
      kind: "withdrawal",
      subject: { email: p.email },
      reply: { channel: "facebook", to: "psid-8" },
    });
    const done = await step(await step(c, "acknowledge"), "execute");
    expect(done.result.count).toBe(2);
    expect((done.result.requests as string[]).toSorted()).toEqual([a.code, b.code].toSorted());
    for (const id of [a.id, b.id]) expect((await drive.get(coordinator, id)).publishConsent).toBe(false);
    expect((await outboxTo("psid-8")).map((m) => [m.channel, m.kind])).toEqual([
      ["facebook", "data_request_acknowledged"],
      ["facebook", "data_request_answer"],
    ]);
  });

  it("refusal with a reason, bad input refused cleanly, and only the coordinator handles cases", async () => {
    await at("2026-05-05T09:00:00+07:00");
    const c = await openCase({
      kind: "access",
      subject: { phone: "0911000111" },
      reply: { channel: "post" },
    });
    const refused = await step(await step(c, "acknowledge"), "refuse", {
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
      const res = await coordinator.inject({ method: "POST", url: "/api/v1/data-requests", payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    for (const user of ["operator", "admin", "focal"]) {
      const s = await signIn(t.app, user);
      expect((await s.inject({ method: "GET", url: "/api/v1/data-requests" })).statusCode).toBe(403);
    }
  });
});
