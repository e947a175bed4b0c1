import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/harness.js";
import { portalIntakeRow } from "../../../test/intake-rows.js";
import { type Database, execRaw } from "../client.js";
import { insertIntake } from "./intake.repository.js";

/**
 * The intake statement writes all of a batch's requests before its first event, whose chain link
 * takes the log's head until commit (issue 16, eleventh session): its events are sorted by the
 * batch's order. Before, each request was written just before its own event, in the order of a
 * hash join over the field codes (rows without a field came last).
 */
describe("a shared intake statement's events", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await execRaw(
      database.db,
      sql`insert into fields (code, name) values ('thu-tu-a', 'Thứ tự A'), ('thu-tu-b', 'Thứ tự B'), ('thu-tu-c', 'Thứ tự C')
          on conflict (code) do nothing`,
    );
  });
  afterAll(() => database.close());

  it("follow the order the submissions arrived in", async () => {
    const fields = [null, "thu-tu-c", "thu-tu-a", null, "thu-tu-b"];
    // Submitted at once: on PostgreSQL the first two go alone, the others share the next statement.
    const codes = Array.from({ length: 14 }, (_, i) => `ORD${String(i).padStart(2, "0")}`);
    const outcomes = await Promise.all(
      codes.map((code, i) =>
        insertIntake(database.db, {
          ...portalIntakeRow(code, `+8491700${String(i).padStart(4, "0")}`, `order-${i}`),
          fieldCode: fields[i % fields.length] ?? null,
        }),
      ),
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(codes.map(() => "created"));
    // Events by the transaction that wrote them, in the order of their ids and chain positions.
    const rows = await execRaw<{ code: string; tx: string; id: number; seq: number }>(
      database.db,
      sql`select r.code, e.xmin::text as tx, e.id::int as id, e.chain_seq::int as seq
          from events e join requests r on r.id = e.request_id
          where r.code like 'ORD%' order by e.id`,
    );
    const byTx = new Map<string, string[]>();
    for (const r of rows) byTx.set(r.tx, [...(byTx.get(r.tx) ?? []), r.code]);
    for (const inOneStatement of byTx.values()) expect(inOneStatement).toEqual([...inOneStatement].sort());
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
    if (database.kind === "postgres") expect(Math.max(...[...byTx.values()].map((c) => c.length))).toBeGreaterThan(1);
  });
});
