import { sql } from "drizzle-orm";
import type { Actor } from "../../../shared/permissions.js";
import { type Executor, query, queryOne } from "../client.js";

export interface NewEvent {
  actor?: Actor | null;
  /** Shown instead of a user when the system, the portal or a channel acts. */
  actorLabel?: string;
  entity: string;
  entityId: string;
  requestId?: string | null;
  kind: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  data?: Record<string, unknown>;
  publicNote?: string | null;
  at?: Date;
}

export interface EventRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_label: string | null;
  entity: string;
  entity_id: string;
  request_id: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown>;
  public_note: string | null;
}

/** Appends to the one event log (STYLE 8). Call inside the transaction of the change it records. */
export async function appendEvent(tx: Executor, e: NewEvent): Promise<EventRow> {
  const label = e.actorLabel ?? (e.actor ? e.actor.fullName : "Hệ thống");
  const row = await queryOne<EventRow>(
    tx,
    sql`insert into events (at, actor_id, actor_label, entity, entity_id, request_id, kind, from_status, to_status, data, public_note)
        values (${(e.at ?? new Date()).toISOString()}, ${e.actor?.userId ?? null}, ${label}, ${e.entity}, ${e.entityId},
                ${e.requestId ?? null}, ${e.kind}, ${e.fromStatus ?? null}, ${e.toStatus ?? null},
                ${JSON.stringify(e.data ?? {})}::jsonb, ${e.publicNote ?? null})
        returning *`,
  );
  if (!row) throw new Error("event insert returned nothing");
  return row;
}

export async function listEvents(db: Executor, entity: string, entityId: string): Promise<EventRow[]> {
  return query<EventRow>(
    db,
    sql`select * from events where entity = ${entity} and entity_id = ${entityId} order by id`,
  );
}

export async function listRequestEvents(db: Executor, requestId: string): Promise<EventRow[]> {
  return query<EventRow>(db, sql`select * from events where request_id = ${requestId} order by id`);
}
