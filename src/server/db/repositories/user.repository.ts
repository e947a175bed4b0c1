import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Role, roles } from "../../../shared/permissions.js";
import { col, type Executor, selectOne } from "../client.js";
import { allRows, insertedRow, oneRow } from "../queries.js";

export const userRow = z.object({
  id: z.string(),
  username: z.string(),
  password_hash: z.string(),
  full_name: z.string(),
  role: z.enum(roles),
  agency_id: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  failed_logins: z.number(),
  locked_until: col.nullableTimestamp,
  last_login_at: col.nullableTimestamp,
  created_at: col.timestamp,
  totp_secret: z.string().nullable(),
  totp_pending_secret: z.string().nullable(),
  totp_enabled_at: col.nullableTimestamp,
  totp_last_step: z.coerce.number().nullable(),
  password_changed_at: col.nullableTimestamp,
});
export type UserRow = z.infer<typeof userRow>;

export const findUserByUsername = oneRow(
  userRow,
  (username: string) => sql`select * from users where username = ${username.toLowerCase()}`,
);

export const findUserById = oneRow(userRow, (id: string) => sql`select * from users where id = ${id}`);

export async function recordLoginSuccess(db: Executor, id: string, at: Date): Promise<void> {
  await db.execute(sql`update users set last_login_at = ${at.toISOString()} where id = ${id}`);
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
  return insertedRow(
    db,
    userRow,
    sql`insert into users (username, password_hash, full_name, role, agency_id, phone, email)
        values (${u.username.toLowerCase()}, ${u.passwordHash}, ${u.fullName}, ${u.role}, ${u.agencyId}, ${u.phone ?? null}, ${u.email ?? null})
        returning *`,
    "user",
  );
}

export const listUsers = allRows(userRow, () => sql`select * from users order by role, username`);

/** Whether an active administrator exists: the first-run check of `npm start` and the sign-in page. */
export async function hasActiveAdministrator(db: Executor): Promise<boolean> {
  const row = await selectOne(
    db,
    z.object({ found: z.boolean() }),
    sql`select exists (select 1 from users where role = 'admin' and active) as found`,
  );
  return row?.found ?? false;
}
