import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Role } from "../../../shared/permissions.js";
import { col, type Executor, select } from "../client.js";
import { allOf, oneRow } from "../queries.js";
import { userRow } from "./user.repository.js";

/** Administration of accounts (R-SE1); login and sessions stay in user.repository.ts. */

export const userWithAgency = userRow.extend({
  agency_name: z.string().nullable(),
  /** Until when sign-ins from unknown devices are delayed (login_throttle), if they are. */
  delayed_until: col.nullableTimestamp,
});
export type UserWithAgency = z.infer<typeof userWithAgency>;

export interface UserFilter {
  role?: Role;
  agencyId?: string;
  includeInactive?: boolean;
}

export async function listUsersWithAgency(db: Executor, f: UserFilter = {}): Promise<UserWithAgency[]> {
  const where = allOf(
    !f.includeInactive && sql`u.active`,
    f.role && sql`u.role = ${f.role}`,
    f.agencyId && sql`u.agency_id = ${f.agencyId}`,
  );
  return select(
    db,
    userWithAgency,
    sql`select u.*, a.name as agency_name, t.delayed_until
        from users u left join agencies a on a.id = u.agency_id
        left join login_throttle t on t.key = 'user:' || u.id::text
        where ${where} order by u.role, u.username`,
  );
}

export const findUserWithAgency = oneRow(
  userWithAgency,
  (id: string, lock = false) => sql`select u.*, a.name as agency_name, t.delayed_until
        from users u left join agencies a on a.id = u.agency_id
        left join login_throttle t on t.key = 'user:' || u.id::text
        where u.id = ${id} ${lock ? sql`for update of u` : sql``}`,
);

export interface UserProfile {
  fullName: string;
  role: Role;
  agencyId: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
}

export async function updateUserProfile(db: Executor, id: string, p: UserProfile): Promise<void> {
  await db.execute(
    sql`update users set full_name = ${p.fullName}, role = ${p.role}, agency_id = ${p.agencyId},
          phone = ${p.phone}, email = ${p.email}, active = ${p.active}
        where id = ${id}`,
  );
}

export async function setUserPassword(
  db: Executor,
  id: string,
  passwordHash: string,
  at: Date,
): Promise<void> {
  await db.execute(
    sql`update users set password_hash = ${passwordHash}, password_changed_at = ${at.toISOString()} where id = ${id}`,
  );
}
