import { type SQL, sql } from "drizzle-orm";
import { type Executor, query, queryOne } from "../client.js";

export type AgencyKind = "department" | "commune" | "other";

export interface AgencyRow {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  hotline_numbers: string[];
  email: string | null;
  is_coordinator: boolean;
  active: boolean;
  created_at: Date;
}

export interface AgencyValues {
  code: string;
  name: string;
  kind: AgencyKind;
  hotlineNumbers: string[];
  email: string | null;
  isCoordinator: boolean;
  active: boolean;
}

/** A text[] parameter that both drivers accept (drizzle would expand a JS array into a tuple). */
export const textArray = (values: string[]): SQL =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::text[]`;

const values = (a: AgencyValues): SQL =>
  sql`(${a.code}, ${a.name}, ${a.kind}, ${textArray(a.hotlineNumbers)}, ${a.email}, ${a.isCoordinator}, ${a.active})`;

export async function countAgencies(db: Executor): Promise<number> {
  const row = await queryOne<{ n: number }>(db, sql`select count(*)::int as n from agencies`);
  return row?.n ?? 0;
}

/** Inserts many agencies in one statement (the reference seed); existing codes are left alone. */
export async function insertAgencies(db: Executor, agencies: AgencyValues[]): Promise<number> {
  if (agencies.length === 0) return 0;
  const rows = await query<{ id: string }>(
    db,
    sql`insert into agencies (code, name, kind, hotline_numbers, email, is_coordinator, active)
        values ${sql.join(agencies.map(values), sql`, `)}
        on conflict (code) do nothing returning id`,
  );
  return rows.length;
}

export async function insertAgency(db: Executor, a: AgencyValues): Promise<AgencyRow> {
  const row = await queryOne<AgencyRow>(
    db,
    sql`insert into agencies (code, name, kind, hotline_numbers, email, is_coordinator, active)
        values ${values(a)} returning *`,
  );
  if (!row) throw new Error("agency insert returned nothing");
  return row;
}

export async function updateAgency(
  db: Executor,
  id: string,
  a: AgencyValues,
): Promise<AgencyRow | undefined> {
  return queryOne<AgencyRow>(
    db,
    sql`update agencies set code = ${a.code}, name = ${a.name}, kind = ${a.kind},
          hotline_numbers = ${textArray(a.hotlineNumbers)}, email = ${a.email},
          is_coordinator = ${a.isCoordinator}, active = ${a.active}
        where id = ${id} returning *`,
  );
}

export async function findAgencyById(db: Executor, id: string): Promise<AgencyRow | undefined> {
  return queryOne<AgencyRow>(db, sql`select * from agencies where id = ${id}`);
}

export async function findAgencyByCode(db: Executor, code: string): Promise<AgencyRow | undefined> {
  return queryOne<AgencyRow>(db, sql`select * from agencies where code = ${code}`);
}

/** Locks the row so two concurrent edits of one agency are applied one after the other. */
export async function findAgencyForUpdate(db: Executor, id: string): Promise<AgencyRow | undefined> {
  return queryOne<AgencyRow>(db, sql`select * from agencies where id = ${id} for update`);
}

export interface AgencyFilter {
  kind?: AgencyKind;
  /** Accent-insensitive search over the name or code. */
  q?: string;
  includeInactive?: boolean;
}

export async function listAgencies(db: Executor, f: AgencyFilter = {}): Promise<AgencyRow[]> {
  const where: SQL[] = [sql`true`];
  if (!f.includeInactive) where.push(sql`active`);
  if (f.kind) where.push(sql`kind = ${f.kind}`);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(lower(immutable_unaccent(name)) like lower(immutable_unaccent(${like})) or lower(code) like ${like})`,
    );
  }
  // Departments first, then communes, then others; each alphabetically (Vietnamese names).
  return query<AgencyRow>(
    db,
    sql`select * from agencies where ${sql.join(where, sql` and `)}
        order by case kind when 'department' then 0 when 'commune' then 1 else 2 end, name`,
  );
}

export interface FocalPointRow {
  id: string;
  agency_id: string;
  username: string;
  full_name: string;
  phone: string | null;
  email: string | null;
}

/** Active focal points of the given agencies (R-KB2: the directory lists them). */
export async function listFocalPoints(db: Executor, agencyIds: string[]): Promise<FocalPointRow[]> {
  if (agencyIds.length === 0) return [];
  return query<FocalPointRow>(
    db,
    sql`select id, agency_id, username, full_name, phone, email from users
        where role = 'focal_point' and active
          and agency_id in (select (jsonb_array_elements_text(${JSON.stringify(agencyIds)}::jsonb))::uuid)
        order by full_name`,
  );
}
