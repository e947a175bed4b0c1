import { sql } from "drizzle-orm";
import { type Executor, query } from "../client.js";

export interface InboundRow {
  id: number;
  channel: string;
  external_ref: string;
  payload: Record<string, unknown>;
  status: "pending" | "processing" | "done" | "failed";
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  request_id: string | null;
  received_at: Date;
}

/** Stores a webhook event; a redelivery of the same provider message id stores nothing. */
export async function enqueueInbound(
  db: Executor,
  e: { channel: string; externalRef: string; payload: unknown; receivedAt: Date },
): Promise<boolean> {
  const rows = await query<{ id: number }>(
    db,
    sql`insert into channel_inbound (channel, external_ref, payload, received_at, next_attempt_at)
        values (${e.channel}, ${e.externalRef}, ${JSON.stringify(e.payload)}::jsonb, ${e.receivedAt.toISOString()}, ${e.receivedAt.toISOString()})
        on conflict (channel, external_ref) do nothing returning id`,
  );
  return rows.length > 0;
}

/**
 * Claims due events. A row left "processing" by a dead process becomes due again when its lease
 * (next_attempt_at) passes; processing is idempotent because intake dedupes on the message id.
 */
export async function claimInbound(
  db: Executor,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<InboundRow[]> {
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  return query<InboundRow>(
    db,
    sql`update channel_inbound set status = 'processing', attempts = attempts + 1, next_attempt_at = ${lease}
        where id in (select id from channel_inbound
                     where status in ('pending', 'processing') and next_attempt_at <= ${now.toISOString()}
                     order by received_at, id limit ${limit} for update skip locked)
        returning *`,
  );
}

export async function finishInbound(db: Executor, id: number, now: Date, requestId: string): Promise<void> {
  await db.execute(
    sql`update channel_inbound set status = 'done', processed_at = ${now.toISOString()}, request_id = ${requestId}, last_error = null
        where id = ${id}`,
  );
}

export async function retryInbound(
  db: Executor,
  id: number,
  at: Date,
  error: string,
  give_up: boolean,
): Promise<void> {
  await db.execute(
    sql`update channel_inbound set status = ${give_up ? "failed" : "pending"}, next_attempt_at = ${at.toISOString()},
          last_error = ${error} where id = ${id}`,
  );
}

export async function countInbound(db: Executor): Promise<number> {
  const rows = await query<{ n: number }>(db, sql`select count(*)::int as n from channel_inbound`);
  return rows[0]?.n ?? 0;
}
