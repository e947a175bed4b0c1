import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { json } from "../../../test/http.js";
import { runAdminCommand } from "../../cli/admin-commands.js";
import { select } from "../../db/client.js";
import { person, useDataRights } from "./data-rights.fixture.js";

/**
 * The right to deletion end to end through HTTP against a real database (PDP Law 91/2025 Art. 4,
 * Decree 356/2025 Art. 5): what is anonymised, what is refused and why, the event log redacted
 * with its chain intact, legal holds. The other rights are in data-rights.test.ts.
 */
describe("data-subject rights: deletion (PDP Law 91/2025, Decree 356/2025)", () => {
  const f = useDataRights();

  it("deletion: finished requests past the archive period anonymised everywhere; those in handling or within their period refused with the stated reason", async () => {
    const p = person(3);
    await f.at("2020-03-02T09:00:00+07:00");
    const old = await f.finished(p);
    await f.at("2026-05-04T09:00:00+07:00");
    const recent = await f.finished(p);
    const open = await f.requestOf(p);
    const c = await f.openCase({
      kind: "deletion",
      subject: { email: p.email },
      reply: { channel: "email", to: p.email },
    });
    // 20 calendar days from Mon 4/5: Sun 24/5, a day off → Mon 25/5 (Civil Code Art. 148.5).
    expect(c.dueAt).toBe("2026-05-25T17:00:00+07:00");
    const done = await f.step(await f.step(c, "acknowledge"), "execute");
    expect(done.status).toBe("done");
    expect(done.result.erased).toEqual([old.code]);
    const refused = done.result.refused as { code: string; reason: string }[];
    const reasonOf = new Map(refused.map((x) => [x.code, x.reason]));
    expect(reasonOf.size).toBe(2);
    expect(reasonOf.get(recent.code)).toContain("Điều 11.1");
    expect(reasonOf.get(open.code)).toContain("đang được giải quyết");

    // The erased request's rows hold nothing of the person.
    const oldRows = await select(
      f.t.ctx.db,
      z.object({ row: z.string() }),
      sql`select to_jsonb(r)::text || to_jsonb(p)::text as row from requests r join requesters p on p.id = r.requester_id where r.id = ${old.id}
          union all select to_jsonb(o)::text from outbox o where o.request_id = ${old.id}
          union all select to_jsonb(a)::text from answers a where a.request_id = ${old.id}`,
    );
    expect(oldRows.length).toBeGreaterThan(1);
    for (const { row } of oldRows)
      for (const term of [p.fullName, "98765432", p.email, p.address]) expect(row).not.toContain(term);
    expect((await f.drive.get(f.coordinator, old.id)).content).toBe("[Đã xóa dữ liệu cá nhân]");
    // The kept ones keep the data the law needs.
    expect((await f.drive.get(f.coordinator, recent.id)).requester.fullName).toBe(p.fullName);
    const answer = (await f.outboxTo(p.email)).find((m) => m.kind === "data_request_answer");
    expect(answer?.body).toContain(recent.code);
    expect(answer?.body).toContain("Điều 11.1");
  });

  it("deletion of everything a person has: no table row holds their name, phone, email or address (outside the case file)", async () => {
    const p = person(4);
    await f.at("2020-03-03T09:00:00+07:00");
    await f.finished(p);
    await f.finished(p);
    await f.at("2026-05-05T09:00:00+07:00");
    expect(await f.rowsHolding([p.fullName, "98765432" + "4", p.email, p.address])).not.toEqual([]);
    const c = await f.openCase({
      kind: "deletion",
      subject: { phone: p.phone, fullName: p.fullName },
      reply: { channel: "email", to: p.email },
    });
    const done = await f.step(await f.step(c, "acknowledge"), "execute");
    expect(done.status).toBe("done");
    expect((done.result.erased as string[]).length).toBe(2);
    expect(await f.rowsHolding([p.fullName, "987654324", p.email, p.address])).toEqual([]);
  });

  it("deletion erases the person from the event log too: payloads redacted through the one path, the chain still verifies, tampering still found", async () => {
    const p = person(6);
    const content = "Hỏi về đất ở thửa số 712 của gia đình bà Khải";
    await f.at("2020-03-04T09:00:00+07:00");
    const r = await f.drive.create(f.operator, {
      requester: { fullName: "Tên Sai Lúc Đầu", phone: p.phone },
      content: "nội dung ban đầu bị nhầm",
      channel: "email",
    });
    // The contact correction and the content edit put the person's words into events.data.
    const edited = json(
      await f.drive.edit(f.operator, r, {
        requester: { fullName: p.fullName, email: p.email, address: p.address },
        content,
        // An edit records only the fields it changes (fourteenth session): the urgency changes too,
        // so its non-personal before/after is there to survive the erasure.
        urgency: "urgent",
      }),
      z.object({ version: z.number(), id: z.string() }).passthrough(),
    );
    const refused = await f.drive.actOk(f.coordinator, edited, "refuse", {
      reason: "ngoai-pham-vi",
      note: `Đã gọi cho ${p.fullName}`,
    });
    await f.drive.actOk(f.coordinator, refused, "close");
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
          f.t.ctx.db,
          z.object({ t: z.string() }),
          sql`select coalesce(data::text, '') || ' ' || coalesce(public_note, '') as t from events where request_id = ${r.id}`,
        )
      )
        .map((x) => x.t)
        .join("\n");
    const before = await eventText();
    expect(terms.filter((x) => before.includes(x)).length).toBeGreaterThan(3);

    await f.at("2026-05-06T09:00:00+07:00");
    const c = await f.openCase({
      kind: "deletion",
      subject: { phone: p.phone },
      reply: { channel: "email", to: p.email },
    });
    const done = await f.step(await f.step(c, "acknowledge"), "execute");
    expect(done.result.erased).toEqual([r.code]);
    const after = await eventText();
    for (const term of terms) expect(after).not.toContain(term);
    expect(after).toContain("[Đã xóa dữ liệu cá nhân]");
    // The shape and the non-personal facts stay; the erasure itself is on the log.
    const rows = await select(
      f.t.ctx.db,
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
      const code = await runAdminCommand(f.t.ctx, ["verify-audit"], (l) => lines.push(l));
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
      await expect(f.t.ctx.db.execute(statement)).rejects.toThrow();
    // An intruder lifting the guard to edit an erased row's other fields is still found.
    const tamper = async (statement: ReturnType<typeof sql>) => {
      await f.t.ctx.db.execute(sql`alter table events disable trigger events_no_update`);
      try {
        await f.t.ctx.db.execute(statement);
      } finally {
        await f.t.ctx.db.execute(sql`alter table events enable trigger events_no_update`);
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
    await f.at("2026-05-05T09:00:00+07:00");
    const r = await f.requestOf(p);
    const c = await f.openCase({
      kind: "deletion",
      subject: { phone: p.phone },
      reply: { channel: "email", to: p.email },
    });
    const decided = await f.step(await f.step(c, "acknowledge"), "execute");
    expect(decided.status).toBe("refused");
    expect(decided.decisionNote).toContain(r.code);
    expect(decided.decisionNote).toContain("đang được giải quyết");
    expect((await f.drive.get(f.coordinator, r.id)).requester.fullName).toBe(p.fullName);
    const answer = (await f.outboxTo(p.email)).find((m) => m.kind === "data_request_answer");
    expect(answer?.body).toContain("chưa thể xoá");
  });

  it("deletion refused under a legal hold, then done once the hold is released; a stale version answers 409", async () => {
    const p = person(9);
    await f.at("2020-03-04T09:00:00+07:00");
    const old = await f.finished(p);
    await f.at("2026-05-06T09:00:00+07:00");
    const hold = await f.coordinator.inject({
      method: "PUT",
      url: `/api/v1/requests/${old.id}/legal-hold`,
      payload: { reason: "Tòa án yêu cầu giữ hồ sơ" },
    });
    expect(hold.statusCode).toBe(200);
    const c = await f.openCase({
      kind: "deletion",
      subject: { phone: p.phone },
      reply: { channel: "email", to: p.email },
    });
    const acked = await f.step(c, "acknowledge");
    const stale = await f.coordinator.inject({
      method: "POST",
      url: `/api/v1/data-requests/${c.id}/execute`,
      payload: { version: c.version },
    });
    expect(stale.statusCode).toBe(409);
    const refused = await f.step(acked, "execute");
    expect(refused.status).toBe("refused");
    expect(refused.decisionNote).toContain("phong toả pháp lý");
    expect(refused.requests).toEqual([
      expect.objectContaining({ code: old.code, legalHold: true, anonymised: false }),
    ]);

    await f.coordinator.inject({ method: "DELETE", url: `/api/v1/requests/${old.id}/legal-hold` });
    const again = await f.openCase({
      kind: "deletion",
      subject: { phone: p.phone },
      reply: { channel: "email", to: p.email },
    });
    const done = await f.step(await f.step(again, "acknowledge"), "execute");
    expect(done).toMatchObject({ status: "done", result: { erased: [old.code] } });
    expect((await f.drive.get(f.coordinator, old.id)).content).toBe("[Đã xóa dữ liệu cá nhân]");
  });
});
