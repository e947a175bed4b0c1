import { sql } from "drizzle-orm";
import { type Executor, query } from "../db/client.js";
import { enqueueOutbox } from "../db/repositories/outbox.repository.js";

/** Why the requester is being told something; each kind has its own message text. */
export type NotificationKind =
  | "acknowledgement"
  | "forwarded"
  | "follow_portal"
  | "verifying"
  | "progress"
  | "answer_published"
  | "refused";

interface Target {
  channel: string;
  recipient: string;
}

/**
 * Where to reach a requester: on the channel they used (R-CH3–5), else by email when known.
 * Phone and portal requesters without an email follow the portal (Art. 10.2).
 */
async function targetsFor(tx: Executor, requestId: string): Promise<Target[]> {
  const rows = await query<{ channel: string; email: string | null; external_id: string | null }>(
    tx,
    sql`select r.channel, p.email,
          (select i.external_id from requester_identities i
            where i.requester_id = p.id and i.channel = r.channel order by i.created_at desc limit 1) as external_id
        from requests r join requesters p on p.id = r.requester_id where r.id = ${requestId}`,
  );
  const row = rows[0];
  if (!row) return [];
  if ((row.channel === "zalo" || row.channel === "facebook") && row.external_id) {
    return [{ channel: row.channel, recipient: row.external_id }];
  }
  if (row.email) return [{ channel: "email", recipient: row.email }];
  return [];
}

/**
 * Enqueues the message telling the requester about a change, inside the transaction of that
 * change; the outbox worker delivers it with retries. Called by the request service only.
 */
export async function notifyRequester(
  tx: Executor,
  n: {
    requestId: string;
    eventId: number;
    kind: NotificationKind;
    code: string;
    text: string;
    /** Known targets of a brand-new request (its intake knows them); otherwise looked up. */
    targets?: Target[];
  },
): Promise<void> {
  for (const target of n.targets ?? (await targetsFor(tx, n.requestId))) {
    await enqueueOutbox(tx, {
      requestId: n.requestId,
      eventId: n.eventId,
      channel: target.channel,
      recipient: target.recipient,
      kind: n.kind,
      subject: `[${n.code}] Tổng đài 1022`,
      body: n.text,
      dedupeKey: `${n.eventId}:${target.channel}:${target.recipient}`,
    });
  }
}

/**
 * A chat message could not be delivered because the provider's window closed (Facebook 24 h,
 * Zalo 7 days): reach the requester by email when we know it. Without an email the requester
 * follows the portal with the code they received in the acknowledgement (Art. 10.2).
 */
export async function fallbackAfterUndeliverable(
  tx: Executor,
  row: {
    request_id: string | null;
    event_id: number | null;
    channel: string;
    kind: string;
    subject: string | null;
    body: string;
    dedupe_key: string | null;
    id: number;
  },
): Promise<void> {
  if ((row.channel !== "zalo" && row.channel !== "facebook") || !row.request_id) return;
  const found = await query<{ email: string | null }>(
    tx,
    sql`select p.email from requests r join requesters p on p.id = r.requester_id where r.id = ${row.request_id}`,
  );
  const email = found[0]?.email;
  if (!email) return;
  await enqueueOutbox(tx, {
    requestId: row.request_id,
    eventId: row.event_id,
    channel: "email",
    recipient: email,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    dedupeKey: `${row.dedupe_key ?? `outbox:${row.id}`}:fallback:email`,
  });
}
