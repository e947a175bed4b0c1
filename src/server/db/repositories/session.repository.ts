import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";
import { oneRow } from "../queries.js";
import { userRow } from "./user.repository.js";

/** A live session with its user; the user comes as `to_jsonb(u)`, parsed like a user row. */
export const sessionWithUser = z.object({
  session_id: z.string(),
  csrf_token: z.string(),
  created_at: col.timestamp,
  last_seen_at: col.timestamp,
  expires_at: col.timestamp,
  user: userRow,
});
export type SessionWithUser = z.infer<typeof sessionWithUser>;

/** Times come from the service's clock (never the database's now()), so tests can move them. */
export async function insertSession(
  db: Executor,
  s: {
    id: string;
    userId: string;
    csrfToken: string;
    createdAt: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.execute(
    sql`insert into sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
        values (${s.id}, ${s.userId}, ${s.csrfToken}, ${s.createdAt.toISOString()}, ${s.createdAt.toISOString()},
                ${s.expiresAt.toISOString()}, ${s.ip}, ${s.userAgent})`,
  );
}

export const findActiveSession = oneRow(
  sessionWithUser,
  (
    id: string,
    now: Date,
  ) => sql`select s.id as session_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, to_jsonb(u) as user
        from sessions s join users u on u.id = s.user_id
        where s.id = ${id} and s.expires_at > ${now.toISOString()} and u.active`,
);

export async function touchSession(db: Executor, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db.execute(
    sql`update sessions set last_seen_at = ${now.toISOString()}, expires_at = ${expiresAt.toISOString()} where id = ${id}`,
  );
}

const idRow = z.object({ id: z.string() });

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.execute(sql`delete from sessions where id = ${id}`);
}

/** Ends every session of a user (but `keep`, when given); returns the ended sessions' ids. */
export async function deleteUserSessions(db: Executor, userId: string, keep?: string): Promise<string[]> {
  const rows = await select(
    db,
    idRow,
    sql`delete from sessions where user_id = ${userId} ${keep ? sql`and id <> ${keep}` : sql``} returning id`,
  );
  return rows.map((r) => r.id);
}

/** Sessions past their end (idle or absolute): nothing reads them any more. */
export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const rows = await select(
    db,
    idRow,
    sql`delete from sessions where expires_at <= ${now.toISOString()} returning id`,
  );
  return rows.length;
}
