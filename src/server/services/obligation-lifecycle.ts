import { AppError } from "../../shared/errors.js";
import type { Executor } from "../db/client.js";
import {
  findOpenPublishObligation,
  findSlipObligation,
  insertObligation,
  listOpenSlipObligations,
  meetObligation,
  type ObligationRow,
} from "../db/repositories/obligation.repository.js";
import { insertHandling } from "../db/repositories/slip-handling.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import { arising, metOnTime, progressRefusal, type TimeLimits } from "../domain/obligations.js";

/**
 * How the request lifecycle creates and meets obligations (migration 0007 header). Called inside
 * the transaction of the action (request-actions.service.ts) and by the history import, so live and
 * imported requests follow the same rules. Nothing here moves a deadline: obligations are inserted
 * with their due time and afterwards only met.
 */
export interface ObligationEnv {
  tx: Executor;
  limits: TimeLimits;
  calendar: WorkingCalendar;
  /** When the change is recorded (the clock), distinct from when a duty was met (e.g. a stated phone answer). */
  now: Date;
  /** Who acts (met_by); null for the system or an import. */
  by: string | null;
}

export interface SlipRef {
  requestId: string;
  slipId: string;
  agencyId: string;
}

/** Art. 10.3: the slip is sent → the agency owes an answer within the `answer` limit. */
export async function openAnswerObligation(env: ObligationEnv, slip: SlipRef, sentAt: Date): Promise<Date> {
  const o = arising("answer", sentAt, env.limits, env.calendar);
  await insertObligation(env.tx, { ...slip, ...o, createdAt: env.now });
  return o.dueAt;
}

/**
 * The progress obligation of a slip whose answer obligation passed its due time unmet: starts at
 * that due time (idempotent: one per slip).
 */
export async function ensureProgressObligation(env: ObligationEnv, answer: ObligationRow): Promise<string> {
  if (!answer.slip_id || !answer.agency_id) throw new Error("an answer obligation belongs to a slip");
  const o = arising("progress", answer.due_at, env.limits, env.calendar);
  return insertObligation(env.tx, {
    requestId: answer.request_id,
    slipId: answer.slip_id,
    agencyId: answer.agency_id,
    ...o,
    parentId: answer.id,
    createdAt: env.now,
  });
}

/**
 * The first answer of a slip (stated phone answer or recorded answer) meets its answer obligation
 * at `at` — late when after its due time. A late answer also discharges the progress duty that had
 * arisen (a reply is the fullest progress report), met at the same instant.
 */
async function meetAnswer(env: ObligationEnv, slipId: string, at: Date): Promise<void> {
  const answer = await findSlipObligation(env.tx, slipId, "answer");
  if (!answer || answer.met_at || answer.waived_at) return;
  await meetObligation(env.tx, answer.id, at, env.by);
  // The handling time the reports' quantiles read (migration 0022): from the sending — where an
  // answer obligation starts — to this first answer, in working hours.
  await insertHandling(env.tx, {
    slipId,
    obligationId: answer.id,
    sentAt: answer.starts_at,
    workingHours: env.calendar.workingHoursBetween(answer.starts_at, at),
  });
  if (at.getTime() > answer.due_at.getTime()) {
    const progressId = await ensureProgressObligation(env, answer);
    await meetObligation(env.tx, progressId, at, env.by);
  }
}

/**
 * Art. 10.3: answered on the phone at `answeredAt` → the answer obligation is met then, and the
 * answer must be recorded within the `record_after_phone` limit from that moment.
 */
export async function onPhoneAnswer(env: ObligationEnv, slip: SlipRef, answeredAt: Date): Promise<Date> {
  await meetAnswer(env, slip.slipId, answeredAt);
  const o = arising("record", answeredAt, env.limits, env.calendar);
  await insertObligation(env.tx, { ...slip, ...o, createdAt: env.now });
  return o.dueAt;
}

/**
 * Art. 10.3: a progress update with a new appointment, accepted only once the answer obligation
 * passed unmet. Meets the progress obligation and adds the appointment as its own obligation.
 */
export async function onProgress(env: ObligationEnv, slip: SlipRef, appointmentAt: Date): Promise<void> {
  const answer = await findSlipObligation(env.tx, slip.slipId, "answer");
  const refusal = progressRefusal(
    answer && { dueAt: answer.due_at, metAt: answer.met_at, waivedAt: answer.waived_at },
    env.now,
  );
  if (refusal || !answer) throw new AppError("INVALID_TRANSITION", refusal ?? undefined);
  const progressId = await ensureProgressObligation(env, answer);
  await meetObligation(env.tx, progressId, env.now, env.by);
  await insertObligation(env.tx, {
    ...slip,
    kind: "appointment",
    startsAt: env.now,
    limitHours: null,
    dueAt: appointmentAt,
    parentId: progressId,
    createdAt: env.now,
  });
}

/**
 * The answer is recorded: meets the answer (if still open), the record obligation and the open
 * appointments at `at`; the agency now owes publication (Art. 12.2).
 */
export async function onRecordedAnswer(env: ObligationEnv, slip: SlipRef, at: Date): Promise<void> {
  await meetAnswer(env, slip.slipId, at);
  for (const o of await listOpenSlipObligations(env.tx, slip.slipId)) {
    if (o.kind === "record" || o.kind === "appointment") await meetObligation(env.tx, o.id, at, env.by);
  }
  const p = arising("publish", at, env.limits, env.calendar);
  await insertObligation(env.tx, { ...slip, slipId: null, ...p, createdAt: env.now });
}

/** Art. 10.1, 12.1: the operator answered from the Q&A base → the hotline owes publication. */
export async function onKbAnswer(env: ObligationEnv, requestId: string, at: Date): Promise<void> {
  const p = arising("publish", at, env.limits, env.calendar);
  await insertObligation(env.tx, { requestId, slipId: null, agencyId: null, ...p, createdAt: env.now });
}

/**
 * Publication meets the open publish obligation: the first answer's, or — after "not resolved"
 * reopened the request and it was answered again — the new answer's own (issue 19). Publishing
 * again after a takedown finds none open: the duty was met by the first publication.
 */
export async function onPublished(env: ObligationEnv, requestId: string, at: Date): Promise<void> {
  const p = await findOpenPublishObligation(env.tx, requestId);
  if (p) await meetObligation(env.tx, p.id, at, env.by);
}

/**
 * The slip is returned to the coordinator (not competent): the duty to respond is discharged by the
 * return, so its answer obligation — and any progress or appointment that arose from it — is met.
 */
export async function onReturned(env: ObligationEnv, slipId: string, at: Date): Promise<void> {
  for (const o of await listOpenSlipObligations(env.tx, slipId)) {
    if (o.kind === "answer" || o.kind === "progress" || o.kind === "appointment")
      await meetObligation(env.tx, o.id, at, env.by);
  }
}

/**
 * Issue 19: a cooperating agency's contribution is its answer to its own slip: it meets that slip's
 * answer obligation at `at` (late when after its due time, Art. 10.3) and any progress or appointment
 * the slip owed. No publication duty arises: the lead agency records and publishes the one answer.
 */
export async function onContribution(env: ObligationEnv, slipId: string, at: Date): Promise<void> {
  await meetAnswer(env, slipId, at);
  for (const o of await listOpenSlipObligations(env.tx, slipId)) {
    if (o.kind === "progress" || o.kind === "appointment") await meetObligation(env.tx, o.id, at, env.by);
  }
}

/** Whether a slip's answer (and, after a phone answer, its recording) came on time. */
export async function slipMetOnTime(tx: Executor, slipId: string): Promise<boolean> {
  // In turn: a transaction is one connection, which runs one query at a time.
  const answer = await findSlipObligation(tx, slipId, "answer");
  const record = await findSlipObligation(tx, slipId, "record");
  const ok = (o: ObligationRow | undefined) =>
    !o || o.waived_at !== null || metOnTime({ dueAt: o.due_at, metAt: o.met_at, waivedAt: o.waived_at });
  return ok(answer) && ok(record);
}
