import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { execRawOne } from "../client.js";
import { countAttempt } from "./replay-guard.repository.js";

/**
 * The shared attempt count (the look-ups' 60 a minute, sign-in, replies) commits without waiting for
 * the WAL flush — for its own transaction only (issue 16, docs/portal.md nineteenth session): every
 * other statement of the application keeps `synchronous_commit` as the server sets it.
 */
describe("the attempt count's commit", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: "none" });
  });
  afterAll(() => t.close());

  const setting = async (db: Parameters<typeof execRawOne>[0]) =>
    (await execRawOne<{ v: string }>(db, sql`select current_setting('synchronous_commit') as v`))?.v;
  const attempt = (db: Parameters<typeof countAttempt>[0], subject: string) =>
    countAttempt(db, { bucket: "test-commit", subject, windowMs: 60_000, now: t.clock.now() });

  it("does not wait for the flush in the count's transaction, and the setting ends with it", async () => {
    expect(await setting(t.ctx.db)).toBe("on");
    const inside = await t.ctx.db.transaction(async (tx) => {
      const counted = await attempt(tx, "10.9.0.1");
      return { counted, setting: await setting(tx) };
    });
    expect(inside.counted.count).toBe(1);
    expect(inside.setting).toBe("off");
    // Local to that transaction: the next statements (on the same connection, the pool's last
    // released) flush as before.
    expect(await setting(t.ctx.db)).toBe("on");
  });

  it("counts exactly as before, alone and concurrently, and leaves no connection changed", async () => {
    for (let i = 1; i <= 3; i++) expect((await attempt(t.ctx.db, "10.9.0.2")).count).toBe(i);
    const counts = await Promise.all(Array.from({ length: 20 }, () => attempt(t.ctx.db, "10.9.0.3")));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const row = await execRawOne<{ tokens: number }>(
      t.ctx.db,
      sql`select tokens from rate_buckets where bucket = 'test-commit' and subject = '10.9.0.3'`,
    );
    expect(row?.tokens).toBe(20);
    const settings = await Promise.all(Array.from({ length: 8 }, () => setting(t.ctx.db)));
    expect(new Set(settings)).toEqual(new Set(["on"]));
  });
});
