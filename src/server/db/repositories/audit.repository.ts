import { sql } from "drizzle-orm";
import type { Executor } from "../client.js";
import { allOf, pageOf } from "../queries.js";
import { type EventRow, eventRow } from "./event.repository.js";

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  limit: number;
  offset: number;
}

/** The event log read as an audit trail (R-SE2), newest first. */
export function listAuditEvents(db: Executor, f: AuditFilter): Promise<{ rows: EventRow[]; total: number }> {
  const cond = allOf(f.entity && sql`entity = ${f.entity}`, f.entityId && sql`entity_id = ${f.entityId}`);
  return pageOf(
    db,
    eventRow,
    sql`select * from events where ${cond} order by id desc limit ${f.limit} offset ${f.offset}`,
    sql`select count(*)::int as n from events where ${cond}`,
  );
}
