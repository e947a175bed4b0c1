import type { z } from "zod";
import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { RequestAction } from "../../shared/request-status.js";
import type { actionBodies } from "../../shared/schemas/requests.js";
import type { Executor } from "../db/client.js";
import { findActiveAgency } from "../db/repositories/agency.repository.js";
import type { RequestPatch, RequestRow } from "../db/repositories/request.repository.js";
import {
  type AnswerRow,
  insertSlip,
  type SlipRole,
  type SlipRow,
} from "../db/repositories/slip.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";
import type { NotificationKind } from "./notify.js";
import { type ObligationEnv, openAnswerObligation } from "./obligation-lifecycle.js";

/**
 * What every transition handler shares (request-actions.service.ts and the handler files beside it): the
 * step it is given, the effect it returns, and the checks on the slip and agency it acts on.
 */
/** What one transition changes, beyond the status: computed inside the transaction. */
export interface Effect {
  patch?: RequestPatch;
  data?: Record<string, unknown>;
  publicNote?: string | null;
  notify?: { kind: NotificationKind; text: string };
  /** A question to the requester (Art. 14.6): kept in the conversation, beside its event and outbox rows. */
  question?: string;
}

/** What a transition's handler is given, inside the action's transaction. */
export interface Step {
  tx: Executor;
  actor: Actor;
  row: RequestRow;
  slip: SlipRow | undefined;
  /** The latest answer recorded on the request, if any. */
  answer: AnswerRow | undefined;
  now: Date;
  calendar: WorkingCalendar;
  /** Obligations are created and met through this (obligation-lifecycle.ts), in the same transaction. */
  obligations: ObligationEnv;
  /** The portal's follow page for this request, for messages that invite a reply there. */
  followUrl: string;
  /** The request's call still on the line, if any (issue 12). */
  liveCallId: string | null;
}

/** The body each action takes, as its schema parses it. */
export type Bodies = { [A in RequestAction]: z.infer<(typeof actionBodies)[A]> };

/** The handlers of some of the actions: each turns its step and body into the effect. */
export type Handlers<K extends RequestAction> = { [A in K]: (s: Step, body: Bodies[A]) => Promise<Effect> };

export function requireSlip(slip: SlipRow | undefined): SlipRow {
  if (!slip) throw new AppError("INVALID_TRANSITION", "Yêu cầu không có phiếu chuyển đang mở.");
  return slip;
}

/** 400 naming `field`: the agency it names does not exist or no longer takes requests. */
export const unknownAgency = (field: string) =>
  invalidField(field, "Cơ quan không tồn tại hoặc đã ngừng hoạt động.", {
    code: "unknown_agency",
    summary: "Cơ quan không hợp lệ.",
  });

export async function requireAgency(tx: Executor, id: string): Promise<{ id: string; name: string }> {
  const agency = await findActiveAgency(tx, id);
  if (!agency) throw unknownAgency("agencyId");
  return agency;
}

/**
 * Sends a slip to an agency (Art. 10.1, 10.4) with its answer obligation from now: the stored
 * `answer` limit (Art. 10.3). The obligation's due time is also kept on the slip, never moved.
 */
export async function sendSlipWithObligation(
  s: Step,
  agencyId: string,
  transferAttempt: SlipRow["transfer_attempt"],
  role?: SlipRole,
): Promise<{ slipId: string; dueAt: Date }> {
  const dueAt = s.calendar.addWorkingHours(s.now, s.obligations.limits.answer);
  const slipId = await insertSlip(s.tx, {
    requestId: s.row.id,
    agencyId,
    sentBy: s.actor.userId,
    sentAt: s.now,
    transferAttempt,
    dueAt,
    ...(role ? { role } : {}),
  });
  await openAnswerObligation(s.obligations, { requestId: s.row.id, slipId, agencyId }, s.now);
  return { slipId, dueAt };
}
