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
