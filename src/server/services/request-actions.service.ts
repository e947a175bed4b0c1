import type { z } from "zod";
import { AppError } from "../../shared/errors.js";
import { type Actor, can } from "../../shared/permissions.js";
import { normalizeText, REDACTION_MARK, type RedactedSpan } from "../../shared/redaction.js";
import type { RequestAction, RequestStatus } from "../../shared/request-status.js";
import { type actionBodies, channelSchema, type RequestDetail } from "../../shared/schemas/requests.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { findCallOfSlip } from "../db/repositories/call.repository.js";
import { insertMessage } from "../db/repositories/conversation.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { markLinkAnswered } from "../db/repositories/mass-event.repository.js";
import { findRefusalReasonByCode } from "../db/repositories/refusal-reason.repository.js";
import {
  findRequest,
  lockRequest,
  type RequestRow,
  updateRequest,
} from "../db/repositories/request.repository.js";
import {
  findOpenSlip,
  findOpenSlipOfAgency,
  insertAnswer,
  insertProgress,
  insertSlip,
  listAnswers,
  listOpenSlips,
  type SlipRow,
  updateSlip,
} from "../db/repositories/slip.repository.js";
import { phoneAnswerTimeRefusal, phoneAnswerViaRefusal } from "../domain/obligations.js";
import { assertNoPersonalData } from "../domain/personal-data.js";
import { answerOwner, assertRedactionOnly, isPublished } from "../domain/publication.js";
import { nextStatus, stillAwaitingRequester } from "../domain/request-state.js";
import { attachToAnswer, publishAttachments } from "./answer-attachments.js";
import { askForFeedback } from "./feedback.service.js";
import { notifyRequester } from "./notify.js";
import {
  onKbAnswer,
  onPhoneAnswer,
  onProgress,
  onPublished,
  onRecordedAnswer,
  onReturned,
  openAnswerObligation,
  slipMetOnTime,
} from "./obligation-lifecycle.js";
import {
  assertCanRead,
  cooperatingActions,
  mayAttempt,
  permissionOn,
  type RequestServiceDeps,
} from "./request.service.js";
import { cooperationHandlers, withCooperating } from "./request-cooperation.js";
import { mergeEffect, relayToJoined } from "./request-merge.js";
import { type Effect, requireAgency, requireSlip, type Step } from "./request-steps.js";
import { readTimeLimits } from "./time-limits.service.js";

type Bodies = { [A in RequestAction]: z.infer<(typeof actionBodies)[A]> };

const vnTime = (d: Date) => {
  const s = formatVnIso(d);
  return `${s.slice(11, 16)} ngày ${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
};

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
  throw new AppError("VALIDATION", "Vui lòng chọn kết quả chuyển cuộc gọi.", {
    details: [
      { field: "transferAttempt", code: "required", message: "Vui lòng chọn kết quả chuyển cuộc gọi." },
    ],
  });
}

/**
 * Sends a transfer slip to an agency (Art. 10.1, 10.4). The agency owes an answer within the
 * stored `answer` limit (Art. 10.3): that obligation's due time is also kept on the slip, never moved.
 */
async function sendSlip(s: Step, agencyId: string, attempt: SlipRow["transfer_attempt"]): Promise<Effect> {
  const agency = await requireAgency(s.tx, agencyId);
  const dueAt = s.calendar.addWorkingHours(s.now, s.obligations.limits.answer);
  const slipId = await insertSlip(s.tx, {
    requestId: s.row.id,
    agencyId,
    sentBy: s.actor.userId,
    sentAt: s.now,
    transferAttempt: attempt,
    dueAt,
  });
  await openAnswerObligation(s.obligations, { requestId: s.row.id, slipId, agencyId }, s.now);
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

const handlers: { [A in RequestAction]: (s: Step, body: Bodies[A]) => Promise<Effect> } = {
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
      throw new AppError("VALIDATION", "Yêu cầu không thuộc sự kiện này.", {
        details: [{ field: "massEventId", code: "not_linked", message: "Yêu cầu không thuộc sự kiện này." }],
      });
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
    const reason = await findRefusalReasonByCode(s.tx, body.reason);
    if (!reason?.active) {
      throw new AppError("VALIDATION", "Lý do từ chối không hợp lệ.", {
        details: [{ field: "reason", code: "unknown_reason", message: "Lý do từ chối không tồn tại." }],
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
  // Art. 10.3: the 4 working hours to record the answer run from the moment the agency answered on
  // the phone (stated by the focal point), on a connected transfer or a call back; no earlier
  // deadline moves.
  async answer_by_phone(s, body) {
    const slip = requireSlip(s.slip);
    const answeredAt = body.answeredAt ? new Date(body.answeredAt) : s.now;
    const timeRefusal = phoneAnswerTimeRefusal(answeredAt, new Date(slip.sent_at), s.now);
    if (timeRefusal) {
      throw new AppError("VALIDATION", timeRefusal, {
        details: [{ field: "answeredAt", code: "out_of_range", message: timeRefusal }],
      });
    }
    const via = body.via ?? (slip.transfer_attempt === "connected" ? "transfer" : "call_back");
    const viaRefusal = phoneAnswerViaRefusal(via, slip.transfer_attempt);
    if (viaRefusal) throw new AppError("INVALID_TRANSITION", viaRefusal);
    const ref = { requestId: s.row.id, slipId: slip.id, agencyId: slip.agency_id };
    const dueAt = await onPhoneAnswer(s.obligations, ref, answeredAt);
    await updateSlip(s.tx, slip.id, { status: "phone_answered", phoneAnsweredAt: answeredAt });
    // On a transfer the switchboard put through, the answer names that call (issue 12).
    const call = via === "transfer" ? await findCallOfSlip(s.tx, slip.id) : undefined;
    return {
      data: {
        slipId: slip.id,
        ...(call ? { callId: call.call_id } : {}),
        summary: body.summary ?? null,
        via,
        answeredAt: formatVnIso(answeredAt),
        dueAt: formatVnIso(dueAt),
      },
      publicNote: "Cơ quan đã trả lời qua điện thoại; kết quả sẽ được công khai.",
    };
  },
  async mark_verifying(s, body) {
    const slip = requireSlip(s.slip);
    await updateSlip(s.tx, slip.id, { status: "verifying" });
    const text = `Yêu cầu ${s.row.code} cần được xác minh, kiểm tra. ${slip.agency_name} sẽ trả lời trước ${vnTime(slip.due_at)}.`;
    return {
      data: { slipId: slip.id, note: body.note },
      publicNote: `${slip.agency_name} đang xác minh, kiểm tra thông tin; hẹn trả lời trước ${vnTime(slip.due_at)}.`,
      notify: { kind: "verifying", text },
    };
  },
  async post_progress(s, body) {
    const slip = requireSlip(s.slip);
    const appointmentAt = new Date(body.appointmentAt);
    if (appointmentAt <= s.now) {
      throw new AppError("VALIDATION", "Thời gian hẹn trả lời phải ở tương lai.", {
        details: [
          { field: "appointmentAt", code: "in_past", message: "Thời gian hẹn trả lời phải ở tương lai." },
        ],
      });
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
    const text = `Tiến độ xử lý: ${body.note} Hẹn trả lời trước ${vnTime(appointmentAt)}.`;
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
  // Art. 12, 14.7: whoever answered publishes (checked in act, permissionOn); the texts are the
  // requester's question and that answer, redacted for personal data only.
  async publish(s, body) {
    const answer = s.answer;
    if (!answer) throw new AppError("INVALID_TRANSITION", "Yêu cầu chưa có kết quả trả lời để công khai.");
    const question = normalizeText(body.publicQuestion ?? s.row.content);
    const text = normalizeText(body.publicAnswer ?? answer.body);
    const redactions = {
      publicQuestion: assertRedactionOnly("publicQuestion", s.row.content, question),
      publicAnswer: assertRedactionOnly("publicAnswer", answer.body, text),
    };
    // Art. 12, R-PU1: the published text carries nobody's personal data; what the publisher
    // confirms is not personal is recorded in the event, with who confirmed it (issue 13).
    const confirmedNotPersonal = assertNoPersonalData(
      { publicQuestion: question, publicAnswer: text },
      {
        fullName: s.row.requester_name,
        phone: s.row.requester_phone,
        email: s.row.requester_email,
        address: s.row.requester_address,
      },
      { confirmed: body.confirmedNotPersonal },
    );
    // Issue 19: its public attachments go out with it, each confirmed checked by the publisher.
    const files = await publishAttachments(s, answer.id, body.attachmentsChecked);
    await onPublished(s.obligations, s.row.id, s.now);
    const agencyName = s.row.answering_agency_name ?? "Tổng đài 1022";
    // The history keeps the redaction as a diff: each hidden span, before and after.
    const diff = (spans: RedactedSpan[]) =>
      spans.map((r) => ({ start: r.start, end: r.end, before: r.text, after: REDACTION_MARK }));
    return {
      patch: {
        publicQuestion: question,
        publicAnswer: text,
        publishedAt: s.now,
        takenDownAt: null,
        takedownReason: null,
      },
      data: {
        answerId: answer.id,
        publicId: s.row.public_id,
        onPortal: s.row.publish_consent,
        redactions: {
          publicQuestion: diff(redactions.publicQuestion),
          publicAnswer: diff(redactions.publicAnswer),
        },
        ...(confirmedNotPersonal.length > 0 ? { confirmedNotPersonal } : {}),
        ...files,
      },
      // Without the requester's consent nothing goes on the portal, so the history must not say so;
      // the requester still receives the answer.
      publicNote: s.row.publish_consent
        ? `Kết quả trả lời đã được công khai (${agencyName} chịu trách nhiệm về nội dung trả lời).`
        : null,
      notify: {
        kind: "answer_published",
        text: `Kết quả trả lời yêu cầu ${s.row.code}:\n${text}\n— ${agencyName}`,
      },
    };
  },
  // Art. 13: the coordinator takes the answer off the portal; the reason stays in the record.
  async takedown(s, body) {
    if (!isPublished(s.row)) {
      throw new AppError(
        "INVALID_TRANSITION",
        "Kết quả trả lời của yêu cầu này không có trên Cổng thông tin.",
      );
    }
    return {
      patch: { takenDownAt: s.now, takedownReason: body.reason, closedAt: null },
      data: { reason: body.reason, publicId: s.row.public_id },
      publicNote: s.row.publish_consent ? "Kết quả trả lời tạm gỡ khỏi Cổng thông tin để rà soát lại." : null,
    };
  },
  async close(s) {
    return { patch: { closedAt: s.now } };
  },
  ...cooperationHandlers,
  // Issue 19: a duplicate joins the request it repeats (request-merge.ts).
  async merge(s, body) {
    const { target: _target, ...effect } = await mergeEffect(s, body.intoId);
    return effect;
  },
};

export function createRequestActions(
  ctx: AppContext,
  deps: RequestServiceDeps,
  detail: (actor: Actor, row: RequestRow) => Promise<RequestDetail>,
) {
  return {
    /**
     * Runs one transition of the state machine in one transaction: lock, authorize on the
     * request's agency, check the version (a concurrent action → 409), apply, append the event,
     * enqueue the requester's notification; then push the change to open consoles.
     */
    async act<A extends RequestAction>(
      actor: Actor | null,
      id: string,
      action: A,
      body: Bodies[A],
    ): Promise<RequestDetail> {
      if (!actor) throw new AppError("UNAUTHENTICATED");
      if (!mayAttempt(actor, action)) throw new AppError("FORBIDDEN");
      const calendar = await deps.calendar();
      const liveCallId = action === "forward" ? ((await deps.calls?.liveCallOf(id)) ?? null) : null;
      const result = await ctx.db.transaction(async (tx) => {
        // A merge locks both requests, the lower id first, so two crossed merges cannot deadlock.
        const intoId = action === "merge" ? (body as Bodies["merge"]).intoId : null;
        if (intoId !== null && intoId < id) await lockRequest(tx, intoId);
        const locked = await lockRequest(tx, id);
        const row = locked ? await findRequest(tx, id) : undefined;
        if (!row) throw new AppError("NOT_FOUND");
        const reader = assertCanRead(actor, row);
        if (row.version !== body.version) throw new AppError("CONFLICT");
        const to: RequestStatus = nextStatus(row.status, action);
        const [answer] = await listAnswers(tx, id);
        // Issue 19: a cooperating agency acts on its own slip, checked against that slip's agency;
        // everything else acts on the lead slip.
        const own = reader.agencyId ? await findOpenSlipOfAgency(tx, id, reader.agencyId) : undefined;
        const slip =
          own?.role === "cooperating" && cooperatingActions.includes(action)
            ? own
            : await findOpenSlip(tx, id);
        const on = slip?.role === "cooperating" ? { agency_id: slip.agency_id } : row;
        const needed = permissionOn(action, on, answerOwner(answer));
        if (!needed || !can(reader, needed.action, { agencyId: needed.agencyId })) {
          // Publishing someone else's answer has its own code: the role may publish, not this answer.
          throw new AppError(action === "publish" ? "NOT_ANSWER_OWNER" : "FORBIDDEN");
        }
        const now = ctx.clock.now();
        const limits = await readTimeLimits(tx);
        const obligations = { tx, limits, calendar, now, by: reader.userId };
        const followUrl = new URL(`/tra-cuu?ma=${row.code}`, ctx.config.PUBLIC_URL).toString();
        const effect = await (handlers[action] as (s: Step, b: Bodies[A]) => Promise<Effect>)(
          { tx, actor: reader, row, slip, answer, now, calendar, obligations, followUrl, liveCallId },
          body,
        );
        // Art. 14.6: a change of status ends any wait for the requester.
        const waitEnds = row.awaiting_requester_since !== null && !stillAwaitingRequester(row.status, to);
        const ok = await updateRequest(tx, id, row.version, {
          ...(waitEnds ? { awaitingRequesterSince: null } : {}),
          ...effect.patch,
          status: to,
        });
        if (!ok) throw new AppError("CONFLICT");
        const event = await appendEvent(tx, {
          actor: reader,
          entity: "request",
          entityId: id,
          requestId: id,
          kind: action,
          fromStatus: row.status,
          toStatus: to,
          at: now,
          data: effect.data ?? {},
          publicNote: effect.publicNote ?? null,
        });
        const targets = effect.notify
          ? await notifyRequester(tx, { requestId: id, eventId: event.id, code: row.code, ...effect.notify })
          : [];
        // Issue 19: once published, the requester is asked whether the answer resolved the question.
        if (action === "publish") {
          await askForFeedback(tx, { requestId: id, code: row.code, eventId: event.id, followUrl });
        }
        // Issue 19: the requests that joined this one hear what its requester hears.
        if (row.joined_count > 0) {
          await relayToJoined(tx, {
            actor: reader,
            target: row,
            action,
            eventId: event.id,
            at: now,
            publicNote: effect.publicNote ?? null,
            notify: effect.notify,
          });
        }
        if (effect.question !== undefined) {
          await insertMessage(tx, {
            requestId: id,
            direction: "out",
            // The follow page always shows it; a channel of its own only when notify found one.
            channel: channelSchema.catch("portal").parse(targets[0]?.channel ?? "portal"),
            authorId: reader.userId,
            authorLabel: reader.fullName,
            body: effect.question,
            eventId: event.id,
            at: now,
          });
        }
        return { reader, slip: effect.data?.slipId, agencyId: effect.patch?.agencyId };
      });
      // Forwarding with the call on the line does both: the slip (committed) and the live transfer,
      // unless the operator already said how a transfer by hand went.
      if (
        liveCallId &&
        action === "forward" &&
        !(body as Bodies["forward"]).transferAttempt &&
        typeof result.slip === "string" &&
        typeof result.agencyId === "string"
      ) {
        await deps.calls?.transferWithSlip(result.reader, id, result.agencyId, result.slip);
      }
      const row = await findRequest(ctx.db, id);
      if (!row) throw new AppError("NOT_FOUND");
      deps.live.publish({
        requestId: row.id,
        code: row.code,
        status: row.status,
        agencyId: row.agency_id,
        cooperatingAgencyIds: row.cooperating_agency_ids,
        urgency: row.urgency,
        kind: action,
      });
      return detail(result.reader, row);
    },
  };
}
