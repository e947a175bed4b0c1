import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor } from "../client.js";
import { countChanged, oneRow } from "../queries.js";

/** Failed sign-ins per source address ("addr:<ip>") or per account ("user:<id>"), see auth.service. */
export const throttleRow = z.object({
  key: z.string(),
  failures: z.number(),
  last_failure_at: col.timestamp,
  delayed_until: col.nullableTimestamp,
});
export type ThrottleRow = z.infer<typeof throttleRow>;

export const findThrottle = oneRow(
  throttleRow,
  (key: string) => sql`select * from login_throttle where key = ${key}`,
);

/** Stores the counter the service computed (the rule for it lives in auth.service). */
export async function saveThrottle(db: Executor, row: ThrottleRow): Promise<void> {
  await db.execute(
    sql`insert into login_throttle (key, failures, last_failure_at, delayed_until)
        values (${row.key}, ${row.failures}, ${row.last_failure_at.toISOString()}, ${row.delayed_until?.toISOString() ?? null})
        on conflict (key) do update set failures = excluded.failures,
          last_failure_at = excluded.last_failure_at, delayed_until = excluded.delayed_until`,
  );
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.execute(sql`delete from login_throttle where key = ${key}`);
}

/** Counters nobody has touched since `before` are back to zero anyway: drop their rows. */
export async function deleteStaleThrottles(db: Executor, before: Date): Promise<number> {
  return countChanged(
    db,
    sql`delete from login_throttle where last_failure_at < ${before.toISOString()}
          and (delayed_until is null or delayed_until < ${before.toISOString()}) returning key`,
  );
}
