import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../../shared/permissions.js";
import { statusSchema } from "../../../shared/schemas/requests.js";
import { col, type Executor } from "../client.js";
import { allRows, insertedRow, oneRow } from "../queries.js";

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

/** One entry of the event log; `data` is the kind's own document (a JSON object). */
export const eventRow = z.object({
  id: col.number,
  at: col.timestamp,
  actor_id: z.string().nullable(),
  actor_label: z.string().nullable(),
  entity: z.string(),
  entity_id: z.string(),
  request_id: z.string().nullable(),
  kind: z.string(),
  from_status: z.string().nullable(),
  to_status: z.string().nullable(),
  data: col.jsonObject,
  public_note: z.string().nullable(),
});
export type EventRow = z.infer<typeof eventRow>;

/** Appends to the one event log. Call inside the transaction of the change it records. */
export async function appendEvent(tx: Executor, e: NewEvent): Promise<EventRow> {
  const label = e.actorLabel ?? (e.actor ? e.actor.fullName : "Hệ thống");
  return insertedRow(
    tx,
    eventRow,
    sql`insert into events (at, actor_id, actor_label, entity, entity_id, request_id, kind, from_status, to_status, data, public_note)
        values (${(e.at ?? new Date()).toISOString()}, ${e.actor?.userId ?? null}, ${label}, ${e.entity}, ${e.entityId},
                ${e.requestId ?? null}, ${e.kind}, ${e.fromStatus ?? null}, ${e.toStatus ?? null},
                ${JSON.stringify(e.data ?? {})}::jsonb, ${e.publicNote ?? null})
        returning *`,
    "event",
  );
}

export const listEvents = allRows(
  eventRow,
  (entity: string, entityId: string) =>
    sql`select * from events where entity = ${entity} and entity_id = ${entityId} order by id`,
);

export const listRequestEvents = allRows(
  eventRow,
  (requestId: string) => sql`select * from events where request_id = ${requestId} order by id`,
);

export const messageEventRow = z.object({ request_id: z.string(), code: z.string(), status: statusSchema });

/** A follow-up message already recorded on a request (channel de-duplication by message id). */
export const findMessageEvent = oneRow(
  messageEventRow,
  (
    channel: string,
    externalRef: string,
  ) => sql`select e.request_id, r.code, r.status from events e join requests r on r.id = e.request_id
        where e.entity = 'request' and e.kind = 'message_received'
          and e.data->>'channel' = ${channel} and e.data->>'externalRef' = ${externalRef} limit 1`,
);
