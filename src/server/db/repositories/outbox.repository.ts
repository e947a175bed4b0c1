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
  delivery_error: z.string().nullable(),
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

/**
 * One email to each of these staff members (reminders), no request or event behind it; once per
 * member: the dedupe key is `dedupeKey:<member's id>`.
 */
export async function enqueueStaffEmails(
  tx: Executor,
  staff: readonly { id: string; email: string }[],
  m: { kind: string; subject: string; body: string; dedupeKey: string },
): Promise<void> {
  for (const member of staff) {
    await enqueueOutbox(tx, {
      requestId: null,
      eventId: null,
      channel: "email",
      recipient: member.email,
      kind: m.kind,
      subject: m.subject,
      body: m.body,
      dedupeKey: `${m.dedupeKey}:${member.id}`,
    });
  }
}

export const listOutboxForRequest = allRows(
  outboxRow,
  (requestId: string) => sql`select * from outbox where request_id = ${requestId} order by id`,
);

/**
 * The demo (src/server/demo) writes a history on a clock set in the past, while a message's
 * `created_at` is the database's own time: each message caused by an event is dated at that event,
 * as it would have been had the history happened then (a request page showed an acknowledgement
 * «created» days after the answer). For the demo only; live messages are dated as they are written.
 */
export async function dateDemoMessagesAtTheirEvents(db: Executor): Promise<void> {
  await db.execute(
    sql`update outbox o set created_at = e.at from events e where e.id = o.event_id and o.created_at <> e.at`,
  );
}
