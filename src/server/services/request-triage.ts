import { invalidField } from "../../shared/errors.js";
import { formatVnIso } from "../../shared/time.js";
import { markLinkAnswered } from "../db/repositories/mass-event.repository.js";
import { refusalReasonTable } from "../db/repositories/refusal-reason.repository.js";
import { insertAnswer, listOpenSlips, type SlipRow, updateSlip } from "../db/repositories/slip.repository.js";
import { attachToAnswer } from "./answer-attachments.js";
import { onKbAnswer, onReturned } from "./obligation-lifecycle.js";
import { withCooperating } from "./request-cooperation.js";
import {
  type Effect,
  type Handlers,
  requireAgency,
  type Step,
  sendSlipWithObligation,
} from "./request-steps.js";

/*
 * The hotline's decisions on a received request (Art. 9, 10): answer it from the Q&A base, refuse
 * it, forward it to an agency, or escalate it to the coordinator who names the agency.
 */

/**
 * Art. 10.1: putting the caller through is tried on a call only. A request taken on the phone must
 * say how the transfer went (400 VALIDATION otherwise); any other channel had no caller to put
 * through, so it is "not_attempted" whatever was sent.
 */
function transferAttemptOf(
  channel: string,
  attempt: SlipRow["transfer_attempt"] | undefined,
  liveCall: boolean,
): SlipRow["transfer_attempt"] {
  if (channel !== "phone") return "not_attempted";
  if (attempt) return attempt;
  // A call still on the line is put through by the switchboard, which reports the result (issue 12).
  if (liveCall) return "not_attempted";
  throw invalidField("transferAttempt", "Vui lòng chọn kết quả chuyển cuộc gọi.", { code: "required" });
}

/**
 * Sends a transfer slip to an agency (Art. 10.1, 10.4). The agency owes an answer within the
 * stored `answer` limit (Art. 10.3): that obligation's due time is also kept on the slip, never moved.
 */
async function sendSlip(s: Step, agencyId: string, attempt: SlipRow["transfer_attempt"]): Promise<Effect> {
  const agency = await requireAgency(s.tx, agencyId);
  const { slipId, dueAt } = await sendSlipWithObligation(s, agencyId, attempt);
  const failed = attempt === "failed";
  return {
    patch: { agencyId },
    data: { slipId, agencyId, agencyName: agency.name, transferAttempt: attempt, dueAt: formatVnIso(dueAt) },
    // Art. 10.2: when the live transfer failed, the requester follows the result on the portal.
    publicNote: failed
      ? `Đã chuyển đến ${agency.name}. Cuộc gọi chưa kết nối được với cơ quan; kết quả trả lời sẽ được công khai trên Cổng thông tin Tổng đài 1022.`
      : `Đã chuyển đến ${agency.name} để trả lời.`,
    notify: failed
      ? {
          kind: "follow_portal",
          text: `Yêu cầu ${s.row.code} đã được chuyển đến ${agency.name}. Vui lòng theo dõi kết quả trả lời trên Cổng thông tin Tổng đài 1022.`,
        }
      : { kind: "forwarded", text: `Yêu cầu ${s.row.code} đã được chuyển đến ${agency.name} để trả lời.` },
  };
}
export const triageHandlers: Handlers<
  "answer_from_kb" | "refuse" | "forward" | "escalate" | "assign_agency"
> = {
  async answer_from_kb(s, body) {
    const answerId = await insertAnswer(s.tx, {
      requestId: s.row.id,
      slipId: null,
      agencyId: null,
      authorId: s.actor.userId,
      source: "kb",
      kbEntryId: body.kbEntryId ?? null,
      givenByPhone: s.row.channel === "phone",
      body: body.answer,
      at: s.now,
    });
    await onKbAnswer(s.obligations, s.row.id, s.now);
    // Issue 19: the prepared answer of the mass event the request is linked to (its figures count it).
    if (body.massEventId && !(await markLinkAnswered(s.tx, s.row.id, body.massEventId, s.now))) {
      throw invalidField("massEventId", "Yêu cầu không thuộc sự kiện này.", { code: "not_linked" });
    }
    const files = await attachToAnswer(s, answerId, body.attachmentIds);
    return {
      data: {
        kbEntryId: body.kbEntryId ?? null,
        ...(body.massEventId ? { massEventId: body.massEventId } : {}),
        ...files,
      },
      publicNote: "Tổng đài 1022 đã trả lời yêu cầu.",
    };
  },
  async refuse(s, body) {
    const reason = await refusalReasonTable.findByCode(s.tx, body.reason);
    if (!reason?.active) {
      throw invalidField("reason", "Lý do từ chối không tồn tại.", {
        code: "unknown_reason",
        summary: "Lý do từ chối không hợp lệ.",
      });
    }
    // Every open slip — the lead's and cooperating ones (issue 19) — ends with the refusal; their
    // duty to respond is discharged like a return's.
    for (const slip of await listOpenSlips(s.tx, s.row.id)) {
      await updateSlip(s.tx, slip.id, { closedAt: s.now, status: "returned", returnReason: reason.text });
      if (slip.role === "cooperating") await onReturned(s.obligations, slip.id, s.now);
    }
    // Art. 9.2, 3.6: the requester is told at once, with the reason.
    return {
      patch: { refusalReasonId: reason.id, refusalNote: body.note ?? null },
      data: { reason: body.reason, note: body.note ?? null },
      publicNote: `Yêu cầu không được tiếp nhận. Lý do: ${reason.text}`,
      notify: { kind: "refused", text: `Yêu cầu ${s.row.code} không được tiếp nhận. Lý do: ${reason.text}` },
    };
  },
  forward: (s, body) =>
    sendSlip(
      s,
      body.agencyId,
      transferAttemptOf(s.row.channel, body.transferAttempt, s.liveCallId !== null),
    ).then((e) => withCooperating(s, e, body)),
  async escalate(_s, body) {
    return { data: { note: body.note }, publicNote: "Đang xác định cơ quan có thẩm quyền trả lời." };
  },
  // Art. 10.4: after the coordinator names the agency, the slip goes there and the requester is told.
  assign_agency: (s, body) =>
    sendSlip(s, body.agencyId, "not_attempted").then((e) => withCooperating(s, e, body)),
};
