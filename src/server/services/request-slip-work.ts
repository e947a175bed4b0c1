import { invalidField } from "../../shared/errors.js";
import { formatVnDateTime, formatVnIso } from "../../shared/time.js";
import { findCallOfSlip } from "../db/repositories/call.repository.js";
import {
  findLatestProgressAt,
  insertAnswer,
  insertProgress,
  updateSlip,
} from "../db/repositories/slip.repository.js";
import { phoneAnswerMoment, phoneAnswerTimeRefusal, phoneAnswerViaRefusal } from "../domain/obligations.js";
import { attachToAnswer } from "./answer-attachments.js";
import {
  onPhoneAnswer,
  onProgress,
  onRecordedAnswer,
  onReturned,
  slipMetOnTime,
} from "./obligation-lifecycle.js";
import { type Handlers, requireSlip } from "./request-steps.js";

/*
 * The agency's work on the slip it holds (Art. 10.3, 14.6): answer by phone, verify, report
 * progress, record the answer, hand the slip back, or ask the requester for more.
 */

export const slipHandlers: Handlers<
  | "answer_by_phone"
  | "mark_verifying"
  | "post_progress"
  | "record_answer"
  | "return_to_coordinator"
  | "ask_requester"
> = {
  // Art. 10.3: the 4 working hours to record the answer run from the moment the agency answered on
  // the phone (stated by the focal point), on a connected transfer or a call back; no earlier
  // deadline moves.
  async answer_by_phone(s, body) {
    const slip = requireSlip(s.slip);
    const via = body.via ?? (slip.transfer_attempt === "connected" ? "transfer" : "call_back");
    const viaRefusal = phoneAnswerViaRefusal(via, slip.transfer_attempt, s.row.requester_phone);
    if (viaRefusal) {
      throw invalidField("via", viaRefusal.message, { error: "INVALID_TRANSITION", code: viaRefusal.code });
    }
    // On a transfer the switchboard put through, the answer names that call (issue 12) and falls
    // within it (phoneAnswerMoment, phoneAnswerTimeRefusal).
    const call = via === "transfer" ? await findCallOfSlip(s.tx, slip.id) : undefined;
    const connected =
      call?.result === "connected" && call.result_at
        ? { connectedAt: call.result_at, endedAt: call.ended_at }
        : null;
    const answeredAt = phoneAnswerMoment(
      body.answeredAt ? new Date(body.answeredAt) : null,
      connected,
      s.now,
    );
    const progress = await findLatestProgressAt(s.tx, slip.id);
    const timeRefusal = phoneAnswerTimeRefusal(
      answeredAt,
      new Date(slip.sent_at),
      s.now,
      progress?.at ?? null,
      connected,
    );
    if (timeRefusal) {
      throw invalidField("answeredAt", timeRefusal.message, { code: timeRefusal.code });
    }
    const ref = { requestId: s.row.id, slipId: slip.id, agencyId: slip.agency_id };
    const dueAt = await onPhoneAnswer(s.obligations, ref, answeredAt);
    await updateSlip(s.tx, slip.id, { status: "phone_answered", phoneAnsweredAt: answeredAt });
    return {
      data: {
        slipId: slip.id,
        ...(call ? { callId: call.call_id } : {}),
        summary: body.summary ?? null,
        via,
        answeredAt: formatVnIso(answeredAt),
        dueAt: formatVnIso(dueAt),
      },
      // The requester sees who says they answered and when, so a call that never came can be told
      // to the hotline (sixteenth session).
      publicNote: `${slip.agency_name} cho biết đã trả lời qua điện thoại lúc ${formatVnDateTime(answeredAt)}; kết quả sẽ được công khai. Nếu chưa nhận được cuộc gọi này, vui lòng báo Tổng đài 1022.`,
    };
  },
  async mark_verifying(s, body) {
    const slip = requireSlip(s.slip);
    await updateSlip(s.tx, slip.id, { status: "verifying" });
    const text = `Yêu cầu ${s.row.code} cần được xác minh, kiểm tra. ${slip.agency_name} sẽ trả lời trước ${formatVnDateTime(slip.due_at)}.`;
    return {
      data: { slipId: slip.id, note: body.note },
      publicNote: `${slip.agency_name} đang xác minh, kiểm tra thông tin; hẹn trả lời trước ${formatVnDateTime(slip.due_at)}.`,
      notify: { kind: "verifying", text },
    };
  },
  async post_progress(s, body) {
    const slip = requireSlip(s.slip);
    const appointmentAt = new Date(body.appointmentAt);
    if (appointmentAt <= s.now) {
      throw invalidField("appointmentAt", "Thời gian hẹn trả lời phải ở tương lai.", { code: "in_past" });
    }
    await onProgress(
      s.obligations,
      { requestId: s.row.id, slipId: slip.id, agencyId: slip.agency_id },
      appointmentAt,
    );
    await insertProgress(s.tx, {
      requestId: s.row.id,
      slipId: slip.id,
      authorId: s.actor.userId,
      note: body.note,
      appointmentAt,
      at: s.now,
    });
    await updateSlip(s.tx, slip.id, { appointmentAt });
    const text = `Tiến độ xử lý: ${body.note} Hẹn trả lời trước ${formatVnDateTime(appointmentAt)}.`;
    return {
      data: { slipId: slip.id, appointmentAt: formatVnIso(appointmentAt) },
      publicNote: text,
      notify: { kind: "progress", text: `Yêu cầu ${s.row.code}. ${text}` },
    };
  },
  async record_answer(s, body) {
    const slip = requireSlip(s.slip);
    const answerId = await insertAnswer(s.tx, {
      requestId: s.row.id,
      slipId: slip.id,
      agencyId: slip.agency_id,
      authorId: s.actor.userId,
      source: "agency",
      givenByPhone: slip.status === "phone_answered",
      body: body.answer,
      at: s.now,
    });
    await updateSlip(s.tx, slip.id, { status: "answered", closedAt: s.now });
    const ref = { requestId: s.row.id, slipId: slip.id, agencyId: slip.agency_id };
    await onRecordedAnswer(s.obligations, ref, s.now);
    const onTime = await slipMetOnTime(s.tx, slip.id);
    const files = await attachToAnswer(s, answerId, body.attachmentIds);
    return {
      patch: { answeringAgencyId: slip.agency_id },
      data: { slipId: slip.id, onTime, ...files },
      publicNote: `${slip.agency_name} đã có kết quả trả lời.`,
    };
  },
  async return_to_coordinator(s, body) {
    const slip = requireSlip(s.slip);
    await updateSlip(s.tx, slip.id, { status: "returned", returnReason: body.reason, closedAt: s.now });
    await onReturned(s.obligations, slip.id, s.now);
    return {
      patch: { agencyId: null },
      data: { slipId: slip.id, agencyId: slip.agency_id, reason: body.reason },
      publicNote: "Đang xác định lại cơ quan có thẩm quyền trả lời.",
    };
  },
  // Art. 14.6: the focal point asks the requester for what is missing or unclear. The question goes
  // out on the request's channel (notify.ts decides where) and always shows on the follow page; the
  // request waits for the reply. The answer obligation keeps its due time (Art. 10.3).
  async ask_requester(s, body) {
    const slip = requireSlip(s.slip);
    return {
      patch: { awaitingRequesterSince: s.now },
      data: { slipId: slip.id, message: body.message },
      publicNote: `${slip.agency_name} đề nghị bạn bổ sung thông tin.`,
      notify: {
        kind: "question",
        text: `${slip.agency_name} cần bạn bổ sung thông tin cho yêu cầu ${s.row.code}:\n\n${body.message}\n\nVui lòng trả lời ngay thư hoặc tin nhắn này, hoặc trả lời trên trang tra cứu: ${s.followUrl}`,
      },
      question: body.message,
    };
  },
};
