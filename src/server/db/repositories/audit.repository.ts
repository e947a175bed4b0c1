import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../client.js";
import { allOf, pageOf } from "../queries.js";
import { eventRow } from "./event.repository.js";

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  limit: number;
  offset: number;
}

/** An entry of the audit trail: the event, and the code of the request it is about (if it is one). */
export const auditRow = eventRow.extend({ request_code: z.string().nullable() });
export type AuditRow = z.infer<typeof auditRow>;

/**
 * The event log read as an audit trail (R-SE2), newest first. A request's entries carry its code,
 * joined to the one page read (thirty-seventh session: the page showed a cut id, not «1022-…»).
 */
export function listAuditEvents(db: Executor, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const cond = allOf(f.entity && sql`entity = ${f.entity}`, f.entityId && sql`entity_id = ${f.entityId}`);
  return pageOf(
    db,
    auditRow,
    sql`select e.*, r.code as request_code
        from (select * from events where ${cond} order by id desc limit ${f.limit} offset ${f.offset}) e
        left join requests r on e.entity = 'request' and r.id = e.request_id
        order by e.id desc`,
    sql`select count(*)::int as n from events where ${cond}`,
  );
}
