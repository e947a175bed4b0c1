import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { channelSchema, statusSchema } from "../../../shared/schemas/requests.js";
import { type Executor, poolOf, preparedWithOneParam } from "../client.js";
import { createKeyBatcher } from "../key-batcher.js";
import { publicAttachmentRow } from "./answer-attachment.repository.js";

/**
 * What a citizen's look-up reads (R-PU2, issue 16): the request's public state, its public history,
 * the open slip's due time, the latest answer and the conversation, in ONE statement.
 *
 * It used to be five — the staff screens' request query (seven joins, every column), then the whole
 * event rows (payloads included), the open slip again, every answer and the messages — each parsed
 * and planned again on every look-up and each taking a pooled connection. Under a crowd that was
 * ≈ 3 ms of PostgreSQL CPU per look-up, most of it planning. Then it became one named prepared
 * statement per look-up; now concurrent look-ups share one (`key = any($1)`, see key-batcher.ts),
 * because on a 2-core machine the fixed price of a statement — round trip, executor set-up of this
 * plan, transaction — was still most of a look-up. Agency names are read by primary key (scalar
 * subqueries): as joins, the planner hashed all agencies for every look-up (EXPLAIN ANALYZE on
 * 500,000 requests, docs/portal.md). The feedback given (issue 19) comes along rather than in a
 * statement of its own per look-up: under load every extra round trip queued behind the others. Times come back as epoch milliseconds so both drivers hand
 * them over alike. A merged request reads the answer of the request it joined (issue 19).
 */
const ms = (column: SQL) => sql`floor(extract(epoch from ${column}) * 1000)::float8`;
const agencyName = (id: SQL) => sql`(select name from agencies where id = ${id})`;

const followStatement = (where: SQL) => sql`
  select r.id, r.code, r.follow_secret_hash, r.channel, r.status, ${ms(sql`r.received_at`)} as received_ms,
         (select name from fields where id = r.field_id) as field_name,
         ${agencyName(sql`r.agency_id`)} as agency_name,
         ${agencyName(sql`j.answering_agency_id`)} as answering_agency_name, j.public_answer,
         ${ms(sql`j.published_at`)} as published_ms, ${ms(sql`j.taken_down_at`)} as taken_down_ms,
         j.status as answer_status, case when j.id <> r.id then j.code end as merged_into_code,
         r.awaiting_requester_since is not null as awaiting_requester,
         r.contact_phone, r.contact_email,
         ${ms(sql`s.due_at`)} as slip_due_ms, ${ms(sql`s.appointment_at`)} as slip_appointment_ms,
         coalesce((select json_agg(json_build_object('at', ${ms(sql`e.at`)}, 'text', e.public_note) order by e.id)
                   from events e where e.request_id = r.id and e.public_note is not null), '[]') as history,
         (select json_build_object('body', an.body, 'agency', ${agencyName(sql`an.agency_id`)})
            from answers an
           where an.request_id = j.id order by an.created_at desc, an.id limit 1) as latest_answer,
         -- Issue 19: the attachments published with j's answer (shown only while it is published).
         coalesce((select json_agg(json_build_object('public_id', a.public_id, 'filename', a.filename,
                                                     'mime_type', a.mime_type, 'size_bytes', a.size_bytes)
                                   order by a.created_at, a.id)
                   from attachments a where a.request_id = j.id and a.published_at is not null), '[]')
           as answer_attachments,
         coalesce((select json_agg(json_build_object('direction', m.direction,
                                                     'agency', ${agencyName(sql`mu.agency_id`)},
                                                     'body', m.body, 'at', ${ms(sql`m.created_at`)}) order by m.id)
                   from request_messages m left join users mu on mu.id = m.author_id
                   where m.request_id = r.id), '[]') as messages,
         (select json_build_object('resolved', f.resolved, 'rating', f.rating, 'at', ${ms(sql`f.created_at`)})
            from request_feedback f where f.request_id = r.id) as feedback
  from requests r
  -- Issue 19: a merged request shows the answer of the request it joined (j); otherwise j is r.
  -- j and s are probes by key per request found (LIMIT 1 — at most one row each, by primary key
  -- and by the unique index of the open lead slip — keeps them so): as joins, the plan kept for
  -- every execution (genericPlan, estimating ten codes) hashed all of a small requests table.
  cross join lateral (select j.id, j.code, j.status, j.answering_agency_id, j.public_answer, j.published_at,
                             j.taken_down_at
                        from requests j where j.id = coalesce(r.merged_into_id, r.id) limit 1) j
  left join lateral (select s.due_at, s.appointment_at from transfer_slips s
                      where s.request_id = r.id and s.closed_at is null and s.role = 'lead' limit 1) s on true
  where ${where}`;

const epoch = z.number().transform((n) => new Date(n));

export const followRow = z.object({
  id: z.string(),
  code: z.string(),
  follow_secret_hash: z.string().nullable(),
  channel: channelSchema,
  status: statusSchema,
  received_ms: epoch,
  field_name: z.string().nullable(),
  agency_name: z.string().nullable(),
  answering_agency_name: z.string().nullable(),
  public_answer: z.string().nullable(),
  /** The status of the request whose answer is shown: this one, or the one it was merged into. */
  answer_status: statusSchema,
  merged_into_code: z.string().nullable(),
  published_ms: epoch.nullable(),
  taken_down_ms: epoch.nullable(),
  awaiting_requester: z.boolean(),
  contact_phone: z.string().nullable(),
  contact_email: z.string().nullable(),
  slip_due_ms: epoch.nullable(),
  slip_appointment_ms: epoch.nullable(),
  history: z.array(z.object({ at: epoch, text: z.string() })),
  latest_answer: z.object({ body: z.string(), agency: z.string().nullable() }).nullable(),
  answer_attachments: z.array(publicAttachmentRow),
  messages: z.array(
    z.object({
      direction: z.enum(["in", "out"]),
      agency: z.string().nullable(),
      body: z.string(),
      at: epoch,
    }),
  ),
  /** The satisfaction the requester gave (issue 19), read in the same statement: no extra round trip. */
  feedback: z.object({ resolved: z.boolean(), rating: z.number(), at: epoch }).nullable(),
});
export type FollowRow = z.infer<typeof followRow>;

/**
 * Planned once per connection, generically: left to choose, PostgreSQL planned the statement again
 * on every execution (≈ 1 ms of its CPU, five times the execution; `genericPlan` in client.ts).
 */
const once = { genericPlan: true };
const byCodes = preparedWithOneParam(
  "follow_by_codes",
  followRow,
  (codes) => followStatement(sql`r.code = any(${codes}::text[])`),
  once,
);
const bySecretHashes = preparedWithOneParam(
  "follow_by_secret_hashes",
  followRow,
  (hashes) =>
    followStatement(
      sql`r.follow_secret_hash = any(${hashes}::text[]) and r.follow_secret_revoked_at is null`,
    ),
  once,
);

/** Concurrent look-ups on one pool share statements; two in flight at most (as intake, bench/portal). */
const batching = { maxInFlight: 1, maxBatch: 64 };
const batchers = new WeakMap<
  object,
  Record<"code" | "secret", (key: string) => Promise<FollowRow | undefined>>
>();

function batcherOf(db: Executor) {
  let b = batchers.get(db);
  if (!b) {
    b = {
      code: createKeyBatcher(
        async (codes) => new Map((await byCodes(db, codes)).map((row) => [row.code, row])),
        batching,
      ),
      secret: createKeyBatcher(
        async (hashes) =>
          new Map((await bySecretHashes(db, hashes)).map((row) => [row.follow_secret_hash ?? "", row])),
        batching,
      ),
    };
    batchers.set(db, b);
  }
  return b;
}

/** The look-up by follow code (the unique index on requests.code). */
export async function findFollowByCode(db: Executor, code: string): Promise<FollowRow | undefined> {
  if (!poolOf(db)) return (await byCodes(db, [code]))[0];
  return batcherOf(db).code(code);
}

/** The look-up by follow link: the secret's hash, while the link is not revoked. */
export async function findFollowBySecretHash(db: Executor, hash: string): Promise<FollowRow | undefined> {
  if (!poolOf(db)) return (await bySecretHashes(db, [hash]))[0];
  return batcherOf(db).secret(hash);
}
