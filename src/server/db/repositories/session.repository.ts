import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, selectOne } from "../client.js";
import { userRow } from "./user.repository.js";

/** A live session with its user; the user comes as `to_jsonb(u)`, parsed like a user row. */
export const sessionWithUser = z.object({
  session_id: z.string(),
  csrf_token: z.string(),
  expires_at: col.timestamp,
  user: userRow,
});
export type SessionWithUser = z.infer<typeof sessionWithUser>;

export async function insertSession(
  db: Executor,
  s: {
    id: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.execute(
    sql`insert into sessions (id, user_id, csrf_token, expires_at, ip, user_agent)
        values (${s.id}, ${s.userId}, ${s.csrfToken}, ${s.expiresAt.toISOString()}, ${s.ip}, ${s.userAgent})`,
  );
}

export async function findActiveSession(
  db: Executor,
  id: string,
  now: Date,
): Promise<SessionWithUser | undefined> {
  return selectOne(
    db,
    sessionWithUser,
    sql`select s.id as session_id, s.csrf_token, s.expires_at, to_jsonb(u) as user
        from sessions s join users u on u.id = s.user_id
        where s.id = ${id} and s.expires_at > ${now.toISOString()} and u.active`,
  );
}

export async function touchSession(db: Executor, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db.execute(
    sql`update sessions set last_seen_at = ${now.toISOString()}, expires_at = ${expiresAt.toISOString()} where id = ${id}`,
  );
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.execute(sql`delete from sessions where id = ${id}`);
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.execute(sql`delete from sessions where user_id = ${userId}`);
}
