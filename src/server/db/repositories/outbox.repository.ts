import { sql } from "drizzle-orm";
import { type Executor, query } from "../client.js";

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

export interface OutboxRow {
  id: number;
  request_id: string | null;
  event_id: number | null;
  channel: string;
  recipient: string;
  kind: string;
  subject: string | null;
  body: string;
  status: "pending" | "sending" | "sent" | "failed" | "undeliverable";
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  provider_message_id: string | null;
  dedupe_key: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** Written in the same transaction as the change that causes the message (STYLE 9). */
export async function enqueueOutbox(tx: Executor, m: NewOutboxMessage): Promise<void> {
  await tx.execute(
    sql`insert into outbox (request_id, event_id, channel, recipient, kind, subject, body, dedupe_key)
        values (${m.requestId}, ${m.eventId}, ${m.channel}, ${m.recipient}, ${m.kind}, ${m.subject ?? null}, ${m.body}, ${m.dedupeKey})
        on conflict (dedupe_key) do nothing`,
  );
}

export async function listOutboxForRequest(db: Executor, requestId: string): Promise<OutboxRow[]> {
  return query<OutboxRow>(db, sql`select * from outbox where request_id = ${requestId} order by id`);
}
