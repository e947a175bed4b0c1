import { type SQL, sql } from "drizzle-orm";
import type { Channel, RequestStatus } from "../../../shared/request-status.js";
import type { CompletenessIssue } from "../../../shared/schemas/requests.js";
import { type Executor, query, queryOne } from "../client.js";
import { requestDueIs } from "./obligation.repository.js";

export interface RequesterRow {
  id: string;
  kind: "person" | "organisation";
  full_name: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
}

/** A request with the names staff screens need, joined once. */
export interface RequestRow {
  id: string;
  code: string;
  channel: Channel;
  received_at: Date;
  requester_id: string;
  content: string;
  field_id: number | null;
  field_code: string | null;
  field_name: string | null;
  urgency: "normal" | "urgent";
  status: RequestStatus;
  operator_id: string | null;
  operator_name: string | null;
  agency_id: string | null;
  agency_name: string | null;
  completeness: CompletenessIssue[];
  publish_consent: boolean;
  refusal_reason_text: string | null;
  refusal_note: string | null;
  public_question: string | null;
  public_answer: string | null;
  answering_agency_id: string | null;
  answering_agency_name: string | null;
  published_at: Date | null;
  closed_at: Date | null;
  version: number;
  requester_kind: "person" | "organisation";
  requester_name: string | null;
  requester_phone: string | null;
  requester_address: string | null;
  requester_email: string | null;
  slip_id: string | null;
  slip_due_at: Date | null;
  slip_appointment_at: Date | null;
}

const selectRequest = sql`
  select r.id, r.code, r.channel, r.received_at, r.requester_id, r.content, r.field_id,
         f.code as field_code, f.name as field_name, r.urgency, r.status, r.operator_id, u.full_name as operator_name,
         r.agency_id, a.name as agency_name, r.completeness, r.publish_consent,
         rr.text as refusal_reason_text, r.refusal_note, r.public_question, r.public_answer,
         r.answering_agency_id, aa.name as answering_agency_name, r.published_at, r.closed_at, r.version,
         p.kind as requester_kind, p.full_name as requester_name, p.phone as requester_phone,
         p.address as requester_address, p.email as requester_email,
         s.id as slip_id, s.due_at as slip_due_at, s.appointment_at as slip_appointment_at
  from requests r
  join requesters p on p.id = r.requester_id
  left join fields f on f.id = r.field_id
  left join users u on u.id = r.operator_id
  left join agencies a on a.id = r.agency_id
  left join agencies aa on aa.id = r.answering_agency_id
  left join refusal_reasons rr on rr.id = r.refusal_reason_id
  left join transfer_slips s on s.request_id = r.id and s.closed_at is null`;

export async function findRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  return queryOne<RequestRow>(db, sql`${selectRequest} where r.id = ${id}`);
}

export async function findRequestByCode(db: Executor, code: string): Promise<RequestRow | undefined> {
  return queryOne<RequestRow>(db, sql`${selectRequest} where r.code = ${code}`);
}

export async function findRequestByExternalRef(
  db: Executor,
  channel: string,
  ref: string,
): Promise<RequestRow | undefined> {
  return queryOne<RequestRow>(
    db,
    sql`${selectRequest} where r.channel = ${channel} and r.external_ref = ${ref}`,
  );
}

/** Locks the request row for the rest of the transaction, so two actions on it run one after the other. */
export async function lockRequest(
  tx: Executor,
  id: string,
): Promise<{ status: RequestStatus; version: number } | undefined> {
  return queryOne(tx, sql`select status, version from requests where id = ${id} for update`);
}

export async function upsertRequester(
  tx: Executor,
  r: {
    kind: "person" | "organisation";
    fullName: string | null;
    phone: string | null;
    address: string | null;
    email: string | null;
  },
): Promise<RequesterRow> {
  // One requester per normalised phone number (unique index); newer non-empty details win.
  const row = await queryOne<RequesterRow>(
    tx,
    sql`insert into requesters (kind, full_name, phone, address, email)
        values (${r.kind}, ${r.fullName}, ${r.phone}, ${r.address}, ${r.email})
        on conflict (phone) where phone is not null do update set kind = excluded.kind,
          full_name = coalesce(excluded.full_name, requesters.full_name),
          address = coalesce(excluded.address, requesters.address),
          email = coalesce(excluded.email, requesters.email), updated_at = now()
        returning id, kind, full_name, phone, address, email`,
  );
  if (!row) throw new Error("requester upsert returned nothing");
  return row;
}

export async function findRequesterByPhone(db: Executor, phone: string): Promise<RequesterRow | undefined> {
  return queryOne<RequesterRow>(
    db,
    sql`select id, kind, full_name, phone, address, email from requesters where phone = ${phone} order by created_at limit 1`,
  );
}

export interface NewRequest {
  code: string;
  channel: Channel;
  receivedAt: Date;
  requesterId: string;
  content: string;
  fieldId: number | null;
  urgency: "normal" | "urgent";
  operatorId: string | null;
  completeness: CompletenessIssue[];
  publishConsent: boolean;
  externalRef?: string | null;
  call?: { callId?: string; startedAt?: string; endedAt?: string; recordingUrl?: string } | null;
}

/**
 * Inserts a request; null when the public code is already taken (the caller draws another). The
 * field is looked up by code in the same statement; `fieldId` comes back null for an unknown or
 * inactive field code.
 */
export async function insertRequest(
  tx: Executor,
  r: NewRequest & { fieldCode?: string | null },
): Promise<{ id: string; field_id: number | null } | null> {
  const field = r.fieldCode
    ? sql`(select id from fields where code = ${r.fieldCode} and active)`
    : sql`${r.fieldId}::int`;
  const row = await queryOne<{ id: string; field_id: number | null }>(
    tx,
    sql`insert into requests (code, channel, received_at, requester_id, content, field_id, urgency, status,
          operator_id, completeness, publish_consent, external_ref, call_id, call_started_at, call_ended_at, recording_url)
        values (${r.code}, ${r.channel}, ${r.receivedAt.toISOString()}, ${r.requesterId}, ${r.content}, ${field},
          ${r.urgency}, 'received', ${r.operatorId}, ${JSON.stringify(r.completeness)}::jsonb, ${r.publishConsent},
          ${r.externalRef ?? null}, ${r.call?.callId ?? null}, ${r.call?.startedAt ?? null}, ${r.call?.endedAt ?? null},
          ${r.call?.recordingUrl ?? null})
        on conflict (code) do nothing
        returning id, field_id`,
  );
  return row ?? null;
}

/** Column updates a transition or an edit makes; version is bumped on every write. */
export interface RequestPatch {
  status?: RequestStatus;
  agencyId?: string | null;
  fieldId?: number | null;
  urgency?: "normal" | "urgent";
  content?: string;
  completeness?: CompletenessIssue[];
  refusalReasonId?: number | null;
  refusalNote?: string | null;
  publicQuestion?: string | null;
  publicAnswer?: string | null;
  answeringAgencyId?: string | null;
  publishedAt?: Date | null;
  closedAt?: Date | null;
}

const columns: Record<keyof RequestPatch, string> = {
  status: "status",
  agencyId: "agency_id",
  fieldId: "field_id",
  urgency: "urgency",
  content: "content",
  completeness: "completeness",
  refusalReasonId: "refusal_reason_id",
  refusalNote: "refusal_note",
  publicQuestion: "public_question",
  publicAnswer: "public_answer",
  answeringAgencyId: "answering_agency_id",
  publishedAt: "published_at",
  closedAt: "closed_at",
};

/** Applies the patch if the version still matches; false when someone else changed it first. */
export async function updateRequest(
  tx: Executor,
  id: string,
  version: number,
  patch: RequestPatch,
): Promise<boolean> {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`];
  for (const [key, value] of Object.entries(patch) as [keyof RequestPatch, unknown][]) {
    if (value === undefined) continue;
    const column = sql.raw(columns[key]);
    if (key === "completeness") sets.push(sql`${column} = ${JSON.stringify(value)}::jsonb`);
    else if (value instanceof Date) sets.push(sql`${column} = ${value.toISOString()}`);
    else sets.push(sql`${column} = ${value}`);
  }
  const rows = await query<{ id: string }>(
    tx,
    sql`update requests set ${sql.join(sets, sql`, `)} where id = ${id} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export async function updateRequester(
  tx: Executor,
  id: string,
  r: {
    kind?: "person" | "organisation";
    fullName?: string | null;
    phone?: string | null;
    address?: string | null;
    email?: string | null;
  },
): Promise<void> {
  await tx.execute(
    sql`update requesters set kind = coalesce(${r.kind ?? null}, kind),
          full_name = case when ${r.fullName !== undefined} then ${r.fullName ?? null} else full_name end,
          phone = case when ${r.phone !== undefined} then ${r.phone ?? null} else phone end,
          address = case when ${r.address !== undefined} then ${r.address ?? null} else address end,
          email = case when ${r.email !== undefined} then ${r.email ?? null} else email end,
          updated_at = now()
        where id = ${id}`,
  );
}

export interface ListFilters {
  statuses?: RequestStatus[];
  agencyId?: string;
  urgency?: "normal" | "urgent";
  channel?: Channel;
  open?: boolean;
  q?: string;
  /** Due state from the obligations (one SQL rule, obligation.repository.ts); `until` in working time. */
  due?: { state: "late" | "due_soon"; now: Date; until: Date };
  requesterId?: string;
}

function whereOf(f: ListFilters): SQL {
  const c: SQL[] = [sql`true`];
  if (f.statuses?.length)
    c.push(
      sql`r.status in (${sql.join(
        f.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (f.agencyId) c.push(sql`r.agency_id = ${f.agencyId}`);
  if (f.urgency) c.push(sql`r.urgency = ${f.urgency}`);
  if (f.channel) c.push(sql`r.channel = ${f.channel}`);
  if (f.requesterId) c.push(sql`r.requester_id = ${f.requesterId}`);
  if (f.open) c.push(sql`r.status not in ('published', 'closed', 'refused')`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(
      sql`(r.code ilike ${like} or unaccent(r.content) ilike unaccent(${like}) or p.phone like ${like} or unaccent(coalesce(p.full_name, '')) ilike unaccent(${like}))`,
    );
  }
  if (f.due) c.push(requestDueIs(f.due.state, f.due.now, f.due.until));
  return sql.join(c, sql` and `);
}

export async function listRequests(
  db: Executor,
  f: ListFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  const where = whereOf(f);
  // Urgent first, then newest (operator queue, R-HA9).
  const rows = await query<RequestRow>(
    db,
    sql`${selectRequest} where ${where} order by (r.urgency = 'urgent') desc, r.received_at desc, r.id
        limit ${page.limit} offset ${page.offset}`,
  );
  const count = await queryOne<{ n: number }>(
    db,
    sql`select count(*)::int as n from requests r join requesters p on p.id = r.requester_id
        left join transfer_slips s on s.request_id = r.id and s.closed_at is null where ${where}`,
  );
  return { rows, total: count?.n ?? 0 };
}

export async function findRefusalReasonByCode(
  db: Executor,
  code: string,
): Promise<{ id: number; text: string; active: boolean } | undefined> {
  return queryOne(db, sql`select id, text, active from refusal_reasons where code = ${code}`);
}

export async function findFieldIdByCode(
  db: Executor,
  code: string,
): Promise<{ id: number; active: boolean } | undefined> {
  return queryOne(db, sql`select id, active from fields where code = ${code}`);
}

export async function findActiveAgency(
  db: Executor,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  return queryOne(db, sql`select id, name from agencies where id = ${id} and active`);
}

/** The identity's most recent request still in progress, to continue a conversation (R-CH4–5). */
export async function findOpenRequestOfIdentity(
  db: Executor,
  channel: string,
  externalId: string,
): Promise<{ id: string; code: string } | undefined> {
  return queryOne(
    db,
    sql`select r.id, r.code from requests r
        join requester_identities i on i.requester_id = r.requester_id and i.channel = ${channel} and i.external_id = ${externalId}
        where r.channel = ${channel} and r.status not in ('published', 'closed', 'refused')
        order by r.received_at desc limit 1`,
  );
}

export async function findRequesterIdOfIdentity(
  db: Executor,
  channel: string,
  externalId: string,
): Promise<string | undefined> {
  const row = await queryOne<{ requester_id: string }>(
    db,
    sql`select requester_id from requester_identities where channel = ${channel} and external_id = ${externalId}`,
  );
  return row?.requester_id;
}

export async function insertIdentity(
  db: Executor,
  requesterId: string,
  channel: string,
  externalId: string,
): Promise<void> {
  await db.execute(
    sql`insert into requester_identities (requester_id, channel, external_id) values (${requesterId}, ${channel}, ${externalId})
        on conflict do nothing`,
  );
}

export async function insertBareRequester(
  db: Executor,
  r: { fullName: string | null; email: string | null; phone: string | null },
): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    sql`insert into requesters (full_name, email, phone) values (${r.fullName}, ${r.email}, ${r.phone})
        on conflict (phone) where phone is not null do update set updated_at = now() returning id`,
  );
  if (!row) throw new Error("requester insert returned nothing");
  return row.id;
}

export interface PublishedRow {
  code: string;
  public_question: string;
  public_answer: string;
  field_code: string | null;
  field_name: string | null;
  agency_name: string | null;
  agency_code: string | null;
  published_at: Date;
}

export interface PublishedFilters {
  q?: string;
  field?: string;
  agency?: string;
  from?: Date;
  to?: Date;
}

/**
 * Published answers (Art. 12, R-PU1): only the PII-free public copy, only when the requester
 * agreed to publish their question.
 */
function publishedWhere(f: PublishedFilters): SQL {
  const c: SQL[] = [sql`r.published_at is not null and r.publish_consent`];
  if (f.field) c.push(sql`f.code = ${f.field}`);
  if (f.agency) c.push(sql`a.code = ${f.agency}`);
  if (f.from) c.push(sql`r.published_at >= ${f.from.toISOString()}`);
  if (f.to) c.push(sql`r.published_at < ${f.to.toISOString()}`);
  if (f.q) {
    const words = f.q.split(/\s+/).filter(Boolean).slice(0, 8);
    for (const w of words) {
      const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      c.push(sql`unaccent(lower(r.public_question || ' ' || r.public_answer)) like unaccent(lower(${like}))`);
    }
  }
  return sql.join(c, sql` and `);
}

const selectPublished = sql`
  select r.code, r.public_question, r.public_answer, f.code as field_code, f.name as field_name,
         a.name as agency_name, a.code as agency_code, r.published_at
  from requests r left join fields f on f.id = r.field_id left join agencies a on a.id = r.answering_agency_id`;

export async function listPublished(
  db: Executor,
  f: PublishedFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: PublishedRow[]; total: number }> {
  const where = publishedWhere(f);
  const rows = await query<PublishedRow>(
    db,
    sql`${selectPublished} where ${where} order by r.published_at desc, r.code limit ${page.limit} offset ${page.offset}`,
  );
  const count = await queryOne<{ n: number }>(
    db,
    sql`select count(*)::int as n from requests r left join fields f on f.id = r.field_id
        left join agencies a on a.id = r.answering_agency_id where ${where}`,
  );
  return { rows, total: count?.n ?? 0 };
}

export async function findPublished(db: Executor, code: string): Promise<PublishedRow | undefined> {
  return queryOne<PublishedRow>(db, sql`${selectPublished} where r.code = ${code} and ${publishedWhere({})}`);
}

/** A follow-up message already recorded on a request (channel de-duplication). */
export async function findMessageEvent(
  db: Executor,
  channel: string,
  externalRef: string,
): Promise<{ request_id: string; code: string; status: string } | undefined> {
  return queryOne(
    db,
    sql`select e.request_id, r.code, r.status from events e join requests r on r.id = e.request_id
        where e.entity = 'request' and e.kind = 'message_received'
          and e.data->>'channel' = ${channel} and e.data->>'externalRef' = ${externalRef} limit 1`,
  );
}

/** How to reach the requester of a request: its channel, their email, their id on that channel. */
export async function findRequesterContact(
  db: Executor,
  requestId: string,
): Promise<{ channel: string; email: string | null; externalId: string | null } | undefined> {
  return queryOne(
    db,
    sql`select r.channel, p.email,
          (select i.external_id from requester_identities i
            where i.requester_id = p.id and i.channel = r.channel order by i.created_at desc limit 1) as "externalId"
        from requests r join requesters p on p.id = r.requester_id where r.id = ${requestId}`,
  );
}
