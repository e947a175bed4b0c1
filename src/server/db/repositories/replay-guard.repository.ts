import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, poolOf, preparedWithParams, select, selectOne } from "../client.js";
import { createCountBatcher } from "../key-batcher.js";

/**
 * Shared state of the anti-abuse guards (issue 15, migration 0020), so several server processes
 * behave as one: captcha solutions already used, and token buckets per client address.
 */

/** Marks a captcha challenge used; false if any process used it before (one statement, race-safe). */
export async function markCaptchaUsed(db: Executor, challengeId: string, expiresAt: Date): Promise<boolean> {
  const row = await selectOne(
    db,
    z.object({ challenge_id: z.string() }),
    sql`insert into captcha_used (challenge_id, expires_at) values (${challengeId}, ${expiresAt.toISOString()})
        on conflict (challenge_id) do nothing returning challenge_id`,
  );
  return row !== undefined;
}

/**
 * Takes one token from `subject`'s bucket, refilled at `capacity` per `periodMs`: the new level, or
 * null when the bucket holds less than one token (nothing is spent then). One statement: two
 * processes never hand out the same token.
 */
export async function takeToken(
  db: Executor,
  b: { bucket: string; subject: string; capacity: number; periodMs: number; now: Date },
  count = 1,
): Promise<number | null> {
  const now = b.now.toISOString();
  const n = Math.max(1, Math.min(count, b.capacity));
  const level = sql`least(${b.capacity}::float8, rate_buckets.tokens
    + greatest(0, extract(epoch from (${now}::timestamptz - rate_buckets.updated_at))) * 1000 * ${b.capacity}::float8 / ${b.periodMs}::float8)`;
  const row = await selectOne(
    db,
    z.object({ tokens: col.number }),
    sql`insert into rate_buckets (bucket, subject, tokens, updated_at)
        values (${b.bucket}, ${b.subject}, ${b.capacity - n}, ${now})
        on conflict (bucket, subject) do update set tokens = ${level} - ${n}, updated_at = excluded.updated_at
          where ${level} >= ${n}
        returning tokens`,
  );
  return row ? row.tokens : null;
}

/** The level of a bucket now (for Retry-After of a refused attempt). */
export async function tokenLevel(
  db: Executor,
  b: { bucket: string; subject: string; capacity: number; periodMs: number; now: Date },
): Promise<number> {
  const now = b.now.toISOString();
  const row = await selectOne(
    db,
    z.object({ tokens: col.number }),
    sql`select least(${b.capacity}::float8, tokens
          + greatest(0, extract(epoch from (${now}::timestamptz - updated_at))) * 1000 * ${b.capacity}::float8 / ${b.periodMs}::float8) as tokens
        from rate_buckets where bucket = ${b.bucket} and subject = ${b.subject}`,
  );
  return row ? row.tokens : b.capacity;
}

/** Used captchas past their expiry, and buckets untouched for a day (full again long since). */
export async function purgeGuards(db: Executor, now: Date): Promise<number> {
  const a = await select(
    db,
    z.object({ k: z.string() }),
    sql`delete from captcha_used where expires_at < ${now.toISOString()} returning challenge_id as k`,
  );
  const b = await select(
    db,
    z.object({ k: z.string() }),
    sql`delete from rate_buckets where updated_at < ${new Date(now.getTime() - 86_400_000).toISOString()} returning subject as k`,
  );
  return a.length + b.length;
}

/**
 * Counts attempts in a fixed window of `windowMs` (the routes' limits, issue 15: the behaviour of
 * @fastify/rate-limit's own store, shared by every server process): the row holds the attempts so
 * far and when the window began; a window past its end starts again. Refused attempts count too, as
 * they did. One statement adds `n` attempts for each subject: two processes never both see the same
 * count.
 */
const countStatement = ([bucket, windowSeconds, now, subjects, ns]: SQL[]) => {
  const expired = sql`rate_buckets.updated_at <= ${now}::timestamptz - make_interval(secs => ${windowSeconds}::float8)`;
  return sql`insert into rate_buckets (bucket, subject, tokens, updated_at)
      select ${bucket}::text, t.subject, t.n, ${now}::timestamptz
        from unnest(${subjects}::text[], ${ns}::float8[]) as t(subject, n)
      on conflict (bucket, subject) do update set
        tokens = case when ${expired} then excluded.tokens else rate_buckets.tokens + excluded.tokens end,
        updated_at = case when ${expired} then excluded.updated_at else rate_buckets.updated_at end
      returning subject, tokens, updated_at`;
};
const countRow = z.object({ subject: z.string(), tokens: col.number, updated_at: col.timestamp });
/**
 * Named and planned once per pooled connection, its text built once (issue 16): parsed, planned
 * and rebuilt by Drizzle on every attempt, it cost PostgreSQL and the server about as much as the
 * follow statement itself at 8 clients (bench/portal, BENCH_CPU; docs/portal.md, fifth round).
 */
const countAttempts = preparedWithParams("rate_count_attempts", countRow, countStatement);

/**
 * Under a crowd every public look-up from a new address was its own upsert, each a round trip that
 * queued behind the others on a busy machine (bench/portal, issue 16). Attempts arriving on one pool
 * while two statements of a route's bucket run go together in the next one; each caller still gets
 * its own count, written before it is answered, so the shared limit is exactly what it was.
 */
const batching = { maxInFlight: 1, maxBatch: 256 };
type Counted = { count: number; startedAt: Date };
const counters = new WeakMap<object, Map<string, (subject: string) => Promise<Counted>>>();

function counterOf(db: Executor, bucket: string, windowMs: number) {
  let perBucket = counters.get(db);
  if (!perBucket) {
    perBucket = new Map();
    counters.set(db, perBucket);
  }
  const key = `${bucket}\u0000${windowMs}`;
  let counter = perBucket.get(key);
  if (!counter) {
    counter = createCountBatcher(async (increments) => {
      // The statement's own start is the batch's "now" (the route store reads the wall clock too).
      const rows = await countAttempts(db, [
        bucket,
        windowMs / 1000,
        new Date().toISOString(),
        [...increments.keys()],
        [...increments.values()],
      ]);
      return new Map(rows.map((r) => [r.subject, { count: r.tokens, startedAt: r.updated_at }]));
    }, batching);
    perBucket.set(key, counter);
  }
  return counter;
}

/** One attempt of `subject`: how many the window has seen (this one included), and when it began. */
export async function countAttempt(
  db: Executor,
  a: { bucket: string; subject: string; windowMs: number; now: Date },
): Promise<Counted> {
  if (poolOf(db)) return counterOf(db, a.bucket, a.windowMs)(a.subject);
  const [row] = await countAttempts(db, [a.bucket, a.windowMs / 1000, a.now.toISOString(), [a.subject], [1]]);
  return { count: row?.tokens ?? 1, startedAt: row?.updated_at ?? a.now };
}
