import type { z } from "zod";
import { AppError, invalidField } from "../../shared/errors.js";
import type { actionBodies } from "../../shared/schemas/requests.js";
import { formatVnIso } from "../../shared/time.js";
import { insertContribution } from "../db/repositories/cooperation.repository.js";
import { findOpenSlipOfAgency, updateSlip } from "../db/repositories/slip.repository.js";
import { onContribution, slipMetOnTime } from "./obligation-lifecycle.js";
import {
  type Effect,
  requireAgency,
  requireSlip,
  type Step,
  sendSlipWithObligation,
} from "./request-steps.js";
import { notifyStaff } from "./staff-notification.service.js";

/**
 * Several agencies on one request (issue 19): cooperating slips sent with the lead's or asked for
 * later, and a cooperating agency's contribution. Each cooperating slip has its own answer
 * obligation (Art. 10.3), met by the contribution (docs/obligations.md).
 */
type Body<A extends "request_cooperation" | "contribute"> = z.infer<(typeof actionBodies)[A]>;

/**
 * Issue 19: slips to cooperating agencies, each with its own answer obligation from now (Art. 10.3:
 * 8 working hours after that agency receives its slip). The lead agency cannot cooperate with
 * itself, and an agency already holding an open slip on the request gets no second one.
 */
async function sendCooperatingSlips(
  s: Step,
  agencyIds: readonly string[],
  leadAgencyId: string | null,
): Promise<{ slipId: string; agencyId: string; agencyName: string; dueAt: string }[]> {
  const sent = [];
  for (const agencyId of agencyIds) {
    const agency = await requireAgency(s.tx, agencyId);
    const refusal =
      agencyId === leadAgencyId
        ? "Cơ quan chủ trì không đồng thời là cơ quan phối hợp."
        : (await findOpenSlipOfAgency(s.tx, s.row.id, agencyId))
          ? `${agency.name} đang có phiếu chuyển mở cho yêu cầu này.`
          : null;
    if (refusal) {
      throw invalidField("cooperatingAgencyIds", refusal, { code: "already_involved" });
    }
    const { slipId, dueAt } = await sendSlipWithObligation(s, agencyId, "not_attempted", "cooperating");
    sent.push({ slipId, agencyId, agencyName: agency.name, dueAt: formatVnIso(dueAt) });
  }
  // The cooperating agencies' focal points find the request on their bell (and in their inbox).
  await notifyStaff(
    s.tx,
    { kind: "cooperation_requested", requestId: s.row.id, by: s.actor.userId, agencyIds: agencyIds },
    s.now,
  );
  return sent;
}

/** Forward or assign: after the lead slip (`e`), the cooperating ones, in the same transition. */
export async function withCooperating(
  s: Step,
  e: Effect,
  body: { agencyId: string; note?: string; cooperatingAgencyIds?: string[] },
): Promise<Effect> {
  const ids = body.cooperatingAgencyIds ?? [];
  const cooperating = ids.length > 0 ? await sendCooperatingSlips(s, ids, body.agencyId) : [];
  return {
    ...e,
    data: { ...e.data, note: body.note ?? null, ...(cooperating.length > 0 ? { cooperating } : {}) },
    publicNote:
      cooperating.length > 0 && e.publicNote
        ? `${e.publicNote} Cơ quan phối hợp: ${cooperating.map((c) => c.agencyName).join(", ")}.`
        : e.publicNote,
  };
}

/** The transitions of issue 19, merged into the state machine's handlers. */
export const cooperationHandlers = {
  // Issue 19: the lead agency (or the coordinator) asks more agencies to cooperate; internal, so
  // the requester's history does not change.
  async request_cooperation(s: Step, body: Body<"request_cooperation">): Promise<Effect> {
    const lead = requireSlip(s.slip);
    const cooperating = await sendCooperatingSlips(s, body.agencyIds, lead.agency_id);
    return { data: { leadSlipId: lead.id, note: body.note, cooperating } };
  },
  // Issue 19: a cooperating agency's contribution closes its slip and meets its answer obligation
  // (on time or late against its own 8 working hours); the lead sees it on the request page.
  async contribute(s: Step, body: Body<"contribute">): Promise<Effect> {
    const slip = s.slip;
    if (slip?.role !== "cooperating") {
      throw new AppError(
        "INVALID_TRANSITION",
        "Cơ quan của bạn không có phiếu phối hợp đang mở cho yêu cầu này.",
      );
    }
    const contributionId = await insertContribution(s.tx, {
      requestId: s.row.id,
      slipId: slip.id,
      agencyId: slip.agency_id,
      authorId: s.actor.userId,
      body: body.contribution,
      at: s.now,
    });
    await updateSlip(s.tx, slip.id, { status: "contributed", closedAt: s.now });
    await onContribution(s.obligations, slip.id, s.now);
    const onTime = await slipMetOnTime(s.tx, slip.id);
    return { data: { slipId: slip.id, agencyId: slip.agency_id, contributionId, onTime } };
  },
};
