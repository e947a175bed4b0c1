import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { CallView } from "../../shared/schemas/calls.js";
import { dialableNumber } from "../../shared/schemas/cti.js";
import { formatVnIso, formatVnIsoOrNull } from "../../shared/time.js";
import { sendCtiCommand } from "../channels/cti/adapter-client.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { agencyTable } from "../db/repositories/agency.repository.js";
import {
  type CallRow,
  findCall,
  findLiveCallOfRequest,
  findRecording,
  followCallbackOfCaller,
  insertTransfer,
  listCallbackQueue,
  listCallsOfRequest,
  listLiveCalls,
  listTransfers,
  updateCall,
} from "../db/repositories/call.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { findRequest } from "../db/repositories/request.repository.js";
import { deliveryReason } from "../domain/delivery-reason.js";
import { normalizePhone } from "../domain/phone.js";
import { authorize } from "../policies/authorize.js";
import { createCallRecordings } from "./call-recordings.js";
import { createCtiEventHandler } from "./cti-events.js";
import type { LiveBus } from "./live-bus.js";
import { assertCanRead } from "./request-access.js";
import { unknownAgency } from "./request-steps.js";

/** What the operator reads when the switchboard cannot place a callback (no setting names, no host). */
export const callbackUnavailable =
  "Tổng đài chưa gọi lại được lúc này. Vui lòng thử lại sau; nếu vẫn không được, báo quản trị hệ thống.";

/** The agency's registered hotline in E.164 (Art. 10.1): the first number that is a real one. */
export function hotlineOf(numbers: string[]): string | null {
  for (const n of numbers) {
    const e164 = /^\+\d{6,15}$/.test(n) ? n : normalizePhone(n);
    if (e164) return e164;
  }
  return null;
}

async function viewOf(db: Executor, c: CallRow): Promise<CallView> {
  const [transfers, recording] = await Promise.all([listTransfers(db, c.id), findRecording(db, c.id)]);
  return {
    callId: c.call_id,
    from: c.from_number,
    to: c.to_number,
    direction: c.direction,
    status: c.status,
    startedAt: formatVnIso(c.started_at),
    answeredAt: formatVnIsoOrNull(c.answered_at),
    endedAt: formatVnIsoOrNull(c.ended_at),
    agent: c.agent_username ?? c.agent_label,
    agentName: c.agent_full_name ?? c.agent_label,
    requestCode: c.request_code,
    requestId: c.request_id,
    recording: recording
      ? {
          sha256: recording.sha256,
          bytes: recording.bytes,
          mime: recording.mime,
          status: recording.status,
          // Only the kind: the stored text may name CTI_RECORDING_HOSTS or the host (docs/phone.md).
          lastErrorReason: deliveryReason(recording.last_error),
        }
      : null,
    transfers: transfers.map((t) => ({
      agencyCode: t.agency_code,
      agencyName: t.agency_name,
      number: t.number,
      result: t.result,
      cause: t.cause,
      at: formatVnIso(t.result_at ?? t.requested_at),
    })),
    callback: c.callback_status,
    callbackTriedAt: c.callback_status ? formatVnIsoOrNull(c.callback_requested_at) : null,
  };
}

/** Why an operator may not take this call from the desk (409s with a stable code), if they may not. */
function assertCanPickUp(userId: string, call: CallRow): void {
  if (call.status !== "ringing" && call.status !== "answered") {
    throw new AppError("INVALID_TRANSITION", "Cuộc gọi đã kết thúc.");
  }
  if (call.request_id) {
    throw invalidField(
      "callId",
      `Cuộc gọi này đã được lưu thành yêu cầu ${call.request_code ?? ""}; không nhận lại được.`,
      {
        error: "INVALID_TRANSITION",
        code: "request_saved",
      },
    );
  }
  const colleague = call.agent_full_name ?? call.agent_label ?? "cán bộ khác";
  if (call.agent_id && call.agent_id !== userId && call.status === "ringing") {
    throw invalidField("callId", `Cuộc gọi đang đổ chuông ở máy của ${colleague}.`, {
      error: "CONFLICT",
      code: "ringing_elsewhere",
    });
  }
  if (call.agent_id && call.agent_id !== userId && call.status === "answered") {
    throw new AppError("CONFLICT", `Cuộc gọi đang do ${call.agent_label ?? "người khác"} nghe.`);
  }
}

/**
 * The switchboard seen from the console (issue 12, docs/phone.md): the calls, picking one up, the
 * live transfer to an agency's hotline with its result, callbacks of missed calls, recordings.
 */
export function createCallService(ctx: AppContext, live: LiveBus) {
  const events = createCtiEventHandler(ctx, live);
  const recordings = createCallRecordings(ctx, live);

  async function requireCall(callId: string): Promise<CallRow> {
    const call = await findCall(ctx.db, callId);
    if (!call) throw new AppError("NOT_FOUND");
    return call;
  }

  /**
   * Asks the switchboard to put the caller through to the agency's hotline. The result arrives
   * later as call.transfer.result; a command the switchboard refuses is recorded as a failed
   * transfer at once (the caller is then told to follow the portal, like any failed transfer).
   */
  async function transfer(
    actor: Actor,
    call: CallRow,
    agencyCode: string,
    slipId: string | null,
  ): Promise<void> {
    if (call.status !== "answered") {
      throw new AppError("INVALID_TRANSITION", "Cuộc gọi không còn trên đường dây để chuyển.");
    }
    const agency = await agencyTable.findByCode(ctx.db, agencyCode);
    if (!agency?.active) {
      throw unknownAgency("agencyCode");
    }
    const number = hotlineOf(agency.hotline_numbers);
    if (!number) {
      throw invalidField("agencyCode", "Cơ quan chưa có số đường dây nóng.", {
        code: "no_hotline",
        summary: `${agency.name} chưa đăng ký số đường dây nóng để chuyển cuộc gọi.`,
      });
    }
    const now = ctx.clock.now();
    const transferId = await ctx.db.transaction(async (tx) => {
      const id = await insertTransfer(tx, {
        callRowId: call.id,
        agencyId: agency.id,
        number,
        slipId,
        by: actor.userId,
        at: now,
      });
      await appendEvent(tx, {
        actor,
        entity: "call",
        entityId: call.call_id,
        requestId: call.request_id,
        kind: "call_transfer_requested",
        at: now,
        data: { callId: call.call_id, agencyCode: agency.code, number, slipId },
      });
      return id;
    });
    const sent = await sendCtiCommand(ctx.config, `/calls/${encodeURIComponent(call.call_id)}/transfer`, {
      to: number,
      agencyCode: agency.code,
    });
    if (!sent.ok) {
      ctx.logger.warn(
        { callId: call.call_id, error: sent.error },
        "switchboard refused the transfer command",
      );
      await events.receive({
        eventId: `local:transfer:${transferId}`,
        event: "call.transfer.result",
        callId: call.call_id,
        at: ctx.clock.now().toISOString(),
        result: "failed",
        cause: sent.error ?? "command refused",
      });
    }
  }

  return {
    receiveEvent: events.receive,
    recordings,

    async get(actor: Actor | null, callId: string): Promise<CallView> {
      authorize(actor, "call.handle");
      return viewOf(ctx.db, await requireCall(callId));
    },

    async list(actor: Actor | null, queue: "live" | "callbacks"): Promise<{ items: CallView[] }> {
      authorize(actor, "call.handle");
      const rows = queue === "live" ? await listLiveCalls(ctx.db) : await listCallbackQueue(ctx.db);
      return { items: await Promise.all(rows.map((r) => viewOf(ctx.db, r))) };
    },

    /** The calls of a request, for its detail page (whoever may read the request and handle calls). */
    async ofRequest(actor: Actor | null, requestId: string): Promise<{ items: CallView[] }> {
      const handler = authorize(actor, "call.handle");
      const request = await findRequest(ctx.db, requestId);
      if (!request) throw new AppError("NOT_FOUND");
      assertCanRead(handler, request);
      const rows = await listCallsOfRequest(ctx.db, requestId);
      return { items: await Promise.all(rows.map((r) => viewOf(ctx.db, r))) };
    },

    /**
     * "Whoever picks it up": the operator takes a live call nobody holds yet. Not one whose request
     * is saved already (taken and done), nor one ringing at a colleague's extension (6 Dec 2026).
     */
    async pickUp(actor: Actor | null, callId: string): Promise<CallView> {
      const operator = authorize(actor, "call.handle");
      const call = await requireCall(callId);
      assertCanPickUp(operator.userId, call);
      await updateCall(ctx.db, callId, { agentId: operator.userId, agentLabel: operator.fullName });
      live.publishCall({ callId, kind: "picked_up", agentId: operator.userId });
      return viewOf(ctx.db, await requireCall(callId));
    },

    /** POST /api/v1/calls/{callId}/transfer: a live transfer without a slip. */
    async transfer(actor: Actor | null, callId: string, agencyCode: string): Promise<CallView> {
      const operator = authorize(actor, "call.handle");
      await transfer(operator, await requireCall(callId), agencyCode, null);
      return viewOf(ctx.db, await requireCall(callId));
    },

    /**
     * After a request was forwarded (its slip committed): when its call is still live, put the
     * caller through to the same agency too; the result lands on that slip.
     */
    async transferWithSlip(
      actor: Actor,
      requestId: string,
      agencyId: string,
      slipId: string,
    ): Promise<boolean> {
      const call = await findLiveCallOfRequest(ctx.db, requestId);
      if (!call) return false;
      const agency = await agencyTable.findById(ctx.db, agencyId);
      if (!agency) return false;
      await transfer(actor, call, agency.code, slipId).catch((error: unknown) => {
        ctx.logger.warn(
          { callId: call.call_id, error: String(error) },
          "live transfer after forwarding not sent",
        );
      });
      return true;
    },

    /** Whether the request has a call still on the line (the forward dialog then transfers it). */
    async liveCallOf(requestId: string): Promise<string | null> {
      return (await findLiveCallOfRequest(ctx.db, requestId))?.call_id ?? null;
    },

    /** Calls a missed or abandoned caller back: an outbound call request to the switchboard. */
    async callBack(actor: Actor | null, callId: string): Promise<CallView> {
      const operator = authorize(actor, "call.handle");
      const call = await requireCall(callId);
      if (call.callback_status === null) {
        throw new AppError("INVALID_TRANSITION", "Cuộc gọi này không nằm trong danh sách cần gọi lại.");
      }
      const to = dialableNumber.safeParse(call.from_number).success ? call.from_number : null;
      if (!to) throw new AppError("VALIDATION", "Cuộc gọi không có số điện thoại để gọi lại.");
      const sent = await sendCtiCommand(ctx.config, "/calls", { to, callbackOf: call.call_id });
      if (!sent.ok) {
        // The reason (settings, host, HTTP status) is for the administrator: the log and docs/phone.md.
        ctx.logger.warn(
          { callId: call.call_id, error: sent.error },
          "switchboard refused the callback command",
        );
        throw new AppError("UNAVAILABLE", callbackUnavailable);
      }
      const now = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        await updateCall(tx, callId, {
          callbackStatus: "requested",
          callbackRequestedAt: now,
          callbackBy: operator.userId,
        });
        await followCallbackOfCaller(tx, call.call_id, {
          status: "requested",
          endedBy: now,
          by: operator.userId,
        });
        await appendEvent(tx, {
          actor: operator,
          entity: "call",
          entityId: call.call_id,
          requestId: call.request_id,
          kind: "call_back_requested",
          at: now,
          data: { callId: call.call_id },
        });
      });
      live.publishCall({ callId, kind: "callback", agentId: operator.userId });
      return viewOf(ctx.db, await requireCall(callId));
    },
  };
}

export type CallService = ReturnType<typeof createCallService>;
