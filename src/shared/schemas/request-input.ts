import { z } from "zod";
import { confirmedNotPersonalSchema } from "../personal-data.js";
import { answerAttachmentIds } from "./answer-attachments.js";
import { isoInstant } from "./common.js";
import {
  channelSchema,
  emailInput,
  orEmpty,
  staffPhoneInput,
  transferAttemptSchema,
  urgencySchema,
} from "./request-common.js";

/** What staff send about a request: intake, corrections, follow links, conversation, and each action's body. */

/**
 * The requester's details as staff give them (the desk, a correction): the phone and the email are
 * checked here, the one rule the console's requesterRules use too; "" (a cleared input) is "no value".
 */
export const requesterInput = z.object({
  kind: z.enum(["person", "organisation"]).default("person"),
  fullName: z.string().trim().max(200).optional(),
  phone: orEmpty(staffPhoneInput),
  address: z.string().trim().max(500).optional(),
  email: orEmpty(emailInput),
});

export const createRequestBody = z.object({
  channel: channelSchema.default("phone"),
  receivedAt: isoInstant.optional(),
  requester: requesterInput,
  content: z.string().trim().min(1, "Vui lòng nhập nội dung yêu cầu").max(20_000),
  field: z.string().trim().max(40).optional(),
  urgency: urgencySchema.default("normal"),
  publishConsent: z.boolean().default(true),
  call: z
    .object({
      callId: z.string().max(200).optional(),
      startedAt: isoInstant.optional(),
      endedAt: isoInstant.optional(),
      recordingUrl: z.string().url().max(2000).optional(),
    })
    .optional(),
});
export type CreateRequestBody = z.infer<typeof createRequestBody>;

/** The contact fields of a request a staff member may correct (each correction is an event). */
export const contactFields = ["kind", "fullName", "phone", "address", "email"] as const;
const contactValues = z.partialRecord(z.enum(contactFields), z.string().nullable());
/** `data` of a `contact_corrected` event: the changed fields only, before and after. */
export const contactCorrectionData = z.object({ before: contactValues, after: contactValues });

/** Revoking a request's follow link (the reason goes to the request's history, staff only). */
export const revokeFollowLinkBody = z.object({
  version: z.number().int().positive(),
  reason: z.string().trim().min(1, "Vui lòng nhập lý do").max(500),
});

/** Sending the requester a new follow link (the old one stops working). */
export const issueFollowLinkBody = z.object({ version: z.number().int().positive() });

export const updateRequestBody = z.object({
  version: z.number().int().positive(),
  // No default for kind here: a correction that does not mention it must not reset it to "person".
  requester: requesterInput
    .partial()
    .extend({ kind: z.enum(["person", "organisation"]).optional() })
    .optional(),
  content: z.string().trim().min(1).max(20_000).optional(),
  field: z.string().trim().max(40).nullable().optional(),
  urgency: urgencySchema.optional(),
});

const versioned = { version: z.number().int().positive() };

/** One message of the conversation with the requester (Art. 14.6), either way. */
export const conversationText = z
  .string()
  .trim()
  .min(1, "Vui lòng nhập nội dung")
  .max(5_000, "Nội dung quá dài (tối đa 5.000 ký tự)");

/** A message of the conversation as staff see it. */
export const conversationMessage = z.object({
  id: z.number().int(),
  direction: z.enum(["in", "out"]),
  /** Out: the channel it was delivered on ("portal": the follow page only). In: where the reply came from. */
  channel: channelSchema,
  author: z.string(),
  body: z.string(),
  at: isoInstant,
});
export type ConversationMessage = z.infer<typeof conversationMessage>;
/** Distinct agencies, at most 10 (issue 19). */
const cooperatingAgencyIds = z
  .array(z.uuid())
  .min(1)
  .max(10)
  .refine((ids) => new Set(ids).size === ids.length, { message: "Mỗi cơ quan phối hợp chỉ chọn một lần." });

export const actionBodies = {
  answer_from_kb: z.object({
    ...versioned,
    answer: z.string().trim().min(1).max(20_000),
    kbEntryId: z.uuid().optional(),
    /** Issue 19: answered with the prepared text of the mass event the request is linked to. */
    massEventId: z.uuid().optional(),
    /** Issue 19: files uploaded for this answer (POST /requests/{id}/answer-attachments). */
    attachmentIds: answerAttachmentIds.optional(),
  }),
  refuse: z.object({
    ...versioned,
    reason: z.string().trim().min(1).max(40),
    note: z.string().trim().max(2000).optional(),
  }),
  forward: z.object({
    ...versioned,
    agencyId: z.uuid(),
    /**
     * Whether the operator tried to put the caller through (Art. 10.1): required for a request
     * taken on the phone, "not_attempted" when left out for any other channel.
     */
    transferAttempt: transferAttemptSchema.optional(),
    note: z.string().trim().max(2000).optional(),
    /** Issue 19: agencies that cooperate with the lead (`agencyId`), each with a slip of its own. */
    cooperatingAgencyIds: cooperatingAgencyIds.optional(),
  }),
  escalate: z.object({ ...versioned, note: z.string().trim().min(1).max(2000) }),
  assign_agency: z.object({
    ...versioned,
    agencyId: z.uuid(),
    note: z.string().trim().max(2000).optional(),
    cooperatingAgencyIds: cooperatingAgencyIds.optional(),
  }),
  answer_by_phone: z.object({
    ...versioned,
    summary: z.string().trim().max(20_000).optional(),
    /** When the agency answered on the phone (Art. 10.3); defaults to now. */
    answeredAt: isoInstant.optional(),
    /**
     * On the transferred call (only when the transfer connected) or by calling back; defaults to
     * "transfer" after a connected transfer, else "call_back".
     */
    via: z.enum(["transfer", "call_back"]).optional(),
  }),
  mark_verifying: z.object({ ...versioned, note: z.string().trim().min(1).max(2000) }),
  post_progress: z.object({
    ...versioned,
    note: z.string().trim().min(1).max(5000),
    appointmentAt: isoInstant,
  }),
  record_answer: z.object({
    ...versioned,
    answer: z.string().trim().min(1).max(20_000),
    /** Issue 19: files uploaded for this answer (POST /requests/{id}/answer-attachments). */
    attachmentIds: answerAttachmentIds.optional(),
  }),
  return_to_coordinator: z.object({ ...versioned, reason: z.string().trim().min(1).max(2000) }),
  ask_requester: z.object({ ...versioned, message: conversationText }),
  /**
   * Art. 12, 14.7: the published texts are the requester's question and the recorded answer, with
   * personal data replaced by the redaction mark "[…]" and nothing else changed (400 REDACTION_ONLY
   * otherwise). Left out, a text is published as it is.
   */
  publish: z.object({
    ...versioned,
    publicQuestion: z.string().trim().min(1).max(20_000).optional(),
    publicAnswer: z.string().trim().min(1).max(20_000).optional(),
    /** Findings of the personal-data guard the publisher confirms are not personal (issue 13). */
    confirmedNotPersonal: confirmedNotPersonalSchema.optional(),
    /** Issue 19: every public attachment of the answer, confirmed checked for personal data. */
    attachmentsChecked: answerAttachmentIds.optional(),
  }),
  /** Art. 13: the coordinator takes a published answer off the portal, saying why. */
  takedown: z.object({ ...versioned, reason: z.string().trim().min(1).max(2000) }),
  close: z.object({ ...versioned }),
  /** Issue 19: the lead agency (or the coordinator) asks more agencies to cooperate, saying what for. */
  request_cooperation: z.object({
    ...versioned,
    agencyIds: cooperatingAgencyIds,
    note: z.string().trim().min(1).max(2000),
  }),
  /** Issue 19: a cooperating agency's contribution to the lead agency (internal, never published). */
  contribute: z.object({ ...versioned, contribution: z.string().trim().min(1).max(20_000) }),
  /**
   * Issue 19: this request asks the same as `intoId` and joins it: its own clock stops, and it
   * receives that request's progress, answer and publication on its own channel.
   */
  merge: z.object({ ...versioned, intoId: z.uuid() }),
} as const;
