import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import {
  type Corrections,
  dataRequestKinds,
  dataRequestStatuses,
  replyChannels,
} from "../../../shared/schemas/data-rights.js";
import { col, type Executor, select, selectOne } from "../client.js";
import { allRows, oneRow } from "../queries.js";

/** A row of `data_requests`: one data subject's request about their own data (a case). */
export const dataRequestRow = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(dataRequestKinds),
  status: z.enum(dataRequestStatuses),
  subject_name: z.string().nullable(),
  subject_phone: z.string().nullable(),
  subject_email: z.string().nullable(),
  subject_channel: z.string().nullable(),
  subject_external_id: z.string().nullable(),
  reply_channel: z.enum(replyChannels),
  reply_to: z.string().nullable(),
  details: z.string().nullable(),
  corrections: col.jsonObject,
  received_at: col.timestamp,
  ack_due_at: col.timestamp,
  due_at: col.timestamp,
  acknowledged_at: col.nullableTimestamp,
  decided_at: col.nullableTimestamp,
  decision_note: z.string().nullable(),
  result: col.jsonObject,
  version: col.number,
});
export type DataRequestRow = z.infer<typeof dataRequestRow>;

export interface NewDataRequest {
  code: string;
  kind: DataRequestRow["kind"];
  subject: {
    name: string | null;
    phone: string | null;
    email: string | null;
    channel: string | null;
    externalId: string | null;
  };
  reply: { channel: DataRequestRow["reply_channel"]; to: string | null };
  details: string | null;
  corrections: Corrections;
  receivedAt: Date;
  ackDueAt: Date;
  dueAt: Date;
  createdBy: string;
}

/** Inserts a case; returns undefined when the code is taken (the caller draws another). */
export const insertDataRequest = oneRow(
  dataRequestRow,
  (
    c: NewDataRequest,
  ) => sql`insert into data_requests (code, kind, subject_name, subject_phone, subject_email, subject_channel,
          subject_external_id, reply_channel, reply_to, details, corrections, received_at, ack_due_at, due_at, created_by)
        values (${c.code}, ${c.kind}, ${c.subject.name}, ${c.subject.phone}, ${c.subject.email}, ${c.subject.channel},
          ${c.subject.externalId}, ${c.reply.channel}, ${c.reply.to}, ${c.details}, ${JSON.stringify(c.corrections)}::jsonb,
          ${c.receivedAt.toISOString()}, ${c.ackDueAt.toISOString()}, ${c.dueAt.toISOString()}, ${c.createdBy})
        on conflict (code) do nothing
        returning *`,
);

export const findDataRequest = oneRow(
  dataRequestRow,
  (id: string) => sql`select * from data_requests where id = ${id}`,
);

export async function listDataRequests(
  db: Executor,
  state: "open" | "closed" | "all",
): Promise<DataRequestRow[]> {
  const where =
    state === "open"
      ? sql`where status in ('received', 'acknowledged')`
      : state === "closed"
        ? sql`where status in ('done', 'refused')`
        : sql``;
  return select(db, dataRequestRow, sql`select * from data_requests ${where} order by due_at, id limit 500`);
}

/** A step of the workflow, only from the expected status and version (optimistic lock). */
export async function advanceDataRequest(
  tx: Executor,
  id: string,
  from: { status: DataRequestRow["status"]; version: number },
  to: {
    status: DataRequestRow["status"];
    at: Date;
    by: string;
    decisionNote?: string | null;
    result?: Record<string, unknown>;
  },
): Promise<DataRequestRow | undefined> {
  const decided = to.status === "done" || to.status === "refused";
  const ack: SQL = to.status === "acknowledged" ? sql`acknowledged_at = ${to.at.toISOString()},` : sql``;
  const decision: SQL = decided
    ? sql`decided_at = ${to.at.toISOString()}, decided_by = ${to.by}, decision_note = ${to.decisionNote ?? null},
          result = ${JSON.stringify(to.result ?? {})}::jsonb,`
    : sql``;
  return selectOne(
    tx,
    dataRequestRow,
    sql`update data_requests set status = ${to.status}, ${ack} ${decision}
          version = version + 1, updated_at = ${to.at.toISOString()}
        where id = ${id} and status = ${from.status} and version = ${from.version}
        returning *`,
  );
}

/** Open cases whose current deadline is within `until` (or past), with the reminder steps sent. */
export const remindableDataRequests = allRows(
  dataRequestRow.extend({ sent: col.textArray }),
  (
    until: Date,
  ) => sql`select d.*, coalesce((select array_agg(m.step) from data_request_reminders m where m.data_request_id = d.id), '{}') as sent
        from data_requests d
        where (d.status = 'received' and d.ack_due_at <= ${until.toISOString()})
           or (d.status = 'acknowledged' and d.due_at <= ${until.toISOString()})
        order by d.due_at`,
);

/** Records a reminder step once; false when another process already sent it. */
export async function claimDataReminder(tx: Executor, id: string, step: string, at: Date): Promise<boolean> {
  const row = await selectOne(
    tx,
    z.object({ data_request_id: z.string() }),
    sql`insert into data_request_reminders (data_request_id, step, sent_at) values (${id}, ${step}, ${at.toISOString()})
        on conflict do nothing returning data_request_id`,
  );
  return row !== undefined;
}

/** The coordinators who handle the cases (active, with an email), for reminders. */
export const coordinatorEmails = allRows(
  z.object({ id: z.string(), email: z.string() }),
  () =>
    sql`select id, email from users where role = 'coordinator' and active and email is not null order by username`,
);
