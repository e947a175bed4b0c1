import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Channel, RequestStatus } from "../../../shared/request-status.js";
import {
  type CompletenessIssue,
  channelSchema,
  completenessIssueSchema,
  statusSchema,
  urgencySchema,
} from "../../../shared/schemas/requests.js";
import { col, type Executor, select } from "../client.js";
import { allRows, oneRow, pageOf } from "../queries.js";
import { requestDueIs } from "./obligation.repository.js";
import { requesterKindSchema } from "./requester.repository.js";

/**
 * A request with the names staff screens need, joined once. The requester_* fields are the
 * request's own contact snapshot (requests.contact_*), not the requester row (issue 13).
 */
export const requestRow = z.object({
  id: z.string(),
  code: z.string(),
  channel: channelSchema,
  received_at: col.timestamp,
  requester_id: z.string(),
  content: z.string(),
  field_id: z.number().nullable(),
  field_code: z.string().nullable(),
  field_name: z.string().nullable(),
  urgency: urgencySchema,
  status: statusSchema,
  operator_id: z.string().nullable(),
  operator_name: z.string().nullable(),
  agency_id: z.string().nullable(),
  agency_name: z.string().nullable(),
  completeness: z.array(completenessIssueSchema),
  publish_consent: z.boolean(),
  refusal_reason_text: z.string().nullable(),
  refusal_note: z.string().nullable(),
  public_question: z.string().nullable(),
  public_answer: z.string().nullable(),
  answering_agency_id: z.string().nullable(),
  answering_agency_name: z.string().nullable(),
  published_at: col.nullableTimestamp,
  closed_at: col.nullableTimestamp,
  version: z.number(),
  // Issue 13: the public answer id (never the follow code) and the coordinator's takedown.
  public_id: z.string(),
  taken_down_at: col.nullableTimestamp,
  takedown_reason: z.string().nullable(),
  requester_kind: requesterKindSchema,
  requester_name: z.string().nullable(),
  requester_phone: z.string().nullable(),
  requester_address: z.string().nullable(),
  requester_email: z.string().nullable(),
  requester_channel_id: z.string().nullable(),
  follow_link_active: z.boolean(),
  slip_id: z.string().nullable(),
  slip_due_at: col.nullableTimestamp,
  slip_appointment_at: col.nullableTimestamp,
  awaiting_requester_since: col.nullableTimestamp,
  /** Agencies with a cooperating slip on the request, open or not (issue 19): they may read it. */
  cooperating_agency_ids: z.array(z.string()),
  // Issue 19: the request this one was merged into, and how many requests joined this one.
  merged_into_id: z.string().nullable(),
  merged_into_code: z.string().nullable(),
  merged_at: col.nullableTimestamp,
  joined_count: z.number(),
});
export type RequestRow = z.infer<typeof requestRow>;

const selectRequest = sql`
  select r.id, r.code, r.channel, r.received_at, r.requester_id, r.content, r.field_id,
         f.code as field_code, f.name as field_name, r.urgency, r.status, r.operator_id, u.full_name as operator_name,
         r.agency_id, a.name as agency_name, r.completeness, r.publish_consent,
         rr.text as refusal_reason_text, r.refusal_note, r.public_question, r.public_answer,
         r.answering_agency_id, aa.name as answering_agency_name, r.published_at, r.closed_at, r.version,
         r.contact_kind as requester_kind, r.contact_name as requester_name, r.contact_phone as requester_phone,
         r.contact_address as requester_address, r.contact_email as requester_email,
         r.contact_channel_id as requester_channel_id,
         (r.follow_secret_hash is not null and r.follow_secret_revoked_at is null) as follow_link_active,
         s.id as slip_id, s.due_at as slip_due_at, s.appointment_at as slip_appointment_at,
         r.public_id, r.taken_down_at, r.takedown_reason, r.awaiting_requester_since,
         array(select cs.agency_id::text from transfer_slips cs
               where cs.request_id = r.id and cs.role = 'cooperating' order by cs.sent_at, cs.id) as cooperating_agency_ids,
         r.merged_into_id, mi.code as merged_into_code, r.merged_at,
         (select count(*) from requests j where j.merged_into_id = r.id)::int as joined_count
  from requests r
  left join requests mi on mi.id = r.merged_into_id
  left join fields f on f.id = r.field_id
  left join users u on u.id = r.operator_id
  left join agencies a on a.id = r.agency_id
  left join agencies aa on aa.id = r.answering_agency_id
  left join refusal_reasons rr on rr.id = r.refusal_reason_id
  left join transfer_slips s on s.request_id = r.id and s.closed_at is null and s.role = 'lead'`;

export const findRequest = oneRow(requestRow, (id: string) => sql`${selectRequest} where r.id = ${id}`);

export const findRequestByCode = oneRow(
  requestRow,
  (code: string) => sql`${selectRequest} where r.code = ${code}`,
);

export const findRequestByExternalRef = oneRow(
  requestRow,
  (channel: string, ref: string) =>
    sql`${selectRequest} where r.channel = ${channel} and r.external_ref = ${ref}`,
);

/** Locks the request row for the rest of the transaction, so two actions on it run one after the other. */
export const lockRequest = oneRow(
  z.object({ status: statusSchema, version: z.number() }),
  (id: string) => sql`select status, version from requests where id = ${id} for update`,
);

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
  takenDownAt?: Date | null;
  takedownReason?: string | null;
  /** Art. 14.6: set by a question to the requester, null when the wait ends. */
  awaitingRequesterSince?: Date | null;
  /** Issue 19: the request this one joined (the `merge` transition), and when. */
  mergedIntoId?: string;
  mergedAt?: Date;
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
  takenDownAt: "taken_down_at",
  takedownReason: "takedown_reason",
  awaitingRequesterSince: "awaiting_requester_since",
  mergedIntoId: "merged_into_id",
  mergedAt: "merged_at",
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
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update requests set ${sql.join(sets, sql`, `)} where id = ${id} and version = ${version} returning id`,
  );
  return rows.length === 1;
}

export interface ListFilters {
  statuses?: RequestStatus[];
  agencyId?: string;
  /**
   * The agency responsible for the request, or one with a cooperating slip on it (issue 19): an
   * agency's own worklist. Then `open` means "this agency still owes something" (the request open
   * while it leads, or its cooperating slip open) and `due` and the "due" order read only the
   * duties this agency owes — a cooperating slip is due soon or late on its own deadline.
   */
  involvingAgencyId?: string;
  urgency?: "normal" | "urgent";
  channel?: Channel;
  open?: boolean;
  q?: string;
  /** Due state from the obligations (one SQL rule, obligation.repository.ts); `until` in working time. */
  due?: { state: "late" | "due_soon"; now: Date; until: Date };
  requesterId?: string;
  /** Only requests waiting for the requester's reply (Art. 14.6). */
  awaitingRequester?: boolean;
  /** A worklist of the hotline (schemas/requests.ts requestListQuery.stage). */
  stage?: "intake" | "publish" | "following";
  /** "due": urgent first, then earliest open deadline (late first); default urgent first, then newest. */
  sort?: "newest" | "oldest" | "due";
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
  if (f.involvingAgencyId)
    c.push(
      sql`(r.agency_id = ${f.involvingAgencyId} or exists (select 1 from transfer_slips cs
            where cs.request_id = r.id and cs.agency_id = ${f.involvingAgencyId} and cs.role = 'cooperating'))`,
    );
  if (f.urgency) c.push(sql`r.urgency = ${f.urgency}`);
  if (f.channel) c.push(sql`r.channel = ${f.channel}`);
  if (f.requesterId) c.push(sql`r.requester_id = ${f.requesterId}`);
  if (f.awaitingRequester) c.push(sql`r.awaiting_requester_since is not null`);
  const openStatus = sql`r.status not in ('published', 'closed', 'refused', 'merged')`;
  if (f.open && f.involvingAgencyId)
    c.push(
      sql`((r.agency_id = ${f.involvingAgencyId} and ${openStatus}) or exists (select 1 from transfer_slips cs
            where cs.request_id = r.id and cs.agency_id = ${f.involvingAgencyId} and cs.role = 'cooperating'
              and cs.closed_at is null))`,
    );
  else if (f.open) c.push(openStatus);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(
      sql`(r.code ilike ${like} or unaccent(r.content) ilike unaccent(${like}) or r.contact_phone like ${like} or unaccent(coalesce(r.contact_name, '')) ilike unaccent(${like}))`,
    );
  }
  if (f.stage === "intake") c.push(sql`r.status = 'received'`);
  // The hotline's own answer (from the Q&A base) is the latest one: the operator publishes it.
  if (f.stage === "publish")
    c.push(
      sql`r.status = 'answered' and (select x.source from answers x where x.request_id = r.id order by x.created_at desc limit 1) = 'kb'`,
    );
  if (f.stage === "following")
    c.push(sql`r.status in ('with_coordinator', 'forwarded', 'phone_answered', 'verifying')`);
  if (f.due) c.push(requestDueIs(f.due.state, f.due.now, f.due.until, "r", f.involvingAgencyId));
  return sql.join(c, sql` and `);
}

export async function listRequests(
  db: Executor,
  f: ListFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  const where = whereOf(f);
  // Urgent first (R-HA9: surfaced first to coordinators and agencies), then newest; or the one
  // waiting longest (the operator's intake queue, served in order); or what is due first: the
  // earliest open obligation, the one dueStateOf reports, so late ones come before the rest.
  const then =
    f.sort === "due"
      ? sql`(select min(o.due_at) from obligations o where o.request_id = r.id and o.met_at is null and o.waived_at is null
               ${f.involvingAgencyId ? sql`and o.agency_id = ${f.involvingAgencyId}` : sql``}) asc nulls last,
            r.received_at, r.id`
      : f.sort === "oldest"
        ? sql`r.received_at, r.id`
        : sql`r.received_at desc, r.id`;
  const order = sql`(r.urgency = 'urgent') desc, ${then}`;
  return pageOf(
    db,
    requestRow,
    sql`${selectRequest} where ${where} order by ${order} limit ${page.limit} offset ${page.offset}`,
    sql`select count(*)::int as n from requests r
        left join transfer_slips s on s.request_id = r.id and s.closed_at is null and s.role = 'lead' where ${where}`,
  );
}

/**
 * The identity's request a new chat message continues (R-CH4–5): the one waiting for their reply to
 * an agency's question first (Art. 14.6), else the most recent request still in progress.
 */
export const findOpenRequestOfIdentity = oneRow(
  z.object({ id: z.string(), code: z.string() }),
  (channel: string, externalId: string) => sql`select r.id, r.code from requests r
        join requester_identities i on i.requester_id = r.requester_id and i.channel = ${channel} and i.external_id = ${externalId}
        where r.channel = ${channel} and r.status not in ('published', 'closed', 'refused')
        order by r.awaiting_requester_since desc nulls last, r.received_at desc limit 1`,
);

/** The contact snapshot of one request (issue 13); a staff correction writes it, nothing else does. */
export interface RequestContactPatch {
  kind?: "person" | "organisation";
  fullName?: string | null;
  phone?: string | null;
  address?: string | null;
  email?: string | null;
}

const contactColumns: Record<keyof RequestContactPatch, string> = {
  kind: "contact_kind",
  fullName: "contact_name",
  phone: "contact_phone",
  address: "contact_address",
  email: "contact_email",
};

export async function updateRequestContact(
  tx: Executor,
  id: string,
  patch: RequestContactPatch,
): Promise<void> {
  const sets: SQL[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof RequestContactPatch, string | null][]) {
    if (value !== undefined) sets.push(sql`${sql.raw(contactColumns[key])} = ${value}`);
  }
  if (sets.length > 0) await tx.execute(sql`update requests set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

/** The request a live (not revoked) follow-link secret opens, by the secret's hash. */
export const findRequestByFollowHash = oneRow(
  requestRow,
  (hash: string) =>
    sql`${selectRequest} where r.follow_secret_hash = ${hash} and r.follow_secret_revoked_at is null`,
);

/** Revokes the request's follow link; false when it had none live. */
export async function revokeFollowSecret(tx: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update requests set follow_secret_revoked_at = ${at.toISOString()}
        where id = ${id} and follow_secret_hash is not null and follow_secret_revoked_at is null returning id`,
  );
  return rows.length === 1;
}

/** Gives the request a new follow-link secret (the old one, if any, stops working). */
export async function replaceFollowSecret(tx: Executor, id: string, hash: string): Promise<void> {
  await tx.execute(
    sql`update requests set follow_secret_hash = ${hash}, follow_secret_revoked_at = null where id = ${id}`,
  );
}

/** How many Q&A answers the acknowledgement carried (issue 16), in the intake's transaction. */
export async function setKbSuggestions(db: Executor, requestId: string, n: number): Promise<void> {
  await db.execute(sql`update requests set kb_suggestions = ${n} where id = ${requestId}`);
}

/** Issue 19: the requests merged into this one (their requesters receive its answer), oldest first. */
export const listJoined = allRows(
  z.object({ id: z.string(), code: z.string(), channel: channelSchema }),
  (
    id: string,
  ) => sql`select id, code, channel from requests where merged_into_id = ${id} and status = 'merged'
        order by merged_at, id`,
);
