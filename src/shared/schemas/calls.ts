// Calls as staff see them (issue 12, docs/phone.md): GET /api/v1/calls/{callId}, the desk's live
// calls and callback queue, a request's calls, and the transfer and callback commands.
import { z } from "zod";
import { deliveryReasons } from "../delivery-reason.js";
import { isoInstant, listOf } from "./common.js";
import { callDirections, transferResults } from "./cti.js";

export const callStatuses = ["ringing", "answered", "ended", "missed"] as const;

export const callView = z.object({
  callId: z.string(),
  /** E.164 for Vietnamese numbers; as the switchboard sent it otherwise ("anonymous"). */
  from: z.string().nullable(),
  to: z.string().nullable(),
  direction: z.enum(callDirections),
  status: z.enum(callStatuses),
  startedAt: isoInstant,
  answeredAt: isoInstant.nullable(),
  endedAt: isoInstant.nullable(),
  /** The operator on the call (username). */
  agent: z.string().nullable(),
  /** The operator's name as the console shows staff (full name); the switchboard's label if no user. */
  agentName: z.string().nullable(),
  /** The request saved during or after the call. */
  requestCode: z.string().nullable(),
  requestId: z.string().nullable(),
  recording: z
    .object({
      sha256: z.string(),
      bytes: z.number().int(),
      mime: z.string(),
      /** pending: being fetched; stored: playable; refused/failed: not kept (see docs/phone.md). */
      status: z.enum(["pending", "stored", "refused", "failed", "deleted"]),
      /**
       * Why the last fetch failed (refused, failed, or pending between retries), one of the delivery
       * reasons (src/shared/delivery-reason.ts); null when none. The stored text itself is not given:
       * it may name the server's settings and the recording host.
       */
      lastErrorReason: z.enum(deliveryReasons).nullable(),
    })
    .nullable(),
  transfers: z.array(
    z.object({
      agencyCode: z.string(),
      agencyName: z.string(),
      number: z.string(),
      result: z.enum(transferResults).nullable(),
      cause: z.string().nullable(),
      at: isoInstant,
    }),
  ),
  /** waiting: missed or abandoned, not yet called back; requested: a callback was asked of the switchboard. */
  callback: z.enum(["waiting", "requested"]).nullable(),
  /**
   * When a callback was last asked of the switchboard; on a call waiting again, that callback did
   * not reach the caller (6 Dec 2026). Null when none was tried.
   */
  callbackTriedAt: isoInstant.nullable(),
});
export type CallView = z.infer<typeof callView>;

export const callIdParams = z.object({ callId: z.string().min(1).max(250) });
export const callListQuery = z.object({ queue: z.enum(["live", "callbacks"]).default("live") });
export const callList = listOf(callView);

export const transferCallBody = z.object({ agencyCode: z.string().trim().min(1).max(40) });

/** Zammad generic CTI (INTEGRATIONS §4a), form-encoded or JSON; unknown fields are ignored. */
export const genericCtiForm = z.object({
  event: z.enum(["newCall", "answer", "hangup"]),
  callId: z.string().min(1).max(250),
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  direction: z.enum(callDirections).optional(),
  user: z.union([z.string().max(200), z.array(z.string().max(200)).max(50)]).optional(),
  answeringNumber: z.string().max(64).optional(),
  cause: z.string().max(200).optional(),
});
export const genericCtiQuery = z.object({ token: z.string().max(500).optional() });
