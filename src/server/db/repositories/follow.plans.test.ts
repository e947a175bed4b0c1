import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/harness.js";
import { portalIntakeRow } from "../../../test/intake-rows.js";
import { type PrivateBouncer, pgbouncerAvailable, startPgBouncer } from "../../../test/pgbouncer.js";
import { type Database, openDatabase, planCountsOf, poolOf } from "../client.js";
import { findFollowByCode, findFollowBySecretHash } from "./follow.repository.js";
import { insertIntake } from "./intake.repository.js";

/**
 * The citizen's look-up is planned once per connection (issue 16, tenth session). Left to choose,
 * PostgreSQL planned the follow statement anew on every execution, for ever: its generic plan
 * (`code = any($1)`, estimated at ten codes) always looked dearer than a custom plan for the one to
 * four codes a batch carries, and planning the statement cost five times running it.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("follow look-up plans (PostgreSQL)", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    for (let n = 1; n <= 3; n++) {
      const row = portalIntakeRow(`FOLLOWPLAN${n}`, `+8491000001${n}`, `follow-plan-${n}`);
      expect((await insertIntake(database.db, row)).outcome).toBe("created");
    }
  });
  afterAll(() => database.close());

  it("by code: the generic plan on every execution, never a plan per execution, each answer its own", async () => {
    for (let i = 0; i < 12; i++) {
      const code = `FOLLOWPLAN${(i % 3) + 1}`;
      expect((await findFollowByCode(database.db, code))?.code).toBe(code);
      expect(await findFollowByCode(database.db, "FOLLOWPLAN9")).toBeUndefined();
    }
    const plans = await planCountsOf(database.db, "follow_by_codes");
    expect(plans?.custom_plans).toBe(0);
    expect(plans?.generic_plans).toBeGreaterThanOrEqual(24);
  });

  it("by follow link: the same", async () => {
    for (let i = 0; i < 12; i++) {
      const row = await findFollowBySecretHash(database.db, `follow-plan-${(i % 3) + 1}`);
      expect(row?.code).toBe(`FOLLOWPLAN${(i % 3) + 1}`);
    }
    const plans = await planCountsOf(database.db, "follow_by_secret_hashes");
    expect(plans?.custom_plans).toBe(0);
    expect(plans?.generic_plans).toBeGreaterThanOrEqual(12);
  });
});

/**
 * Behind a pooler that refuses the generic-plan connections' session setting (PgBouncer refuses a
 * startup `options` it does not track), the look-ups still answer, on the main pool. One server
 * connection and one client connection, so named statements survive PgBouncer's transaction mode.
 * Failed before the fallback: every look-up threw "unsupported startup parameter".
 */
describe.skipIf(!process.env.TEST_DATABASE_URL || !pgbouncerAvailable())(
  "follow look-ups behind a pooler that refuses the plan setting",
  () => {
    let database: Database;
    let bouncer: PrivateBouncer;
    let through: Database;
    beforeAll(async () => {
      database = await createTestDatabase();
      const row = portalIntakeRow("FOLLOWBOUNCE1", "+84910000021", "follow-bounce-1");
      expect((await insertIntake(database.db, row)).outcome).toBe("created");
      const url = poolOf(database.db)?.options.connectionString;
      if (!url) throw new Error("no PostgreSQL pool");
      bouncer = await startPgBouncer(url, 1);
      through = await openDatabase({ url: bouncer.url, poolSize: 1 });
    }, 60_000);
    afterAll(async () => {
      await through?.close();
      await bouncer?.stop();
      await database?.close();
    });

    it("answers every look-up, by code and by follow link", async () => {
      for (let i = 0; i < 3; i++) {
        expect((await findFollowByCode(through.db, "FOLLOWBOUNCE1"))?.code).toBe("FOLLOWBOUNCE1");
        expect(await findFollowByCode(through.db, "FOLLOWBOUNCE9")).toBeUndefined();
        expect((await findFollowBySecretHash(through.db, "follow-bounce-1"))?.code).toBe("FOLLOWBOUNCE1");
      }
    });
  },
);
