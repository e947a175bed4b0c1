import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select, selectOne } from "../client.js";

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
 * Counts one attempt of `subject` in a fixed window of `windowMs` (the routes' limits, issue 15:
 * the behaviour of @fastify/rate-limit's own store, shared by every server process): the row holds
 * the attempts so far and when the window began; a window past its end starts again at 1. Refused
 * attempts count too, as they did. One statement: two processes never both see the same count.
 */
export async function countAttempt(
  db: Executor,
  a: { bucket: string; subject: string; windowMs: number; now: Date },
): Promise<{ count: number; startedAt: Date }> {
  const now = a.now.toISOString();
  const expired = sql`rate_buckets.updated_at <= ${now}::timestamptz - make_interval(secs => ${a.windowMs / 1000})`;
  const row = await selectOne(
    db,
    z.object({ tokens: col.number, updated_at: col.timestamp }),
    sql`insert into rate_buckets (bucket, subject, tokens, updated_at) values (${a.bucket}, ${a.subject}, 1, ${now})
        on conflict (bucket, subject) do update set
          tokens = case when ${expired} then 1 else rate_buckets.tokens + 1 end,
          updated_at = case when ${expired} then excluded.updated_at else rate_buckets.updated_at end
        returning tokens, updated_at`,
  );
  return { count: row?.tokens ?? 1, startedAt: row?.updated_at ?? a.now };
}
