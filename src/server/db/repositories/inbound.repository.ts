import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";
import { allRows } from "../queries.js";

/** A stored webhook event; `payload` is the provider's JSON body, read by the channel adapter. */
export const inboundRow = z.object({
  id: col.number,
  channel: z.string(),
  external_ref: z.string(),
  payload: col.jsonObject,
  status: z.enum(["pending", "processing", "done", "failed"]),
  attempts: z.number(),
  next_attempt_at: col.timestamp,
  last_error: z.string().nullable(),
  request_id: z.string().nullable(),
  received_at: col.timestamp,
});
export type InboundRow = z.infer<typeof inboundRow>;

/** Stores a webhook event; a redelivery of the same provider message id stores nothing. */
export async function enqueueInbound(
  db: Executor,
  e: { channel: string; externalRef: string; payload: unknown; receivedAt: Date },
): Promise<boolean> {
  const rows = await select(
    db,
    z.object({ id: col.number }),
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
export const claimInbound = allRows(
  inboundRow,
  (now: Date, leaseMs: number, limit: number) =>
    sql`update channel_inbound set status = 'processing', attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}
        where id in (select id from channel_inbound
                     where status in ('pending', 'processing') and next_attempt_at <= ${now.toISOString()}
                     order by received_at, id limit ${limit} for update skip locked)
        returning *`,
);

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
