import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Corrections } from "../../../shared/schemas/data-rights.js";
import { col, type Executor, select } from "../client.js";
import { countChanged, textArray, uuidArray } from "../queries.js";

/**
 * A data subject's personal data across their requests (PDP Law 91/2025 Art. 4): who they are
 * matched to, the copy they may receive, and the corrections, restriction, consent withdrawal and
 * anonymisation applied to it. Every other module reaches a person's requests through
 * findRequestsOfPerson, the one place that knows where contact data is stored.
 */

/** How a person identifies themselves: a normalised phone, an email, or a chat identity. */
export interface PersonKey {
  phone: string | null;
  email: string | null;
  chat: { channel: string; externalId: string } | null;
}

export const personRequestRow = z.object({
  id: z.string(),
  code: z.string(),
  status: z.string(),
  channel: z.string(),
  received_at: col.timestamp,
  requester_id: z.string(),
  publish_consent: z.boolean(),
  anonymised_at: col.nullableTimestamp,
  restricted_at: col.nullableTimestamp,
  legal_hold_at: col.nullableTimestamp,
});
export type PersonRequestRow = z.infer<typeof personRequestRow>;

/**
 * The requests of a person: those given with the phone, the email (case-insensitive) or the chat
 * identity (each request keeps its own contact details, migration 0010), and those of a requester
 * grouped under them. The one lookup of person → requests.
 */
export async function findRequestsOfPerson(db: Executor, key: PersonKey): Promise<PersonRequestRow[]> {
  const matches = [
    key.phone ? sql`(p.phone = ${key.phone} or r.contact_phone = ${key.phone})` : null,
    key.email
      ? sql`(lower(p.email) = lower(${key.email}) or lower(r.contact_email) = lower(${key.email}))`
      : null,
    key.chat
      ? sql`((r.channel = ${key.chat.channel} and r.contact_channel_id = ${key.chat.externalId})
              or exists (select 1 from requester_identities i where i.requester_id = p.id
              and i.channel = ${key.chat.channel} and i.external_id = ${key.chat.externalId}))`
      : null,
  ].filter((m) => m !== null);
  if (matches.length === 0) return [];
  return select(
    db,
    personRequestRow,
    sql`select r.id, r.code, r.status, r.channel, r.received_at, r.requester_id, r.publish_consent,
               r.anonymised_at, r.restricted_at, r.legal_hold_at
        from requests r join requesters p on p.id = r.requester_id
        where ${sql.join(matches, sql` or `)}
        order by r.received_at, r.id`,
  );
}

/**
 * A request's own copy of its requester's contact details (each request keeps its own, migration
 * 0010), read under these names by `requestContactColumns`: in the person's copy and by retention.
 */
export const requestContact = {
  full_name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
};
export const requestContactColumns = sql`r.contact_name as full_name, r.contact_phone as phone,
  r.contact_email as email, r.contact_address as address`;

const exportRequestRow = z.object({
  id: z.string(),
  code: z.string(),
  channel: z.string(),
  received_at: col.timestamp,
  status: z.string(),
  content: z.string(),
  publish_consent: z.boolean(),
  ...requestContact,
});
const exportAnswerRow = z.object({ request_id: z.string(), created_at: col.timestamp, body: z.string() });
const exportAttachmentRow = z.object({
  request_id: z.string(),
  filename: z.string(),
  mime_type: z.string(),
  size_bytes: col.number,
});
const exportMessageRow = z.object({
  request_id: z.string(),
  created_at: col.timestamp,
  channel: z.string(),
  body: z.string(),
});

/** Everything held about the person on these requests, for the copy (access). */
export async function personDataOf(db: Executor, requestIds: string[]) {
  if (requestIds.length === 0) return { requests: [], answers: [], attachments: [], messages: [] };
  const ids = uuidArray(requestIds);
  // One after the other: `db` is often the erasure's transaction, one connection that runs one query
  // at a time (node-postgres queues the rest and will refuse them from pg@9).
  const requests = await select(
    db,
    exportRequestRow,
    sql`select r.id, r.code, r.channel, r.received_at, r.status, r.content, r.publish_consent,
                 ${requestContactColumns}
          from requests r where r.id = any(${ids}) order by r.received_at`,
  );
  const answers = await select(
    db,
    exportAnswerRow,
    sql`select request_id, created_at, body from answers where request_id = any(${ids}) order by created_at`,
  );
  const attachments = await select(
    db,
    exportAttachmentRow,
    sql`select request_id, filename, mime_type, size_bytes from attachments where request_id = any(${ids}) order by created_at`,
  );
  const messages = await select(
    db,
    exportMessageRow,
    sql`select request_id, created_at, channel, body from outbox
          where request_id = any(${ids}) and status = 'sent' order by created_at`,
  );
  return { requests, answers, attachments, messages };
}

/** Correction: the corrected values on the requesters of these requests (only the fields given). */
export async function correctRequestersOf(
  tx: Executor,
  requestIds: string[],
  c: Corrections & { phone?: string },
) {
  if (requestIds.length === 0) return 0;
  // Each request's own contact snapshot (what staff see and where its messages go), then the
  // requester rows grouping them.
  await tx.execute(
    sql`update requests r set contact_name = coalesce(${c.fullName ?? null}, r.contact_name),
          contact_phone = coalesce(${c.phone ?? null}, r.contact_phone),
          contact_email = coalesce(${c.email ?? null}, r.contact_email),
          contact_address = coalesce(${c.address ?? null}, r.contact_address)
        where r.id = any(${uuidArray(requestIds)})`,
  );
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update requesters p set full_name = coalesce(${c.fullName ?? null}, p.full_name),
          phone = coalesce(${c.phone ?? null}, p.phone), email = coalesce(${c.email ?? null}, p.email),
          address = coalesce(${c.address ?? null}, p.address), updated_at = now()
        where p.id in (select requester_id from requests where id = any(${uuidArray(requestIds)}))
        returning p.id`,
  );
  return rows.length;
}

/**
 * Restriction or objection: the requests are flagged and taken off publication; consent
 * withdrawal: publication consent cleared, so published questions leave the portal at once.
 */
export async function restrictRequests(tx: Executor, requestIds: string[], at: Date): Promise<number> {
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update requests set restricted_at = coalesce(restricted_at, ${at.toISOString()}), publish_consent = false,
          updated_at = ${at.toISOString()}, version = version + 1
        where id = any(${uuidArray(requestIds)}) returning id`,
  );
  return rows.length;
}

export async function withdrawPublicationConsent(
  tx: Executor,
  requestIds: string[],
  at: Date,
): Promise<number> {
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update requests set publish_consent = false, updated_at = ${at.toISOString()}, version = version + 1
        where id = any(${uuidArray(requestIds)}) and publish_consent returning id`,
  );
  return rows.length;
}

export const ANONYMISED_TEXT = "[Đã xóa dữ liệu cá nhân]";

export interface AnonymisationCounts {
  requests: number;
  attachments: number;
  messages: number;
  inbound: number;
  requesters: number;
  /** Event log entries whose payload was erased. */
  events: number;
}

/**
 * Anonymises the personal data of these requests (deletion, or retention past its time): content,
 * recording link and call id, attachments, messages sent and received about them, the person's
 * words (`terms`: their name, phone, email, address) inside answers and notes; each request moves
 * to an empty requester of its own, and requesters left without requests are deleted with their
 * chat identities and contact windows. The payloads of the requests' events are erased through
 * the event log's one erasure path (migration 0016: free text → marker, chain kept); `erasedEvents`
 * tells, per request, how many entries, for the erasure event the caller appends.
 */
export async function anonymiseRequests(
  tx: Executor,
  requestIds: string[],
  terms: string[],
  at: Date,
): Promise<AnonymisationCounts & { erasedEvents: Map<string, number> }> {
  if (requestIds.length === 0)
    return {
      requests: 0,
      attachments: 0,
      messages: 0,
      inbound: 0,
      requesters: 0,
      events: 0,
      erasedEvents: new Map(),
    };
  const ids = uuidArray(requestIds);
  const oldRequesters = (
    await select(
      tx,
      z.object({ requester_id: z.string() }),
      sql`select distinct requester_id from requests where id = any(${ids})`,
    )
  ).map((r) => r.requester_id);
  for (const term of terms.filter((t) => t.trim().length >= 3)) {
    await tx.execute(
      sql`update answers set body = replace(body, ${term}, ${ANONYMISED_TEXT}) where request_id = any(${ids})`,
    );
    await tx.execute(
      sql`update progress_updates set note = replace(note, ${term}, ${ANONYMISED_TEXT}) where request_id = any(${ids})`,
    );
    // Issue 19: staff's internal notes may name the person.
    await tx.execute(
      sql`update request_notes set body = replace(body, ${term}, ${ANONYMISED_TEXT}) where request_id = any(${ids})`,
    );
    await tx.execute(
      sql`update slip_contributions set body = replace(body, ${term}, ${ANONYMISED_TEXT}) where request_id = any(${ids})`,
    );
    await tx.execute(
      sql`update transfer_slips set return_reason = replace(return_reason, ${term}, ${ANONYMISED_TEXT}) where request_id = any(${ids})`,
    );
    await tx.execute(
      sql`update requests set public_question = replace(public_question, ${term}, ${ANONYMISED_TEXT}),
            public_answer = replace(public_answer, ${term}, ${ANONYMISED_TEXT}),
            refusal_note = replace(refusal_note, ${term}, ${ANONYMISED_TEXT})
          where id = any(${ids})`,
    );
  }
  // Each request gets an empty requester of its own, so nothing links it to the person any more.
  const fresh = requestIds.map(() => randomUUID());
  await tx.execute(sql`insert into requesters (id, kind) select unnest(${uuidArray(fresh)}), 'person'`);
  const requests = await countChanged(
    tx,
    sql`update requests r set content = ${ANONYMISED_TEXT}, recording_url = null, call_id = null,
          contact_name = null, contact_phone = null, contact_email = null, contact_address = null,
          contact_channel_id = null, follow_secret_hash = null,
          requester_id = m.fresh, anonymised_at = ${at.toISOString()}, updated_at = ${at.toISOString()},
          version = version + 1
        from (select unnest(${ids}) as id, unnest(${uuidArray(fresh)}) as fresh) m
        where r.id = m.id returning r.id`,
  );
  // Issue 19: the requester's satisfaction comment is their own words, like the content.
  await tx.execute(
    sql`update request_feedback set comment = ${ANONYMISED_TEXT} where request_id = any(${ids}) and comment is not null`,
  );
  const attachments = await countChanged(
    tx,
    sql`delete from attachments where request_id = any(${ids}) returning id`,
  );
  const messages = await countChanged(
    tx,
    sql`update outbox set recipient = ${ANONYMISED_TEXT}, subject = null, body = ${ANONYMISED_TEXT}, last_error = null,
          delivery_error = null,
          dedupe_key = 'anonymised:' || id,
          status = case when status in ('pending', 'sending') then 'undeliverable' else status end
        where request_id = any(${ids}) returning id`,
  );
  const inbound = await countChanged(
    tx,
    sql`update channel_inbound set payload = '{}'::jsonb, last_error = null where request_id = any(${ids}) returning id`,
  );
  const orphans = sql`select p.id from requesters p where p.id = any(${uuidArray(oldRequesters)})
                        and not exists (select 1 from requests r where r.requester_id = p.id)`;
  await tx.execute(
    sql`delete from channel_contacts c using requester_identities i
        where i.requester_id in (${orphans}) and c.channel = i.channel and c.external_id = i.external_id`,
  );
  const requesters = await countChanged(
    tx,
    sql`delete from requesters where id in (${orphans}) returning id`,
  );
  const erased = await select(
    tx,
    z.object({ of_request: z.string(), n: col.number }),
    sql`select of_request, count(*) as n
        from erase_request_events(${ids}, ${textArray(terms)}, ${at.toISOString()})
        group by of_request`,
  );
  const erasedEvents = new Map(erased.map((e) => [e.of_request, e.n]));
  const events = erased.reduce((a, e) => a + e.n, 0);
  return { requests, attachments, messages, inbound, requesters, events, erasedEvents };
}
