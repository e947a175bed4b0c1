import { sql } from "drizzle-orm";
import { z } from "zod";
import { transferAttemptSchema } from "../../../shared/schemas/requests.js";
import { col, type Executor } from "../client.js";
import { allRows, insertedId, oneRow } from "../queries.js";

export const slipStatusSchema = z.enum([
  "open",
  "phone_answered",
  "verifying",
  "answered",
  "returned",
  "contributed",
]);
/** Issue 19: the lead agency records the single answer; cooperating agencies contribute (migration 0027). */
export const slipRoleSchema = z.enum(["lead", "cooperating"]);
export type SlipRole = z.infer<typeof slipRoleSchema>;
export type SlipStatus = z.infer<typeof slipStatusSchema>;

export const slipRow = z.object({
  id: z.string(),
  request_id: z.string(),
  agency_id: z.string(),
  agency_name: z.string(),
  role: slipRoleSchema,
  sent_by: z.string().nullable(),
  sent_at: col.timestamp,
  transfer_attempt: transferAttemptSchema,
  status: slipStatusSchema,
  due_at: col.timestamp,
  phone_answered_at: col.nullableTimestamp,
  appointment_at: col.nullableTimestamp,
  return_reason: z.string().nullable(),
  closed_at: col.nullableTimestamp,
});
export type SlipRow = z.infer<typeof slipRow>;

const selectSlip = sql`select s.*, a.name as agency_name from transfer_slips s join agencies a on a.id = s.agency_id`;

export async function insertSlip(
  tx: Executor,
  s: {
    requestId: string;
    agencyId: string;
    sentBy: string | null;
    sentAt: Date;
    transferAttempt: SlipRow["transfer_attempt"];
    dueAt: Date;
    /** Default "lead": the agency that records the answer (issue 19). */
    role?: SlipRole;
  },
): Promise<string> {
  return insertedId(
    tx,
    sql`insert into transfer_slips (request_id, agency_id, sent_by, sent_at, transfer_attempt, due_at, role)
        values (${s.requestId}, ${s.agencyId}, ${s.sentBy}, ${s.sentAt.toISOString()}, ${s.transferAttempt}, ${s.dueAt.toISOString()}, ${s.role ?? "lead"})
        returning id`,
    "slip",
  );
}

/** The open slip of one agency on a request, lead or cooperating (at most one, migration 0027). */
export const findOpenSlipOfAgency = oneRow(
  slipRow,
  (requestId: string, agencyId: string) =>
    sql`${selectSlip} where s.request_id = ${requestId} and s.agency_id = ${agencyId} and s.closed_at is null`,
);

/** Open slips of a request, lead first. */
export const listOpenSlips = allRows(
  slipRow,
  (requestId: string) => sql`${selectSlip} where s.request_id = ${requestId} and s.closed_at is null
        order by (s.role = 'lead') desc, s.sent_at, s.id`,
);

export const listSlips = allRows(
  slipRow,
  (requestId: string) =>
    sql`${selectSlip} where s.request_id = ${requestId} order by s.sent_at, (s.role = 'lead') desc, s.created_at, s.id`,
);

export async function updateSlip(
  tx: Executor,
  id: string,
  patch: {
    status?: SlipStatus;
    dueAt?: Date;
    phoneAnsweredAt?: Date;
    appointmentAt?: Date;
    returnReason?: string;
    closedAt?: Date;
    /** The live-call transfer's result, reported by the switchboard (issue 12). */
    transferAttempt?: SlipRow["transfer_attempt"];
  },
): Promise<void> {
  const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
  await tx.execute(
    sql`update transfer_slips set
          status = coalesce(${patch.status ?? null}, status),
          due_at = coalesce(${iso(patch.dueAt)}::timestamptz, due_at),
          phone_answered_at = coalesce(${iso(patch.phoneAnsweredAt)}::timestamptz, phone_answered_at),
          appointment_at = coalesce(${iso(patch.appointmentAt)}::timestamptz, appointment_at),
          return_reason = coalesce(${patch.returnReason ?? null}, return_reason),
          closed_at = coalesce(${iso(patch.closedAt)}::timestamptz, closed_at),
          transfer_attempt = coalesce(${patch.transferAttempt ?? null}, transfer_attempt)
        where id = ${id}`,
  );
}

export const answerRow = z.object({
  id: z.string(),
  source: z.enum(["kb", "agency", "coordinator"]),
  agency_id: z.string().nullable(),
  body: z.string(),
  given_by_phone: z.boolean(),
  agency_name: z.string().nullable(),
  author_name: z.string().nullable(),
  created_at: col.timestamp,
});
export type AnswerRow = z.infer<typeof answerRow>;

export async function insertAnswer(
  tx: Executor,
  a: {
    requestId: string;
    slipId: string | null;
    agencyId: string | null;
    authorId: string | null;
    source: AnswerRow["source"];
    kbEntryId?: string | null;
    givenByPhone: boolean;
    body: string;
    at: Date;
  },
): Promise<string> {
  return insertedId(
    tx,
    sql`insert into answers (request_id, slip_id, agency_id, author_id, source, kb_entry_id, given_by_phone, body, created_at)
        values (${a.requestId}, ${a.slipId}, ${a.agencyId}, ${a.authorId}, ${a.source}, ${a.kbEntryId ?? null}, ${a.givenByPhone}, ${a.body}, ${a.at.toISOString()})
        returning id`,
    "answer",
  );
}

export const listAnswers = allRows(
  answerRow,
  (
    requestId: string,
  ) => sql`select an.id, an.source, an.agency_id, an.body, an.given_by_phone, a.name as agency_name, u.full_name as author_name, an.created_at
        from answers an left join agencies a on a.id = an.agency_id left join users u on u.id = an.author_id
        where an.request_id = ${requestId} order by an.created_at desc, an.id`,
);

export const progressRow = z.object({
  note: z.string(),
  appointment_at: col.timestamp,
  created_at: col.timestamp,
  author_name: z.string().nullable(),
});
export type ProgressRow = z.infer<typeof progressRow>;

export async function insertProgress(
  tx: Executor,
  p: {
    requestId: string;
    slipId: string;
    authorId: string | null;
    note: string;
    appointmentAt: Date;
    at: Date;
  },
): Promise<void> {
  await tx.execute(
    sql`insert into progress_updates (request_id, slip_id, author_id, note, appointment_at, created_at)
        values (${p.requestId}, ${p.slipId}, ${p.authorId}, ${p.note}, ${p.appointmentAt.toISOString()}, ${p.at.toISOString()})`,
  );
}

export const listProgress = allRows(
  progressRow,
  (requestId: string) => sql`select pu.note, pu.appointment_at, pu.created_at, u.full_name as author_name
        from progress_updates pu left join users u on u.id = pu.author_id
        where pu.request_id = ${requestId} order by pu.created_at`,
);

/** When the slip's latest progress update was posted (null: none). */
export const findLatestProgressAt = oneRow(
  z.object({ at: col.nullableTimestamp }),
  (slipId: string) => sql`select max(created_at) as at from progress_updates where slip_id = ${slipId}`,
);
