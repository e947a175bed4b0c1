import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { col, countRow, type Executor, select, selectOne } from "../client.js";

export const agencyKindSchema = z.enum(["department", "commune", "other"]);
export type AgencyKind = z.infer<typeof agencyKindSchema>;

export const agencyRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: agencyKindSchema,
  hotline_numbers: col.textArray,
  email: z.string().nullable(),
  is_coordinator: z.boolean(),
  active: z.boolean(),
  created_at: col.timestamp,
});
export type AgencyRow = z.infer<typeof agencyRow>;

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
  const row = await selectOne(db, countRow, sql`select count(*)::int as n from agencies`);
  return row?.n ?? 0;
}

/** Inserts many agencies in one statement (the reference seed); existing codes are left alone. */
export async function insertAgencies(db: Executor, agencies: AgencyValues[]): Promise<number> {
  if (agencies.length === 0) return 0;
  const rows = await select(
    db,
    z.object({ id: z.string() }),
    sql`insert into agencies (code, name, kind, hotline_numbers, email, is_coordinator, active)
        values ${sql.join(agencies.map(values), sql`, `)}
        on conflict (code) do nothing returning id`,
  );
  return rows.length;
}

export async function insertAgency(db: Executor, a: AgencyValues): Promise<AgencyRow> {
  const row = await selectOne(
    db,
    agencyRow,
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
  return selectOne(
    db,
    agencyRow,
    sql`update agencies set code = ${a.code}, name = ${a.name}, kind = ${a.kind},
          hotline_numbers = ${textArray(a.hotlineNumbers)}, email = ${a.email},
          is_coordinator = ${a.isCoordinator}, active = ${a.active}
        where id = ${id} returning *`,
  );
}

export async function findAgencyById(db: Executor, id: string): Promise<AgencyRow | undefined> {
  return selectOne(db, agencyRow, sql`select * from agencies where id = ${id}`);
}

export async function findAgencyByCode(db: Executor, code: string): Promise<AgencyRow | undefined> {
  return selectOne(db, agencyRow, sql`select * from agencies where code = ${code}`);
}

/** Locks the row so two concurrent edits of one agency are applied one after the other. */
export async function findAgencyForUpdate(db: Executor, id: string): Promise<AgencyRow | undefined> {
  return selectOne(db, agencyRow, sql`select * from agencies where id = ${id} for update`);
}

export async function findActiveAgency(
  db: Executor,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  return selectOne(
    db,
    z.object({ id: z.string(), name: z.string() }),
    sql`select id, name from agencies where id = ${id} and active`,
  );
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
  return select(
    db,
    agencyRow,
    sql`select * from agencies where ${sql.join(where, sql` and `)}
        order by case kind when 'department' then 0 when 'commune' then 1 else 2 end, name`,
  );
}

export const focalPointRow = z.object({
  id: z.string(),
  agency_id: z.string(),
  username: z.string(),
  full_name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type FocalPointRow = z.infer<typeof focalPointRow>;

/** Active focal points of the given agencies (R-KB2: the directory lists them). */
export async function listFocalPoints(db: Executor, agencyIds: string[]): Promise<FocalPointRow[]> {
  if (agencyIds.length === 0) return [];
  return select(
    db,
    focalPointRow,
    sql`select id, agency_id, username, full_name, phone, email from users
        where role = 'focal_point' and active
          and agency_id in (select (jsonb_array_elements_text(${JSON.stringify(agencyIds)}::jsonb))::uuid)
        order by full_name`,
  );
}
