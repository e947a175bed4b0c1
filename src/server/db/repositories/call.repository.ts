import { sql } from "drizzle-orm";
import { z } from "zod";
import { transferResults } from "../../../shared/schemas/cti.js";
import { col, type Executor, select, selectOne } from "../client.js";
import { base64Of, byteaOf, insertedId, selectValue } from "../queries.js";

/** Calls from the switchboard, their events, transfers, recordings and the callback queue (issue 12). */

export const callRow = z.object({
  id: z.string(),
  call_id: z.string(),
  direction: z.enum(["in", "out"]),
  from_number: z.string().nullable(),
  to_number: z.string().nullable(),
  status: z.enum(["ringing", "answered", "ended", "missed"]),
  started_at: col.timestamp,
  answered_at: col.nullableTimestamp,
  ended_at: col.nullableTimestamp,
  hangup_cause: z.string().nullable(),
  agent_id: z.string().nullable(),
  agent_label: z.string().nullable(),
  agent_username: z.string().nullable(),
  agent_full_name: z.string().nullable(),
  request_id: z.string().nullable(),
  request_code: z.string().nullable(),
  callback_status: z.enum(["waiting", "requested"]).nullable(),
  callback_requested_at: col.nullableTimestamp,
  callback_of: z.string().nullable(),
  /** The callId of the missed call this one calls back. */
  callback_of_call_id: z.string().nullable(),
});
export type CallRow = z.infer<typeof callRow>;

const callSelect = sql`select c.id, c.call_id, c.direction, c.from_number, c.to_number, c.status, c.started_at,
    c.answered_at, c.ended_at, c.hangup_cause, c.agent_id, c.agent_label, u.username as agent_username,
    u.full_name as agent_full_name, c.request_id, r.code as request_code, c.callback_status,
    c.callback_requested_at, c.callback_of, o.call_id as callback_of_call_id
  from calls c left join users u on u.id = c.agent_id left join requests r on r.id = c.request_id
    left join calls o on o.id = c.callback_of`;

export const findCall = (db: Executor, callId: string) =>
  selectOne(db, callRow, sql`${callSelect} where c.call_id = ${callId}`);

export const findCallById = (db: Executor, id: string) =>
  selectOne(db, callRow, sql`${callSelect} where c.id = ${id}`);

export const lockCall = (db: Executor, callId: string) =>
  selectOne(db, z.object({ id: z.string() }), sql`select id from calls where call_id = ${callId} for update`);

export const listCallsOfRequest = (db: Executor, requestId: string) =>
  select(db, callRow, sql`${callSelect} where c.request_id = ${requestId} order by c.started_at`);

/** Ringing and answered calls (the desk's pop-up), newest first. */
export const listLiveCalls = (db: Executor) =>
  select(
    db,
    callRow,
    sql`${callSelect} where c.status in ('ringing', 'answered') order by c.started_at desc limit 50`,
  );

/** Missed and abandoned calls waiting for a callback, oldest first. */
export const listCallbackQueue = (db: Executor) =>
  select(
    db,
    callRow,
    sql`${callSelect} where c.callback_status is not null order by c.callback_status desc, c.ended_at limit 200`,
  );

export async function insertCall(
  db: Executor,
  c: {
    callId: string;
    direction: "in" | "out";
    from: string | null;
    to: string | null;
    startedAt: Date;
    /** The callId of the missed call this outbound call answers. */
    callbackOf?: string | null;
  },
): Promise<boolean> {
  const rows = await select(
    db,
    z.object({ id: z.string() }),
    sql`insert into calls (call_id, direction, from_number, to_number, status, started_at, callback_of)
        values (${c.callId}, ${c.direction}, ${c.from}, ${c.to}, 'ringing', ${c.startedAt.toISOString()},
                (select id from calls where call_id = ${c.callbackOf ?? null}))
        on conflict (call_id) do nothing returning id`,
  );
  return rows.length > 0;
}

export interface CallPatch {
  status?: CallRow["status"];
  answeredAt?: Date;
  endedAt?: Date;
  hangupCause?: string | null;
  agentId?: string | null;
  agentLabel?: string | null;
  callbackStatus?: "waiting" | "requested" | null;
  callbackRequestedAt?: Date;
  callbackBy?: string;
}

export async function updateCall(db: Executor, callId: string, p: CallPatch): Promise<void> {
  const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
  await db.execute(
    sql`update calls set
          status = coalesce(${p.status ?? null}, status),
          answered_at = coalesce(answered_at, ${iso(p.answeredAt)}::timestamptz),
          ended_at = coalesce(ended_at, ${iso(p.endedAt)}::timestamptz),
          hangup_cause = case when ${p.hangupCause !== undefined} then ${p.hangupCause ?? null} else hangup_cause end,
          agent_id = case when ${p.agentId !== undefined} then ${p.agentId ?? null}::uuid else agent_id end,
          agent_label = case when ${p.agentLabel !== undefined} then ${p.agentLabel ?? null} else agent_label end,
          callback_status = case when ${p.callbackStatus !== undefined} then ${p.callbackStatus ?? null} else callback_status end,
          callback_requested_at = coalesce(${iso(p.callbackRequestedAt)}::timestamptz, callback_requested_at),
          callback_by = coalesce(${p.callbackBy ?? null}::uuid, callback_by)
        where call_id = ${callId}`,
  );
}

/**
 * The caller's other missed calls in the callback queue follow the one called back (`missedCallId`):
 * a caller who tried twice is called back once. Only calls that ended by `endedBy` (a later missed
 * call is a new one). `status` "requested" when the callback is asked for, null once it reached them.
 */
export async function followCallbackOfCaller(
  db: Executor,
  missedCallId: string,
  p: { status: "requested" | null; endedBy: Date; by?: string },
): Promise<void> {
  const at = p.endedBy.toISOString();
  await db.execute(
    sql`update calls o set
          callback_status = ${p.status},
          callback_requested_at = case when ${p.status !== null} then ${at}::timestamptz else o.callback_requested_at end,
          callback_by = coalesce(${p.by ?? null}::uuid, o.callback_by)
        from calls m
        where m.call_id = ${missedCallId} and o.id <> m.id and o.from_number = m.from_number
          and o.callback_status is not null and o.ended_at <= ${at}::timestamptz`,
  );
}

/**
 * A callback that did not reach the caller: the missed calls it was for wait again, and say when it
 * was tried (`triedAt`, the callback's start) — whether the desk asked for it or the switchboard
 * placed it on its own (then they were still `waiting`, and kept no time).
 */
export async function reopenCallbackOfCaller(
  db: Executor,
  missedCallId: string,
  p: { endedBy: Date; triedAt: Date },
): Promise<void> {
  await db.execute(
    sql`update calls o set callback_status = 'waiting',
          callback_requested_at = greatest(o.callback_requested_at, ${p.triedAt.toISOString()}::timestamptz)
        from calls m
        where m.call_id = ${missedCallId} and o.from_number = m.from_number
          and o.callback_status is not null and o.ended_at <= ${p.endedBy.toISOString()}::timestamptz`,
  );
}

/** Links the request saved during or after the call (the first request wins; later ones keep theirs). */
export async function linkCallToRequest(db: Executor, callId: string, requestId: string): Promise<boolean> {
  const rows = await select(
    db,
    z.object({ id: z.string() }),
    sql`update calls set request_id = ${requestId} where call_id = ${callId} and request_id is null returning id`,
  );
  return rows.length > 0;
}

// ---------- transfers ----------

export const transferRow = z.object({
  id: z.string(),
  agency_id: z.string(),
  agency_code: z.string(),
  agency_name: z.string(),
  number: z.string(),
  slip_id: z.string().nullable(),
  requested_at: col.timestamp,
  result: z.enum(transferResults).nullable(),
  cause: z.string().nullable(),
  result_at: col.nullableTimestamp,
});
export type TransferRow = z.infer<typeof transferRow>;

const transferSelect = sql`select t.id, t.agency_id, a.code as agency_code, a.name as agency_name, t.number, t.slip_id,
    t.requested_at, t.result, t.cause, t.result_at
  from call_transfers t join agencies a on a.id = t.agency_id`;

export const listTransfers = (db: Executor, callRowId: string) =>
  select(
    db,
    transferRow,
    sql`${transferSelect} where t.call_id = ${callRowId} order by t.requested_at, t.id`,
  );

export async function insertTransfer(
  db: Executor,
  t: { callRowId: string; agencyId: string; number: string; slipId: string | null; by: string; at: Date },
): Promise<string> {
  return insertedId(
    db,
    sql`insert into call_transfers (call_id, agency_id, number, slip_id, requested_by, requested_at)
        values (${t.callRowId}, ${t.agencyId}, ${t.number}, ${t.slipId}, ${t.by}, ${t.at.toISOString()}) returning id`,
    "transfer",
  );
}

export async function setTransferResult(
  db: Executor,
  id: string,
  r: { result: TransferRow["result"]; cause: string | null; at: Date },
): Promise<void> {
  await db.execute(
    sql`update call_transfers set result = ${r.result}, cause = ${r.cause}, result_at = ${r.at.toISOString()}
        where id = ${id} and result is null`,
  );
}

// ---------- recordings ----------

export const recordingRow = z.object({
  call_id: z.string(),
  url: z.string(),
  sha256: z.string(),
  bytes: col.number,
  mime: z.string(),
  status: z.enum(["pending", "stored", "refused", "failed", "deleted"]),
  attempts: col.number,
  next_attempt_at: col.timestamp,
  last_error: z.string().nullable(),
  stored_at: col.nullableTimestamp,
});
export type RecordingRow = z.infer<typeof recordingRow>;

const recordingCols = sql`call_id, url, sha256, bytes, mime, status, attempts, next_attempt_at, last_error, stored_at`;

export const findRecording = (db: Executor, callRowId: string) =>
  selectOne(db, recordingRow, sql`select ${recordingCols} from call_recordings where call_id = ${callRowId}`);

/** Announces a recording once per call; a second announcement changes nothing. */
export async function insertRecording(
  db: Executor,
  r: {
    callRowId: string;
    url: string;
    sha256: string;
    bytes: number;
    mime: string;
    status: "pending" | "refused";
    error: string | null;
    at: Date;
  },
): Promise<void> {
  await db.execute(
    sql`insert into call_recordings (call_id, url, sha256, bytes, mime, status, next_attempt_at, last_error)
        values (${r.callRowId}, ${r.url}, ${r.sha256}, ${r.bytes}, ${r.mime}, ${r.status}, ${r.at.toISOString()}, ${r.error})
        on conflict (call_id) do nothing`,
  );
}

/** Claims due recordings for one pass: their next attempt moves by the lease so no other pass takes them. */
export const claimDueRecordings = (db: Executor, now: Date, leaseUntil: Date, limit: number) =>
  select(
    db,
    recordingRow,
    sql`update call_recordings set next_attempt_at = ${leaseUntil.toISOString()}
        where call_id in (select call_id from call_recordings where status = 'pending' and next_attempt_at <= ${now.toISOString()}
                          order by next_attempt_at limit ${limit} for update skip locked)
        returning ${recordingCols}`,
  );

export async function storeRecording(
  db: Executor,
  callRowId: string,
  content: Buffer,
  at: Date,
): Promise<void> {
  await db.execute(
    sql`update call_recordings set status = 'stored', content = ${byteaOf(content)},
          stored_at = ${at.toISOString()}, attempts = attempts + 1, last_error = null
        where call_id = ${callRowId} and status = 'pending'`,
  );
}

export async function retryRecording(
  db: Executor,
  callRowId: string,
  r: { error: string; next: Date; final: boolean },
): Promise<void> {
  await db.execute(
    sql`update call_recordings set attempts = attempts + 1, last_error = ${r.error.slice(0, 1000)},
          next_attempt_at = ${r.next.toISOString()}, status = case when ${r.final} then 'failed' else status end
        where call_id = ${callRowId} and status = 'pending'`,
  );
}

export async function refuseRecording(db: Executor, callRowId: string, error: string): Promise<void> {
  await db.execute(
    sql`update call_recordings set status = 'refused', attempts = attempts + 1, last_error = ${error.slice(0, 1000)}
        where call_id = ${callRowId} and status = 'pending'`,
  );
}

/** A slice of a stored recording (byte offsets inclusive), for range playback. */
export async function readRecordingSlice(
  db: Executor,
  callRowId: string,
  start: number,
  end: number,
): Promise<Buffer | undefined> {
  return selectValue(
    db,
    "slice",
    col.base64Bytes,
    sql`select ${base64Of(sql`substring(content from ${start + 1}::int for ${end - start + 1}::int)`)} as slice
        from call_recordings where call_id = ${callRowId} and status = 'stored'`,
  );
}

// ---------- retention ----------

/** Recordings of calls past the period, unless their request is on legal hold: content dropped. */
export const dropCallRecordings = (tx: Executor, cutoff: Date) =>
  select(
    tx,
    z.object({ call_id: z.string() }),
    sql`update call_recordings cr set status = 'deleted', content = null
        from calls c left join requests r on r.id = c.request_id
        where c.id = cr.call_id and cr.status = 'stored' and c.started_at < ${cutoff.toISOString()}
          and (r.id is null or r.legal_hold_at is null)
        returning cr.call_id`,
  ).then((rows) => rows.length);

/** Calls tied to no request, ended before the period: deleted with their transfers and recordings. */
export async function deleteUnlinkedCalls(tx: Executor, cutoff: Date): Promise<number> {
  const old = sql`select id from calls where request_id is null and ended_at is not null and ended_at < ${cutoff.toISOString()}
                  and id not in (select callback_of from calls where callback_of is not null)`;
  await tx.execute(sql`delete from call_recordings where call_id in (${old})`);
  await tx.execute(sql`delete from call_transfers where call_id in (${old})`);
  await tx.execute(
    sql`delete from cti_events where call_id in (select call_id from calls where id in (${old}))`,
  );
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`delete from calls where id in (${old}) returning id`,
  );
  return rows.length;
}

/** The staff member a switchboard names: by username, else by their registered phone. */
export const findAgent = (db: Executor, who: { username?: string; phone?: string | null }) =>
  selectOne(
    db,
    z.object({ id: z.string(), username: z.string(), full_name: z.string() }),
    sql`select id, username, full_name from users
        where active and (username = ${(who.username ?? "").toLowerCase()} or (${who.phone ?? null}::text is not null and phone = ${who.phone ?? null}))
        order by (username = ${(who.username ?? "").toLowerCase()}) desc limit 1`,
  );

/** The transfer still waiting for its result (the latest one of the call). */
export const findPendingTransfer = (db: Executor, callRowId: string) =>
  selectOne(
    db,
    transferRow,
    sql`${transferSelect} where t.call_id = ${callRowId} and t.result is null order by t.requested_at desc limit 1`,
  );

/** The call a request was saved from that is still live (answered, not hung up): a forward transfers it too. */
export const findLiveCallOfRequest = (db: Executor, requestId: string) =>
  selectOne(
    db,
    callRow,
    sql`${callSelect} where c.request_id = ${requestId} and c.status = 'answered' order by c.started_at desc limit 1`,
  );

/** The switchboard call a slip's transfer was made on, if any (its callId). */
export const findCallOfSlip = (db: Executor, slipId: string) =>
  selectOne(
    db,
    z.object({
      call_id: z.string(),
      result: z.enum(transferResults).nullable(),
      result_at: col.nullableTimestamp,
      ended_at: col.nullableTimestamp,
    }),
    sql`select c.call_id, t.result, t.result_at, c.ended_at from call_transfers t join calls c on c.id = t.call_id
        where t.slip_id = ${slipId} order by t.requested_at desc limit 1`,
  );
