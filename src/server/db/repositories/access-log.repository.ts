import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type AccessAction, accessActionSchema } from "../../../shared/schemas/access-log.js";
import { col, countRow, type Executor, select, selectOne } from "../client.js";

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

export const accessRow = z.object({
  id: col.number,
  at: col.timestamp,
  actor_id: z.string(),
  actor_label: z.string(),
  actor_role: z.string(),
  action: accessActionSchema,
  request_id: z.string().nullable(),
  target: z.string().nullable(),
  details: col.jsonObject,
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
});
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
export async function listAccess(
  db: Executor,
  f: AccessFilter,
): Promise<{ rows: AccessRow[]; total: number }> {
  const where: SQL[] = [sql`true`];
  if (f.actorId) where.push(sql`actor_id = ${f.actorId}`);
  if (f.requestId) where.push(sql`request_id = ${f.requestId}`);
  if (f.action) where.push(sql`action = ${f.action}`);
  if (f.from) where.push(sql`at >= ${f.from.toISOString()}`);
  if (f.to) where.push(sql`at < ${f.to.toISOString()}`);
  const cond = sql.join(where, sql` and `);
  const rows = await select(
    db,
    accessRow,
    sql`select id, at, actor_id, actor_label, actor_role, action, request_id, target, details, ip, user_agent
        from access_log where ${cond} order by id desc limit ${f.limit} offset ${f.offset}`,
  );
  const count = await selectOne(db, countRow, sql`select count(*)::int as n from access_log where ${cond}`);
  return { rows, total: count?.n ?? 0 };
}
