import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select, selectOne } from "../client.js";
import { changesAny, countChanged, oneRow } from "../queries.js";

/** Known devices, TOTP secrets, recovery codes and sign-in challenges (issue 14, ASVS V6.5/V6.6). */

export async function isKnownDevice(db: Executor, tokenHash: string, userId: string): Promise<boolean> {
  const row = await selectOne(
    db,
    z.object({ user_id: z.string() }),
    sql`select user_id from known_devices where token_hash = ${tokenHash} and user_id = ${userId}`,
  );
  return row !== undefined;
}

export async function rememberDevice(
  db: Executor,
  tokenHash: string,
  userId: string,
  at: Date,
): Promise<void> {
  await db.execute(
    sql`insert into known_devices (token_hash, user_id, created_at, last_used_at)
        values (${tokenHash}, ${userId}, ${at.toISOString()}, ${at.toISOString()})
        on conflict (token_hash) do update set last_used_at = excluded.last_used_at
        where known_devices.user_id = excluded.user_id`,
  );
}

export async function setPendingTotpSecret(
  db: Executor,
  userId: string,
  secret: string | null,
): Promise<void> {
  await db.execute(sql`update users set totp_pending_secret = ${secret} where id = ${userId}`);
}

/** Makes the pending secret the active one; `step` is the time step of the code that confirmed it. */
export async function enableTotp(db: Executor, userId: string, at: Date, step: number): Promise<void> {
  await db.execute(
    sql`update users set totp_secret = totp_pending_secret, totp_pending_secret = null,
          totp_enabled_at = ${at.toISOString()}, totp_last_step = ${step}
        where id = ${userId} and totp_pending_secret is not null`,
  );
}

export async function disableTotp(db: Executor, userId: string): Promise<void> {
  await db.execute(
    sql`update users set totp_secret = null, totp_pending_secret = null, totp_enabled_at = null, totp_last_step = null
        where id = ${userId}`,
  );
  await db.execute(sql`delete from recovery_codes where user_id = ${userId}`);
}

/**
 * Records the time step of an accepted code, only if it is later than the last one: false when the
 * code (or an earlier one) was already used — a replayed code is refused.
 */
export const advanceTotpStep = changesAny(
  (userId: string, step: number) =>
    sql`update users set totp_last_step = ${step}
        where id = ${userId} and (totp_last_step is null or totp_last_step < ${step}) returning id`,
);

export async function replaceRecoveryCodes(db: Executor, userId: string, hashes: string[]): Promise<void> {
  await db.execute(sql`delete from recovery_codes where user_id = ${userId}`);
  for (const h of hashes) {
    await db.execute(sql`insert into recovery_codes (user_id, code_hash) values (${userId}, ${h})`);
  }
}

/** Marks an unused recovery code used; false when it is unknown or was used before. */
export const spendRecoveryCode = changesAny(
  (userId: string, hash: string, at: Date) =>
    sql`update recovery_codes set used_at = ${at.toISOString()}
        where user_id = ${userId} and code_hash = ${hash} and used_at is null returning user_id`,
);

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const rows = await select(
    db,
    z.object({ n: z.coerce.number() }),
    sql`select count(*) as n from recovery_codes where user_id = ${userId} and used_at is null`,
  );
  return rows[0]?.n ?? 0;
}

export const challengeRow = z.object({
  id: z.string(),
  user_id: z.string(),
  kind: z.enum(["totp", "enrol"]),
  expires_at: col.timestamp,
  attempts: z.number(),
});
export type ChallengeRow = z.infer<typeof challengeRow>;

export async function insertChallenge(
  db: Executor,
  c: { id: string; userId: string; kind: ChallengeRow["kind"]; expiresAt: Date },
): Promise<void> {
  await db.execute(sql`delete from login_challenges where user_id = ${c.userId}`);
  await db.execute(
    sql`insert into login_challenges (id, user_id, kind, expires_at)
        values (${c.id}, ${c.userId}, ${c.kind}, ${c.expiresAt.toISOString()})`,
  );
}

/** Counts an attempt on a live challenge and returns it (with the attempt counted), if any. */
export const attemptChallenge = oneRow(
  challengeRow,
  (id: string, now: Date) => sql`update login_challenges set attempts = attempts + 1
        where id = ${id} and expires_at > ${now.toISOString()} returning *`,
);

export async function deleteChallenge(db: Executor, id: string): Promise<void> {
  await db.execute(sql`delete from login_challenges where id = ${id}`);
}

export async function deleteExpiredChallenges(db: Executor, now: Date): Promise<number> {
  return countChanged(
    db,
    sql`delete from login_challenges where expires_at <= ${now.toISOString()} returning id`,
  );
}
