import { type SQL, sql } from "drizzle-orm";
import type { Channel } from "../../../shared/request-status.js";
import type { CompletenessIssue } from "../../../shared/schemas/requests.js";
import { type Executor, queryOnePrepared } from "../client.js";

export interface IntakeRow {
  code: string;
  channel: Channel;
  receivedAt: Date;
  /** An existing requester, or one to find by phone (else create) in the same statement. */
  requester:
    | { id: string }
    | {
        upsert: {
          kind: "person" | "organisation";
          fullName: string | null;
          phone: string | null;
          address: string | null;
          email: string | null;
        };
      };
  content: string;
  fieldCode: string | null;
  urgency: "normal" | "urgent";
  operatorId: string | null;
  completeness: CompletenessIssue[];
  publishConsent: boolean;
  externalRef: string | null;
  call: { callId?: string; startedAt?: string; endedAt?: string; recordingUrl?: string } | null;
  event: { actorId: string | null; actorLabel: string; data: Record<string, unknown>; publicNote: string };
  /** Acknowledgements to enqueue in the outbox (STYLE 9), keyed to the event. */
  outbox: { channel: string; recipient: string; kind: string; subject: string; body: string }[];
}

export type IntakeResult =
  | { outcome: "created"; id: string; requesterId: string; eventId: number }
  | { outcome: "unknown_field" }
  | { outcome: "code_taken" };

/**
 * Records a new request in ONE statement: requester (found by phone or created), request, its
 * "received" event and the acknowledgement in the outbox. A single statement is atomic without a
 * transaction around it, which keeps citizen intake — the hot path of bench/intake — at one round
 * trip. An unknown field code writes nothing at all.
 */
export async function insertIntake(db: Executor, p: IntakeRow): Promise<IntakeResult> {
  const fieldOk = p.fieldCode
    ? sql`exists (select 1 from fields where code = ${p.fieldCode} and active)`
    : sql`true`;
  const fieldId = p.fieldCode
    ? sql`(select id from fields where code = ${p.fieldCode} and active)`
    : sql`null::int`;
  let requesterCtes: SQL;
  if ("id" in p.requester) {
    requesterCtes = sql`requester as (select ${p.requester.id}::uuid as id from fieldcheck where ok)`;
  } else {
    const r = p.requester.upsert;
    requesterCtes = sql`existing as (
        select id from requesters where ${r.phone}::text is not null and phone = ${r.phone} order by created_at limit 1
      ), updated as (
        update requesters set kind = ${r.kind}, full_name = coalesce(${r.fullName}, full_name),
               address = coalesce(${r.address}, address), email = coalesce(${r.email}, email), updated_at = now()
        where id = (select id from existing) and (select ok from fieldcheck)
        returning id
      ), inserted as (
        insert into requesters (kind, full_name, phone, address, email)
        select ${r.kind}, ${r.fullName}, ${r.phone}, ${r.address}, ${r.email}
        where not exists (select 1 from existing) and (select ok from fieldcheck)
        returning id
      ), requester as (select id from updated union all select id from inserted)`;
  }
  const at = p.receivedAt.toISOString();
  // One prepared statement per shape: existing requester or upsert, with or without a field.
  const name = `intake_${"id" in p.requester ? "id" : "upsert"}_${p.fieldCode ? "field" : "nofield"}`;
  const row = await queryOnePrepared<{
    ok: boolean;
    id: string | null;
    requester_id: string | null;
    event_id: number | null;
  }>(
    db,
    name,
    sql`with fieldcheck as (select ${fieldOk} as ok),
      ${requesterCtes},
      req as (
        insert into requests (code, channel, received_at, requester_id, content, field_id, urgency, status, operator_id,
          completeness, publish_consent, external_ref, call_id, call_started_at, call_ended_at, recording_url)
        select ${p.code}, ${p.channel}, ${at}, requester.id, ${p.content}, ${fieldId}, ${p.urgency}, 'received', ${p.operatorId},
          ${JSON.stringify(p.completeness)}::jsonb, ${p.publishConsent}, ${p.externalRef}, ${p.call?.callId ?? null},
          ${p.call?.startedAt ?? null}::timestamptz, ${p.call?.endedAt ?? null}::timestamptz, ${p.call?.recordingUrl ?? null}
        from requester
        on conflict (code) do nothing
        returning id, requester_id
      ), ev as (
        insert into events (at, actor_id, actor_label, entity, entity_id, request_id, kind, to_status, data, public_note)
        select ${at}, ${p.event.actorId}, ${p.event.actorLabel}, 'request', req.id::text, req.id, 'received', 'received',
          ${JSON.stringify(p.event.data)}::jsonb, ${p.event.publicNote}
        from req
        returning id, request_id
      ), ob as (
        insert into outbox (request_id, event_id, channel, recipient, kind, subject, body, dedupe_key)
        select ev.request_id, ev.id, t.channel, t.recipient, t.kind, t.subject, t.body, ev.id || ':' || t.channel || ':' || t.recipient
        from ev, jsonb_to_recordset(${JSON.stringify(p.outbox)}::jsonb) as t(channel text, recipient text, kind text, subject text, body text)
        on conflict (dedupe_key) do nothing
      )
      select fieldcheck.ok, req.id, req.requester_id, ev.id as event_id
      from fieldcheck left join req on true left join ev on ev.request_id = req.id`,
  );
  if (!row?.ok) return { outcome: "unknown_field" };
  if (!row.id || !row.requester_id || row.event_id === null) return { outcome: "code_taken" };
  return { outcome: "created", id: row.id, requesterId: row.requester_id, eventId: Number(row.event_id) };
}
