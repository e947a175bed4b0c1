import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";
import { oneRow } from "../queries.js";

/** An Idempotency-Key row (migration 0020): the first response of an intake, kept 24 hours. */
const keyRow = z.object({
  body_hash: z.string(),
  status: z.number(),
  response: z.unknown(),
  request_code: z.string(),
  created_at: col.timestamp,
  /** Whether the request it answered exists (a key never outlives its request; false = stale). */
  stored: z.boolean(),
});
export type IdempotencyKeyRow = z.infer<typeof keyRow>;

export const findIdempotencyKey = oneRow(
  keyRow,
  (
    scope: string,
    key: string,
    since: Date,
  ) => sql`select k.body_hash, k.status, k.response, k.request_code, k.created_at,
          exists (select 1 from requests r where r.code = k.request_code) as stored
        from idempotency_keys k
        where k.scope = ${scope} and k.key = ${key} and k.created_at >= ${since.toISOString()}`,
);

/** Drops a key whose request does not exist (a request code drawn twice at once), so the next try claims it. */
export async function deleteIdempotencyKey(db: Executor, scope: string, key: string): Promise<void> {
  await db.execute(sql`delete from idempotency_keys where scope = ${scope} and key = ${key}`);
}

/** Keys older than `before` replay nothing any more: the cleanup job removes them. */
export async function deleteExpiredIdempotencyKeys(db: Executor, before: Date): Promise<number> {
  const rows = await select(
    db,
    z.object({ key: z.string() }),
    sql`delete from idempotency_keys where created_at < ${before.toISOString()} returning key`,
  );
  return rows.length;
}
