import { sql } from "drizzle-orm";
import type { z } from "zod";
import { type AccessAction, accessLogEntry } from "../../../shared/schemas/access-log.js";
import { col, type Executor, rowOf } from "../client.js";
import { allOf, pageOf } from "../queries.js";

export interface NewAccess {
  at: Date;
  actorId: string;
  actorLabel: string;
  actorRole: string;
  action: AccessAction;
  requestId: string | null;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}

/** An entry of the access log as the API shows it (jsonb `details` checked as an object). */
export const accessRow = rowOf(accessLogEntry, { id: col.number, at: col.timestamp });
export type AccessRow = z.infer<typeof accessRow>;

/** Appends one entry; the insert trigger links it into the access log's hash chain (0016). */
export async function appendAccess(db: Executor, e: NewAccess): Promise<void> {
  await db.execute(
    sql`insert into access_log (at, actor_id, actor_label, actor_role, action, request_id, target, details, ip, user_agent)
        values (${e.at.toISOString()}, ${e.actorId}, ${e.actorLabel}, ${e.actorRole}, ${e.action}, ${e.requestId},
                ${e.target}, ${JSON.stringify(e.details)}::jsonb, ${e.ip}, ${e.userAgent})`,
  );
}

export interface AccessFilter {
  actorId?: string;
  requestId?: string;
  action?: AccessAction;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Newest first. */
export function listAccess(db: Executor, f: AccessFilter): Promise<{ rows: AccessRow[]; total: number }> {
  const cond = allOf(
    f.actorId && sql`actor_id = ${f.actorId}`,
    f.requestId && sql`request_id = ${f.requestId}`,
    f.action && sql`action = ${f.action}`,
    f.from && sql`at >= ${f.from.toISOString()}`,
    f.to && sql`at < ${f.to.toISOString()}`,
  );
  return pageOf(
    db,
    accessRow,
    sql`select id, at, actor_id, actor_label, actor_role, action, request_id, target, details, ip, user_agent
        from access_log where ${cond} order by id desc limit ${f.limit} offset ${f.offset}`,
    sql`select count(*)::int as n from access_log where ${cond}`,
  );
}
