import { sql } from "drizzle-orm";
import { type Executor, queryOne } from "../client.js";
import type { UserRow } from "./user.repository.js";

export interface SessionWithUser {
  session_id: string;
  csrf_token: string;
  expires_at: Date;
  user: UserRow;
}

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
  const row = await queryOne<{ session_id: string; csrf_token: string; expires_at: Date; user: UserRow }>(
    db,
    sql`select s.id as session_id, s.csrf_token, s.expires_at, to_jsonb(u) as user
        from sessions s join users u on u.id = s.user_id
        where s.id = ${id} and s.expires_at > ${now.toISOString()} and u.active`,
  );
  return row;
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
