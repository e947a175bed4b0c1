import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor } from "../client.js";
import { allRows } from "../queries.js";

export interface NewOutboxMessage {
  requestId: string | null;
  eventId: number | null;
  channel: string;
  recipient: string;
  kind: string;
  subject?: string | null;
  body: string;
  /** Unique per logical message, so a retried transaction never enqueues twice. */
  dedupeKey: string;
}

export const outboxRow = z.object({
  id: col.number,
  request_id: z.string().nullable(),
  event_id: col.nullableNumber,
  channel: z.string(),
  recipient: z.string(),
  kind: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.enum(["pending", "sending", "sent", "failed", "undeliverable"]),
  attempts: z.number(),
  next_attempt_at: col.timestamp,
  last_error: z.string().nullable(),
  provider_message_id: z.string().nullable(),
  dedupe_key: z.string().nullable(),
  created_at: col.timestamp,
  sent_at: col.nullableTimestamp,
  delivery_status: z.enum(["delivered", "failed", "expired"]).nullable(),
});
export type OutboxRow = z.infer<typeof outboxRow>;

/** Written in the same transaction as the change that causes the message. */
export async function enqueueOutbox(tx: Executor, m: NewOutboxMessage): Promise<void> {
  await tx.execute(
    sql`insert into outbox (request_id, event_id, channel, recipient, kind, subject, body, dedupe_key)
        values (${m.requestId}, ${m.eventId}, ${m.channel}, ${m.recipient}, ${m.kind}, ${m.subject ?? null}, ${m.body}, ${m.dedupeKey})
        on conflict (dedupe_key) do nothing`,
  );
}

export const listOutboxForRequest = allRows(
  outboxRow,
  (requestId: string) => sql`select * from outbox where request_id = ${requestId} order by id`,
);
