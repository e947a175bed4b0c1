import { type CtiEvent, ctiEvent } from "../../shared/schemas/cti.js";
import { hostAllowed, parseHostList } from "../channels/cti/recording-fetch.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import {
  type CallRow,
  findAgent,
  findCall,
  findPendingTransfer,
  followCallbackOfCaller,
  insertCall,
  insertRecording,
  lockCall,
  reopenCallbackOfCaller,
  setTransferResult,
  updateCall,
} from "../db/repositories/call.repository.js";
import {
  claimEventId,
  listEventsOfCall,
  serializeCallEvents,
} from "../db/repositories/cti-event.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { findRequest } from "../db/repositories/request.repository.js";
import { updateSlip } from "../db/repositories/slip.repository.js";
import { normalizePhone } from "../domain/phone.js";
import type { CallLiveEvent, LiveBus, LiveEvent } from "./live-bus.js";
import { notifyRequester } from "./notify.js";

/** A number as stored: E.164 when it is a Vietnamese one, else as sent ("anonymous", an extension). */
export const callNumber = (n: string | undefined | null): string | null =>
  n ? (normalizePhone(n) ?? n.trim().slice(0, 64)) : null;

/** What to push to open consoles once the transaction has committed. */
interface Outcome {
  call?: CallLiveEvent;
  request?: LiveEvent;
}

/**
 * The switchboard's events (issue 12, docs/phone.md), each applied once: the eventId is claimed in
 * the same transaction as its effect, so a repeated event changes nothing. Only call.new starts a
 * call (as Zammad's generic CTI); another event for a call not started yet is kept (cti_events) and
 * applied, in the switchboard's order, when its call.new arrives — retried or out-of-order events
 * lose nothing, and a hang-up alone makes no call and no callback (docs/phone.md, 6 Dec 2026).
 */
export function createCtiEventHandler(ctx: AppContext, live: LiveBus) {
  async function lockedCall(tx: Executor, callId: string): Promise<CallRow | undefined> {
    await lockCall(tx, callId);
    return findCall(tx, callId);
  }

  /** call.new: the call starts; the events set aside for it before it are applied after it. */
  async function start(tx: Executor, e: Extract<CtiEvent, { event: "call.new" }>): Promise<Outcome> {
    const fresh = await insertCall(tx, {
      callId: e.callId,
      direction: e.direction,
      from: callNumber(e.from),
      to: callNumber(e.to),
      startedAt: new Date(e.at),
      callbackOf: e.callbackOf ?? null,
    });
    const call = await lockedCall(tx, e.callId);
    if (!call) throw new Error("call row missing after insert");
    let out: Outcome = { call: { callId: e.callId, agentId: call.agent_id, kind: "new" } };
    if (!fresh) return out;
    for (const { payload } of await listEventsOfCall(tx, e.callId, e.eventId)) {
      const early = ctiEvent.safeParse(payload);
      const now = await findCall(tx, e.callId);
      if (!early.success || early.data.event === "call.new" || !now) continue;
      const next = await applyTo(tx, now, early.data);
      out = { call: next.call ?? out.call, request: next.request ?? out.request };
    }
    return out;
  }

  async function apply(tx: Executor, e: CtiEvent): Promise<Outcome> {
    if (e.event === "call.new") return start(tx, e);
    const call = await lockedCall(tx, e.callId);
    // Not started (its call.new is late, or never comes): kept in cti_events until it does.
    if (!call) return {};
    return applyTo(tx, call, e);
  }

  async function agentOf(tx: Executor, name: string | undefined) {
    if (!name) return undefined;
    const agent = await findAgent(tx, { username: name, phone: normalizePhone(name) });
    return agent ? { agentId: agent.id, agentLabel: agent.full_name } : { agentId: null, agentLabel: name };
  }

  async function applyTo(
    tx: Executor,
    call: CallRow,
    e: Exclude<CtiEvent, { event: "call.new" }>,
  ): Promise<Outcome> {
    const at = new Date(e.at);
    const base = { callId: e.callId, agentId: call.agent_id };
    switch (e.event) {
      case "call.ringing": {
        const agent = await agentOf(tx, e.agent);
        // Rings at one of our operators: offered to that operator only (pickUp refuses the others).
        // An extension nobody has registered names no one: the call stays offered to every desk.
        if (agent?.agentId && call.status === "ringing") await updateCall(tx, e.callId, agent);
        return { call: { ...base, kind: "ringing", agentId: agent?.agentId ?? call.agent_id } };
      }
      case "call.answered": {
        const agent = await agentOf(tx, e.agent);
        await updateCall(tx, e.callId, { status: "answered", answeredAt: at, ...(agent ?? {}) });
        return { call: { ...base, kind: "answered", agentId: agent?.agentId ?? call.agent_id } };
      }
      case "call.hangup": {
        const answered = call.answered_at !== null || call.status === "answered";
        // A missed call joins the callback queue only with a caller's number (a withheld one, «Số ẩn»,
        // is listed without «Gọi lại»); one with none is nobody to call.
        const missed = !answered && call.direction === "in" && call.from_number !== null;
        await updateCall(tx, e.callId, {
          status: answered ? "ended" : "missed",
          endedAt: at,
          hangupCause: e.cause ?? null,
          ...(missed ? { callbackStatus: "waiting" } : {}),
        });
        // A callback that reached the caller takes the missed call off the queue, with the caller's
        // other missed calls before it.
        if (answered && call.callback_of_call_id) {
          await updateCall(tx, call.callback_of_call_id, { callbackStatus: null });
          await followCallbackOfCaller(tx, call.callback_of_call_id, { status: null, endedBy: at });
        }
        // One that did not reach them leaves the caller waiting for another try.
        if (!answered && call.callback_of_call_id)
          await reopenCallbackOfCaller(tx, call.callback_of_call_id, {
            endedBy: at,
            triedAt: call.started_at,
          });
        return { call: { ...base, kind: "ended" } };
      }
      case "call.recording.ready": {
        const allowed = hostAllowed(e.recording.url, parseHostList(ctx.config.CTI_RECORDING_HOSTS));
        const tooBig = e.recording.bytes > ctx.config.CTI_RECORDING_MAX_BYTES;
        await insertRecording(tx, {
          callRowId: call.id,
          ...e.recording,
          status: allowed && !tooBig ? "pending" : "refused",
          error: !allowed
            ? "Máy chủ không nằm trong danh sách cho phép (CTI_RECORDING_HOSTS)."
            : tooBig
              ? "Tệp ghi âm quá lớn."
              : null,
          at: ctx.clock.now(),
        });
        if (!allowed) ctx.logger.warn({ callId: e.callId }, "recording host not allowed; not fetched");
        return { call: { ...base, kind: "recording" } };
      }
      case "call.transfer.result":
        return transferResult(tx, call, e, at);
    }
  }

  /**
   * Art. 10.1–10.2: the result goes on the transfer and its slip; unless connected, the caller is
   * told to follow the portal (through the request's notification path) and the operator sees it.
   */
  async function transferResult(
    tx: Executor,
    call: CallRow,
    e: Extract<CtiEvent, { event: "call.transfer.result" }>,
    at: Date,
  ): Promise<Outcome> {
    const out: Outcome = {
      call: { callId: e.callId, agentId: call.agent_id, kind: "transfer_result", result: e.result },
    };
    const transfer = await findPendingTransfer(tx, call.id);
    if (!transfer) return out;
    await setTransferResult(tx, transfer.id, { result: e.result, cause: e.cause ?? null, at });
    const connected = e.result === "connected";
    if (transfer.slip_id)
      await updateSlip(tx, transfer.slip_id, { transferAttempt: connected ? "connected" : "failed" });
    if (!call.request_id) return out;
    const request = await findRequest(tx, call.request_id);
    if (!request) return out;
    const event = await appendEvent(tx, {
      actorLabel: "Tổng đài",
      entity: "request",
      entityId: request.id,
      requestId: request.id,
      kind: "call_transfer_result",
      at,
      data: {
        callId: e.callId,
        agencyCode: transfer.agency_code,
        number: transfer.number,
        result: e.result,
        cause: e.cause ?? null,
        slipId: transfer.slip_id,
      },
      publicNote: connected
        ? `Cuộc gọi đã được chuyển nối đến ${transfer.agency_name}.`
        : `Cuộc gọi chưa kết nối được với ${transfer.agency_name}; kết quả trả lời sẽ được công khai trên Cổng thông tin Tổng đài 1022.`,
    });
    if (!connected) {
      await notifyRequester(tx, {
        requestId: request.id,
        eventId: event.id,
        code: request.code,
        kind: "follow_portal",
        text: `Yêu cầu ${request.code} đã được chuyển đến ${transfer.agency_name} nhưng cuộc gọi chưa kết nối được. Vui lòng theo dõi kết quả trả lời trên Cổng thông tin Tổng đài 1022 bằng mã ${request.code}.`,
      });
    }
    out.request = {
      requestId: request.id,
      code: request.code,
      status: request.status,
      agencyId: request.agency_id,
      urgency: request.urgency,
      kind: "call_transfer_result",
    };
    return out;
  }

  return {
    /** Applies one verified event; `duplicate` when its eventId was seen before (nothing changed). */
    async receive(e: CtiEvent): Promise<{ duplicate: boolean }> {
      const outcome = await ctx.db.transaction(async (tx) => {
        const fresh = await claimEventId(tx, {
          eventId: e.eventId,
          callId: e.callId,
          event: e.event,
          at: new Date(e.at),
          payload: { ...e },
        });
        if (!fresh) return null;
        await serializeCallEvents(tx, e.callId);
        return apply(tx, e);
      });
      if (!outcome) return { duplicate: true };
      if (outcome.request) live.publish(outcome.request);
      if (outcome.call) live.publishCall(outcome.call);
      return { duplicate: false };
    },
  };
}
