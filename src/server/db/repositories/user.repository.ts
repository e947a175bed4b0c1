import { sql } from "drizzle-orm";
import type { Role } from "../../../shared/permissions.js";
import { type Executor, query, queryOne } from "../client.js";

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  full_name: string;
  role: Role;
  agency_id: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  return queryOne<UserRow>(db, sql`select * from users where username = ${username.toLowerCase()}`);
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return queryOne<UserRow>(db, sql`select * from users where id = ${id}`);
}

export async function recordLoginFailure(
  db: Executor,
  id: string,
  lockAfter: number,
  lockUntil: Date,
): Promise<UserRow> {
  const row = await queryOne<UserRow>(
    db,
    sql`update users set failed_logins = failed_logins + 1,
          locked_until = case when failed_logins + 1 >= ${lockAfter} then ${lockUntil.toISOString()}::timestamptz else locked_until end
        where id = ${id} returning *`,
  );
  if (!row) throw new Error("user vanished");
  return row;
}

export async function recordLoginSuccess(db: Executor, id: string, at: Date): Promise<void> {
  await db.execute(
    sql`update users set failed_logins = 0, locked_until = null, last_login_at = ${at.toISOString()} where id = ${id}`,
  );
}

export interface NewUser {
  username: string;
  passwordHash: string;
  fullName: string;
  role: Role;
  agencyId: string | null;
  phone?: string | null;
  email?: string | null;
}

export async function insertUser(db: Executor, u: NewUser): Promise<UserRow> {
  const row = await queryOne<UserRow>(
    db,
    sql`insert into users (username, password_hash, full_name, role, agency_id, phone, email)
        values (${u.username.toLowerCase()}, ${u.passwordHash}, ${u.fullName}, ${u.role}, ${u.agencyId}, ${u.phone ?? null}, ${u.email ?? null})
        returning *`,
  );
  if (!row) throw new Error("user insert returned nothing");
  return row;
}

export async function listUsers(db: Executor): Promise<UserRow[]> {
  return query<UserRow>(db, sql`select * from users order by role, username`);
}
