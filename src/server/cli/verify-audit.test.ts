import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../test/hooks.js";
import { signIn } from "../../test/staff.js";
import { useStaffApp } from "../../test/staff-app.js";
import { execRawOne, openDatabase } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { recordAccess } from "../services/access-log.service.js";
import { verifyLogChains } from "../services/audit-chain.js";
import { runAdminCommand } from "./admin-commands.js";

/**
 * Issue 14: the event log (the audit trail) and the access log are hash-chained (migration 0016);
 * `npm run admin -- verify-audit` finds an edited, deleted or inserted entry.
 */
describe("verify-audit", () => {
  // The demo seed is a realistic history: every kind of request event, users, Q&A, settings.
  const s = useStaffApp({ seed: "demo", users: ["operator", "focal"] });
  beforeAll(async () => {
    // And reads through the HTTP surface, so the access log has entries too.
    const d = await s.forwarded();
    await s.drive.get(s.focal, d.id);
    await s.focal.inject({ method: "POST", url: `/api/v1/requests/${d.id}/contact-reveal` });
  });

  const run = async () => {
    const lines: string[] = [];
    const code = await runAdminCommand(s.t.ctx, ["verify-audit"], (l) => lines.push(l));
    return { code, lines };
  };
  const one = <T>(q: ReturnType<typeof sql>) => execRawOne<T>(s.t.ctx.db, q) as Promise<T>;
  /** What an intruder with the database's owner rights does: lift the append-only guard. */
  const tamper = async (table: "events" | "access_log", statement: ReturnType<typeof sql>) => {
    const guard = sql.raw(table === "events" ? "events_no_update" : "access_log_no_update");
    await s.t.ctx.db.execute(sql`alter table ${sql.raw(table)} disable trigger ${guard}`);
    try {
      await s.t.ctx.db.execute(statement);
    } finally {
      await s.t.ctx.db.execute(sql`alter table ${sql.raw(table)} enable trigger ${guard}`);
    }
  };

  it("answers OK with the count after a realistic flow", async () => {
    const counts = await one<{ events: number; access: number }>(
      sql`select (select count(*)::int from events) as events, (select count(*)::int from access_log) as access`,
    );
    expect(counts.events).toBeGreaterThan(50);
    expect(counts.access).toBe(2); // the focal point's read and reveal
    const { code, lines } = await run();
    expect(lines[0]).toMatch(
      new RegExp(`^events: OK, ${counts.events} entries, head #${counts.events} [0-9a-f]{64}$`),
    );
    expect(lines[1]).toMatch(new RegExp(`^access_log: OK, ${counts.access} entries`));
    expect(code).toBe(0);
  });

  it("finds an entry whose payload was edited, then OK again once it is put back", async () => {
    const victim = await one<{ id: number; data: unknown }>(
      sql`select id, data from events where entity = 'request' order by chain_seq offset 10 limit 1`,
    );
    await tamper(
      "events",
      sql`update events set data = jsonb_set(data, '{note}', '"đã sửa"') where id = ${victim.id}`,
    );
    const edited = await run();
    expect(edited.code).toBe(1);
    expect(edited.lines[0]).toMatch(new RegExp(`^events: EDITED entry id ${victim.id} `));
    await tamper(
      "events",
      sql`update events set data = ${JSON.stringify(victim.data)}::jsonb where id = ${victim.id}`,
    );
    expect((await run()).code).toBe(0);

    // The time, the actor or the kind count as much as the payload.
    await tamper("events", sql`update events set at = at - interval '1 day' where id = ${victim.id}`);
    expect((await run()).lines[0]).toContain(`EDITED entry id ${victim.id}`);
    await tamper("events", sql`update events set at = at + interval '1 day' where id = ${victim.id}`);
    expect((await run()).code).toBe(0);
  });

  it("finds an edited access log entry (the address a reveal came from)", async () => {
    const entry = await one<{ id: number; ip: string }>(
      sql`select id, ip from access_log where action = 'contact_reveal' limit 1`,
    );
    await tamper("access_log", sql`update access_log set ip = '10.9.9.9' where id = ${entry.id}`);
    const { code, lines } = await run();
    expect(code).toBe(1);
    expect(lines[1]).toMatch(new RegExp(`^access_log: EDITED entry id ${entry.id} `));
    await tamper("access_log", sql`update access_log set ip = ${entry.ip} where id = ${entry.id}`);
    expect((await run()).code).toBe(0);
  });

  it("finds a row written around the chain", async () => {
    const head = await one<{ seq: number; hash: string }>(
      sql`select seq, hash from log_chain_heads where chain = 'events'`,
    );
    await s.t.ctx.db.execute(sql`alter table events disable trigger events_chain`);
    try {
      await s.t.ctx.db.execute(sql`insert into events (entity, entity_id, kind, chain_seq, prev_hash, hash, data_digest)
        values ('user', 'x', 'user.role_changed', ${Number(head.seq) + 1}, ${head.hash}, ${"f".repeat(64)}, ${"0".repeat(64)})`);
    } finally {
      await s.t.ctx.db.execute(sql`alter table events enable trigger events_chain`);
    }
    const { code, lines } = await run();
    expect(code).toBe(1);
    expect(lines[0]).toContain(`events: INSERTED or replaced entry`);
    expect(lines[0]).toContain(`chain #${Number(head.seq) + 1}`);
    await tamper("events", sql`delete from events where chain_seq = ${Number(head.seq) + 1}`);
    expect((await run()).code).toBe(0);
  });

  it("finds a deleted entry", async () => {
    const victim = await one<{ id: number; chain_seq: number }>(
      sql`select id, chain_seq from events e where not exists (select 1 from outbox o where o.event_id = e.id)
          order by chain_seq offset 20 limit 1`,
    );
    await tamper("events", sql`delete from events where id = ${victim.id}`);
    const { code, lines } = await run();
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      `events: DELETED entry chain #${victim.chain_seq} (missing before id ${
        (
          await one<{ id: number }>(
            sql`select id from events where chain_seq = ${Number(victim.chain_seq) + 1}`,
          )
        ).id
      })`,
    );
  });
});

describe("the chain under concurrent writers", () => {
  const t = useTestApp({ seed: "staff" });

  it("keeps one unbroken chain when many transactions append at once", async () => {
    const admin = await signIn(t.app, "admin");
    const actor = { ...admin.me.user, userId: admin.me.user.id };
    const origin = { ip: "192.0.2.1", userAgent: "kiểm thử" };
    const writers = Array.from({ length: 40 }, (_, i) =>
      t.ctx.db.transaction(async (tx) => {
        await appendEvent(tx, {
          actor,
          entity: "user",
          entityId: String(i),
          kind: "test.concurrent",
          data: { i },
        });
        // Hold the transaction open a moment so the others queue on the chain's head.
        await tx.execute(sql`select pg_sleep(0.005)`);
        await recordAccess(tx, new Date(), actor, origin, { action: "request_read", details: { i } });
        await appendEvent(tx, {
          actor,
          entity: "user",
          entityId: String(i),
          kind: "test.concurrent",
          data: { i, n: 2 },
        });
      }),
    );
    // One writer fails and rolls back: the head must not move for it.
    const failing = t.ctx.db
      .transaction(async (tx) => {
        await appendEvent(tx, { actor, entity: "user", entityId: "rollback", kind: "test.concurrent" });
        throw new Error("rolled back");
      })
      .catch(() => "rolled back");
    await Promise.all([...writers, failing]);
    const reports = await verifyLogChains(t.ctx);
    expect(reports.map((r) => r.problem)).toEqual([null, null]);
    const events = reports.find((r) => r.chain === "events");
    const access = reports.find((r) => r.chain === "access_log");
    const n = await execRawOne<{ events: number; access: number }>(
      t.ctx.db,
      sql`select (select count(*)::int from events) as events, (select count(*)::int from access_log) as access`,
    );
    expect(events?.count).toBe(n?.events);
    expect(access?.count).toBe(40);
    expect(n?.access).toBe(40);
  });

  it("links many entries of one statement, undoes a rolled-back savepoint's, ignores a forged head (0034)", async () => {
    const rows = (kind: string, n: number) =>
      sql`insert into events (entity, entity_id, kind, data)
          select 'user', g::text, ${kind}, jsonb_build_object('g', g) from generate_series(1, ${n}) g`;
    const before = await execRawOne<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from events`);
    await t.ctx.db.transaction(async (tx) => {
      await tx.execute(rows("test.statement", 50));
      const undone = await tx
        .transaction(async (sp) => {
          await sp.execute(rows("test.savepoint", 3));
          throw new Error("undone");
        })
        .catch(() => "undone");
      expect(undone).toBe("undone");
      await tx.execute(rows("test.after_savepoint", 2));
    });
    // A head set by hand in the transaction's setting is not this transaction's own link: ignored.
    await t.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('tongdai.chain_head_events', ${`1:1:${"0".repeat(64)}`}, true)`);
      await tx.execute(rows("test.forged", 1));
    });
    const after = await execRawOne<{ n: number; head: number; last: number }>(
      t.ctx.db,
      sql`select count(*)::int as n, (select seq from log_chain_heads where chain = 'events')::int as head,
            max(chain_seq)::int as last from events`,
    );
    expect(after?.n).toBe((before?.n ?? 0) + 53);
    expect(after?.head).toBe(after?.last);
    const reports = await verifyLogChains(t.ctx);
    expect(reports.map((r) => r.problem)).toEqual([null, null]);
    expect(reports.find((r) => r.chain === "events")?.count).toBe(after?.n);
  });
});

describe("migration 0016 on a database that already has history", () => {
  it("chains the existing events from the first one", async () => {
    const database = await openDatabase({ dataDir: "memory" });
    try {
      if (database.raw.kind !== "pglite") throw new Error("expected PGlite");
      const client = database.raw.client;
      const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../db/migrations");
      const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
      const before = files.filter((f) => f < "0016");
      for (const f of before) await client.exec(await readFile(path.join(dir, f), "utf8"));
      await client.exec(`insert into events (entity, entity_id, kind, data, at) values
        ('user', 'a', 'user.created', '{"role": "operator", "tên": "Lê Thị Hoa"}', '2026-01-05T08:00:00+07'),
        ('agency', 'b', 'agency.updated', '{}', '2026-01-06T08:00:00+07'),
        ('field', 'c', 'field.created', '{"n": 1.50}', '2026-01-07T08:00:00+07')`);
      for (const f of files.filter((x) => x >= "0016"))
        await client.exec(await readFile(path.join(dir, f), "utf8"));
      await client.exec(`insert into events (entity, entity_id, kind) values ('user', 'd', 'user.disabled')`);
      const reports = await verifyLogChains({ db: database.db });
      expect(reports.find((r) => r.chain === "events")).toMatchObject({
        count: 4,
        headSeq: 4,
        problem: null,
      });
    } finally {
      await database.close();
    }
  });
});
