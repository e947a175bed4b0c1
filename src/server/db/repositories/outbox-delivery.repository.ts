import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Executor, select } from "../client.js";
import { allRows, changesAny, oneRow } from "../queries.js";
import { type OutboxRow, outboxRow } from "./outbox.repository.js";

export const claimedOutboxRow = outboxRow.extend({ request_code: z.string().nullable() });
export type ClaimedOutboxRow = z.infer<typeof claimedOutboxRow>;

/**
 * Claims due messages for delivery. A row stays "sending" under a lease
 * (next_attempt_at); if the process dies mid-delivery the row becomes due again only after the
 * lease passes. `skip locked` lets several workers share the table without double claims.
 */
export const claimOutbox = allRows(
  claimedOutboxRow,
  (now: Date, leaseMs: number, limit: number) =>
    sql`with claimed as (
          update outbox set status = 'sending', attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}
          where id in (select id from outbox
                       where (status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()})
                          -- A fresh row is due at once, whichever clock stamped its default.
                          or (status = 'pending' and attempts = 0)
                       order by next_attempt_at, id limit ${limit} for update skip locked)
          returning *)
        select c.*, r.code as request_code from claimed c left join requests r on r.id = c.request_id order by c.id`,
);

/** Each transition is guarded by the status the worker saw, so a stale worker cannot undo a newer one. */
export async function markOutboxSent(
  db: Executor,
  id: number,
  at: Date,
  providerMessageId: string | null,
): Promise<void> {
  await db.execute(
    sql`update outbox set status = 'sent', sent_at = ${at.toISOString()}, provider_message_id = ${providerMessageId},
          last_error = null where id = ${id} and status = 'sending'`,
  );
}

export async function markOutboxRetry(db: Executor, id: number, at: Date, error: string): Promise<void> {
  await db.execute(
    sql`update outbox set status = 'pending', next_attempt_at = ${at.toISOString()}, last_error = ${error}
        where id = ${id} and status = 'sending'`,
  );
}

/** False when the row was no longer ours ("sending"): what follows a final outcome then is not ours to do. */
export const markOutboxFinal = changesAny(
  (id: number, status: "failed" | "undeliverable", error: string) =>
    sql`update outbox set status = ${status}, last_error = ${error} where id = ${id} and status = 'sending' returning id`,
);

/**
 * Claims the one "did not reach the requester" notice of a message: true the first time only, so a
 * repeated delivery report or a second worker never tells staff twice (migration 0038).
 */
/** Claims the one staff notice of an unreached message: its request's code, none when already claimed. */
export const claimUnreachedNotice = oneRow(
  z.object({ code: z.string() }),
  (id: number, at: Date) =>
    sql`update outbox o set unreached_noticed_at = ${at.toISOString()} from requests r
        where o.id = ${id} and o.unreached_noticed_at is null and r.id = o.request_id returning r.code`,
);

export interface DeliveryReport {
  /** The gateway's id of the message (its answer to the send), or our RequestId (the dedupe key). */
  providerMessageId: string | null;
  requestId: string | null;
  status: "delivered" | "failed" | "expired";
  error: string | null;
}

/**
 * A gateway's delivery report on a message it accepted: kept beside the "sent" row it belongs to.
 * Repeated reports overwrite with the same values; a report about no message of ours changes nothing.
 * Answers the rows it updated, for what a failed report sets off (services/notify.ts).
 */
export async function recordDeliveryReport(
  db: Executor,
  channel: string,
  r: DeliveryReport,
  at: Date,
): Promise<OutboxRow[]> {
  return select(
    db,
    outboxRow,
    sql`update outbox set delivery_status = ${r.status}, delivery_reported_at = ${at.toISOString()},
          delivery_error = ${r.error?.slice(0, 500) ?? null}
        where channel = ${channel} and status = 'sent'
          and ((${r.providerMessageId}::text is not null and provider_message_id = ${r.providerMessageId})
            or (${r.requestId}::text is not null and dedupe_key = ${r.requestId}))
        returning *`,
  );
}
