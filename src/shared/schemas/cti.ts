// The switchboard contract (issue 12, docs/phone.md): events a PBX adapter posts to
// `POST /api/v1/cti/events`, signed with `X-CTI-Timestamp` / `X-CTI-Signature` (src/shared/signature.ts),
// idempotent on `eventId`. The adapters in `adapters/` produce exactly these; the server parses them
// with these schemas.
import { z } from "zod";

export const callDirections = ["in", "out"] as const;
export const transferResults = [
  "connected",
  "busy",
  "no_answer",
  "rejected",
  "unreachable",
  "failed",
] as const;
export const ctiEventTypes = [
  "call.new",
  "call.ringing",
  "call.answered",
  "call.transfer.result",
  "call.recording.ready",
  "call.hangup",
] as const;

export const recordingRef = z.object({
  url: z.string().url().max(2000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  mime: z.string().min(3).max(100),
});

const base = {
  eventId: z.string().min(1).max(200),
  callId: z.string().min(1).max(250),
  at: z.string().datetime({ offset: true }),
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  direction: z.enum(callDirections).optional(),
  agent: z.string().max(100).optional(),
};

export const ctiEvent = z.discriminatedUnion("event", [
  z.object({
    ...base,
    event: z.literal("call.new"),
    from: z.string().max(64),
    to: z.string().max(64),
    direction: z.enum(callDirections),
    /** An outbound call placed on our callback command: the missed call it answers (its callId). */
    callbackOf: z.string().max(250).optional(),
  }),
  z.object({ ...base, event: z.literal("call.ringing") }),
  z.object({ ...base, event: z.literal("call.answered") }),
  z.object({
    ...base,
    event: z.literal("call.transfer.result"),
    result: z.enum(transferResults),
    cause: z.string().max(200).optional(),
    agencyCode: z.string().max(50).optional(),
  }),
  z.object({ ...base, event: z.literal("call.recording.ready"), recording: recordingRef }),
  z.object({ ...base, event: z.literal("call.hangup"), cause: z.string().max(200).optional() }),
]);
export type CtiEvent = z.infer<typeof ctiEvent>;
export type TransferResult = (typeof transferResults)[number];

/** A number the switchboard can dial: E.164 (a caller's number as stored, docs/phone.md). */
export const dialableNumber = z.string().regex(/^\+\d{6,15}$/);

/**
 * What switchboards send for a withheld number: "anonymous" (Zammad's generic CTI, and what the
 * generic form stores when `from` is missing), and the SIP privacy words PBXs use. Stored as sent;
 * the console says «Số ẩn».
 */
export const isWithheldNumber = (n: string): boolean =>
  /^(anonymous|unknown|private|restricted|withheld|unavailable)$/i.test(n.trim());

/** Server → adapter: `POST {CTI_ADAPTER_URL}/calls/{callId}/transfer`, signed the same way; 202 expected. */
export const ctiTransferCommand = z.object({
  to: dialableNumber,
  agencyCode: z.string().min(1),
});
export type CtiTransferCommand = z.infer<typeof ctiTransferCommand>;

/** Server → adapter: `POST {CTI_ADAPTER_URL}/calls`, an outbound call back to a caller; 202 expected. */
export const ctiCallbackCommand = z.object({
  to: dialableNumber,
  /** The callId of the missed call being answered; the adapter echoes it as `callbackOf` in call.new. */
  callbackOf: z.string().min(1),
});
export type CtiCallbackCommand = z.infer<typeof ctiCallbackCommand>;
