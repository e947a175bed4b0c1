import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/harness.js";
import { portalIntakeRow } from "../../../test/intake-rows.js";
import { type Database, execRaw } from "../client.js";
import { insertIntake } from "./intake.repository.js";

/**
 * Intake on a new database (issue 16): each connection plans the statements it keeps once — the
 * foreign-key check every event makes on its request, the intake's "is this code taken?" probe.
 * Planned as sequential scans while `requests` was empty (a migration had analyzed it empty), they
 * stayed so as the table grew: on bench/intake a batch of ten took 4 ms at 5,000 requests and
 * 11 ms at 11,000, and intake fell to half of its earlier rate. The generic plans must be index
 * probes from the first request on.
 */
describe("intake plans on a new database", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    for (let n = 1; n <= 3; n++) {
      const row = portalIntakeRow(`PLAN${n}`, `+8491000000${n}`, `plan-${n}`);
      expect((await insertIntake(database.db, row)).outcome).toBe("created");
    }
  });
  afterAll(() => database.close());

  /** The generic plan of `statement` (one uuid or text parameter), as EXPLAIN prints it. */
  const genericPlan = (statement: string, type: string, value: string) =>
    database.db.transaction(async (tx) => {
      await execRaw(tx, sql`set local plan_cache_mode = force_generic_plan`);
      await execRaw(tx, sql.raw(`prepare plan_probe(${type}) as ${statement}`));
      const rows = await execRaw<Record<string, string>>(
        tx,
        sql.raw(`explain execute plan_probe('${value}')`),
      );
      await execRaw(tx, sql`deallocate plan_probe`);
      return rows.map((r) => Object.values(r)[0]).join("\n");
    });

  it("the foreign-key check of an event on its request is an index probe", async () => {
    const [first] = await execRaw<{ id: string }>(database.db, sql`select id from requests limit 1`);
    const plan = await genericPlan(
      `select 1 from only requests x where id = $1 for key share of x`,
      "uuid",
      first?.id ?? "",
    );
    expect(plan).toMatch(/Index (Only )?Scan/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it("the code probe is an index probe, and a taken code is still reported as taken", async () => {
    const plan = await genericPlan(`select exists (select 1 from requests where code = $1)`, "text", "PLAN1");
    expect(plan).not.toMatch(/Seq Scan/);
    const [taken] = await execRaw<{ taken: boolean; free: boolean }>(
      database.db,
      sql`select request_code_taken('PLAN1') as taken, request_code_taken('PLAN9') as free`,
    );
    expect(taken).toEqual({ taken: true, free: false });
  });
});
