import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { countRow, type Executor, select, selectOne } from "../client.js";

export const fieldRow = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  sort_order: z.number(),
  active: z.boolean(),
});
export type FieldRow = z.infer<typeof fieldRow>;

export interface FieldValues {
  code: string;
  name: string;
  description: string | null;
  sortOrder: number;
  active: boolean;
}

const values = (f: FieldValues): SQL =>
  sql`(${f.code}, ${f.name}, ${f.description}, ${f.sortOrder}, ${f.active})`;

export async function countFields(db: Executor): Promise<number> {
  const row = await selectOne(db, countRow, sql`select count(*)::int as n from fields`);
  return row?.n ?? 0;
}

export async function insertFields(db: Executor, fields: FieldValues[]): Promise<number> {
  if (fields.length === 0) return 0;
  const rows = await select(
    db,
    z.object({ id: z.number() }),
    sql`insert into fields (code, name, description, sort_order, active)
        values ${sql.join(fields.map(values), sql`, `)} on conflict (code) do nothing returning id`,
  );
  return rows.length;
}

export async function insertField(db: Executor, f: FieldValues): Promise<FieldRow> {
  const row = await selectOne(
    db,
    fieldRow,
    sql`insert into fields (code, name, description, sort_order, active) values ${values(f)} returning *`,
  );
  if (!row) throw new Error("field insert returned nothing");
  return row;
}

export async function updateField(db: Executor, id: number, f: FieldValues): Promise<FieldRow | undefined> {
  return selectOne(
    db,
    fieldRow,
    sql`update fields set code = ${f.code}, name = ${f.name}, description = ${f.description},
          sort_order = ${f.sortOrder}, active = ${f.active}
        where id = ${id} returning *`,
  );
}

export async function findFieldById(db: Executor, id: number, lock = false): Promise<FieldRow | undefined> {
  return lock
    ? selectOne(db, fieldRow, sql`select * from fields where id = ${id} for update`)
    : selectOne(db, fieldRow, sql`select * from fields where id = ${id}`);
}

export async function findFieldByCode(db: Executor, code: string): Promise<FieldRow | undefined> {
  return selectOne(db, fieldRow, sql`select * from fields where code = ${code}`);
}

export async function listFields(db: Executor, includeInactive = false): Promise<FieldRow[]> {
  return includeInactive
    ? select(db, fieldRow, sql`select * from fields order by sort_order, id`)
    : select(db, fieldRow, sql`select * from fields where active order by sort_order, id`);
}
