import { type SQL, sql } from "drizzle-orm";
import { countRow, type Executor, select, selectOne } from "../client.js";
import { type EventRow, eventRow } from "./event.repository.js";

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  limit: number;
  offset: number;
}

/** The event log read as an audit trail (R-SE2), newest first. */
export async function listAuditEvents(
  db: Executor,
  f: AuditFilter,
): Promise<{ rows: EventRow[]; total: number }> {
  const where: SQL[] = [sql`true`];
  if (f.entity) where.push(sql`entity = ${f.entity}`);
  if (f.entityId) where.push(sql`entity_id = ${f.entityId}`);
  const cond = sql.join(where, sql` and `);
  const rows = await select(
    db,
    eventRow,
    sql`select * from events where ${cond} order by id desc limit ${f.limit} offset ${f.offset}`,
  );
  const count = await selectOne(db, countRow, sql`select count(*)::int as n from events where ${cond}`);
  return { rows, total: count?.n ?? 0 };
}
