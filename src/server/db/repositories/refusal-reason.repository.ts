import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { countRow, type Executor, select, selectOne } from "../client.js";

export const refusalReasonRow = z.object({
  id: z.number(),
  code: z.string(),
  text: z.string(),
  active: z.boolean(),
});
export type RefusalReasonRow = z.infer<typeof refusalReasonRow>;

export interface RefusalReasonValues {
  code: string;
  text: string;
  active: boolean;
}

const values = (r: RefusalReasonValues): SQL => sql`(${r.code}, ${r.text}, ${r.active})`;

export async function countRefusalReasons(db: Executor): Promise<number> {
  const row = await selectOne(db, countRow, sql`select count(*)::int as n from refusal_reasons`);
  return row?.n ?? 0;
}

export async function insertRefusalReasons(db: Executor, reasons: RefusalReasonValues[]): Promise<number> {
  if (reasons.length === 0) return 0;
  const rows = await select(
    db,
    z.object({ id: z.number() }),
    sql`insert into refusal_reasons (code, text, active)
        values ${sql.join(reasons.map(values), sql`, `)} on conflict (code) do nothing returning id`,
  );
  return rows.length;
}

export async function insertRefusalReason(db: Executor, r: RefusalReasonValues): Promise<RefusalReasonRow> {
  const row = await selectOne(
    db,
    refusalReasonRow,
    sql`insert into refusal_reasons (code, text, active) values ${values(r)} returning *`,
  );
  if (!row) throw new Error("refusal reason insert returned nothing");
  return row;
}

export async function updateRefusalReason(
  db: Executor,
  id: number,
  r: RefusalReasonValues,
): Promise<RefusalReasonRow | undefined> {
  return selectOne(
    db,
    refusalReasonRow,
    sql`update refusal_reasons set code = ${r.code}, text = ${r.text}, active = ${r.active}
        where id = ${id} returning *`,
  );
}

export async function findRefusalReasonById(
  db: Executor,
  id: number,
  lock = false,
): Promise<RefusalReasonRow | undefined> {
  return lock
    ? selectOne(db, refusalReasonRow, sql`select * from refusal_reasons where id = ${id} for update`)
    : selectOne(db, refusalReasonRow, sql`select * from refusal_reasons where id = ${id}`);
}

export async function findRefusalReasonByCode(
  db: Executor,
  code: string,
): Promise<RefusalReasonRow | undefined> {
  return selectOne(db, refusalReasonRow, sql`select * from refusal_reasons where code = ${code}`);
}

export async function listRefusalReasons(db: Executor, includeInactive = false): Promise<RefusalReasonRow[]> {
  return includeInactive
    ? select(db, refusalReasonRow, sql`select * from refusal_reasons order by id`)
    : select(db, refusalReasonRow, sql`select * from refusal_reasons where active order by id`);
}
