import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { channelSchema, statusSchema } from "../../../shared/schemas/requests.js";
import { type Executor, selectPrepared } from "../client.js";

/**
 * What a citizen's look-up reads (R-PU2, issue 16): the request's public state, its public history,
 * the open slip's due time, the latest answer and the conversation, in ONE statement.
 *
 * It used to be five — the staff screens' request query (seven joins, every column), then the whole
 * event rows (payloads included), the open slip again, every answer and the messages — each parsed
 * and planned again on every look-up and each taking a pooled connection. Under a crowd that was
 * ≈ 3 ms of PostgreSQL CPU per look-up, most of it planning. Now it is one named prepared statement
 * (planned once per connection), reading only what the citizen sees (for a merged request, the
 * answer of the request it joined, issue 19); times come back as epoch
 * milliseconds so both drivers hand them over alike.
 */
const ms = (column: SQL) => sql`floor(extract(epoch from ${column}) * 1000)::float8`;

const followStatement = (where: SQL) => sql`
  select r.id, r.code, r.channel, r.status, ${ms(sql`r.received_at`)} as received_ms, f.name as field_name,
         a.name as agency_name, aa.name as answering_agency_name, j.public_answer,
         ${ms(sql`j.published_at`)} as published_ms, ${ms(sql`j.taken_down_at`)} as taken_down_ms,
         j.status as answer_status, case when j.id <> r.id then j.code end as merged_into_code,
         r.awaiting_requester_since is not null as awaiting_requester,
         r.contact_phone, r.contact_email,
         ${ms(sql`s.due_at`)} as slip_due_ms, ${ms(sql`s.appointment_at`)} as slip_appointment_ms,
         coalesce((select json_agg(json_build_object('at', ${ms(sql`e.at`)}, 'text', e.public_note) order by e.id)
                   from events e where e.request_id = r.id and e.public_note is not null), '[]') as history,
         (select json_build_object('body', an.body, 'agency', aga.name)
            from answers an left join agencies aga on aga.id = an.agency_id
           where an.request_id = j.id order by an.created_at desc, an.id limit 1) as latest_answer,
         coalesce((select json_agg(json_build_object('direction', m.direction, 'agency', mag.name,
                                                     'body', m.body, 'at', ${ms(sql`m.created_at`)}) order by m.id)
                   from request_messages m left join users mu on mu.id = m.author_id
                   left join agencies mag on mag.id = mu.agency_id
                   where m.request_id = r.id), '[]') as messages
  from requests r
  -- Issue 19: a merged request shows the answer of the request it joined (j); otherwise j is r.
  join requests j on j.id = coalesce(r.merged_into_id, r.id)
  left join fields f on f.id = r.field_id
  left join agencies a on a.id = r.agency_id
  left join agencies aa on aa.id = j.answering_agency_id
  left join transfer_slips s on s.request_id = r.id and s.closed_at is null
  where ${where}`;

const epoch = z.number().transform((n) => new Date(n));

export const followRow = z.object({
  id: z.string(),
  code: z.string(),
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
  messages: z.array(
    z.object({
      direction: z.enum(["in", "out"]),
      agency: z.string().nullable(),
      body: z.string(),
      at: epoch,
    }),
  ),
});
export type FollowRow = z.infer<typeof followRow>;

/** The look-up by follow code (the unique index on requests.code). */
export async function findFollowByCode(db: Executor, code: string): Promise<FollowRow | undefined> {
  const rows = await selectPrepared(db, "follow_by_code", followRow, followStatement(sql`r.code = ${code}`));
  return rows[0];
}

/** The look-up by follow link: the secret's hash, while the link is not revoked. */
export async function findFollowBySecretHash(db: Executor, hash: string): Promise<FollowRow | undefined> {
  const rows = await selectPrepared(
    db,
    "follow_by_secret",
    followRow,
    followStatement(sql`r.follow_secret_hash = ${hash} and r.follow_secret_revoked_at is null`),
  );
  return rows[0];
}
