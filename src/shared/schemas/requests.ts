import { z } from "zod";
import { type CompletenessIssue, completenessIssues, completenessLabels } from "../completeness.js";
import { confirmedNotPersonalSchema } from "../personal-data.js";
import { channels, requestActions, requestStatuses } from "../request-status.js";
import { answerAttachmentIds, publicAnswerAttachment } from "./answer-attachments.js";
import { isoInstant } from "./common.js";
import { publicFeedbackState } from "./feedback.js";
import { obligationView } from "./reports.js";

/**
 * Request, slip and public request schemas: the single source of request and response types for
 * the server, the console and the portal.
 */

export const statusSchema = z.enum(requestStatuses);
export const requestActionSchema = z.enum(requestActions);
export const channelSchema = z.enum(channels);
export const urgencySchema = z.enum(["normal", "urgent"]);
export const transferAttemptSchema = z.enum(["connected", "failed", "not_attempted"]);

/** Vietnamese phone numbers: 0xxxxxxxxx, +84xxxxxxxxx, 84xxxxxxxxx, spaces/dots/dashes allowed; 1022-style short numbers excluded. */
export const phoneInput = z
  .string()
  .trim()
  .min(1, "Vui lòng nhập số điện thoại")
  .max(20, "Số điện thoại quá dài")
  .regex(
    /^(\+?84|0)[\s.-]?[1-9](?:[\s.-]?\d){7,9}$/,
    "Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc +84 912 345 678)",
  );

export const emailInput = z.email("Địa chỉ thư điện tử không hợp lệ").max(200, "Địa chỉ thư điện tử quá dài");

/** Art. 7 problems the operator should ask about (R-IN3); staff may still save the request. */
export const completenessIssueSchema = z.enum(completenessIssues);
export type { CompletenessIssue };
export { completenessLabels };

// ---------- Public (citizen) ----------

export const publicRequestBody = z.object({
  fullName: z.string().trim().min(1, "Vui lòng nhập họ và tên").max(200, "Họ và tên quá dài"),
  phone: phoneInput,
  address: z.string().trim().min(1, "Vui lòng nhập địa chỉ liên hệ").max(500, "Địa chỉ quá dài"),
  email: emailInput.optional(),
  content: z
    .string()
    .trim()
    .min(10, "Nội dung yêu cầu quá ngắn (ít nhất 10 ký tự)")
    .max(10_000, "Nội dung yêu cầu quá dài (tối đa 10.000 ký tự)"),
  field: z.string().trim().max(40).optional(),
  kind: z.enum(["person", "organisation"]).optional(),
  /** Whether the question may be published (never the requester's identity). Default yes. */
  publishConsent: z.boolean().optional(),
  /** ALTCHA payload (base64) when the captcha is on. */
  captcha: z.string().max(5000).optional(),
});
export type PublicRequestBody = z.infer<typeof publicRequestBody>;

export const publicRequestCreated = z.object({
  code: z.string(),
  status: z.literal("received"),
  /** Opens the confirmation page: /gui-yeu-cau/da-gui?ma=<code>&bn=<receipt> (valid 24 hours). */
  receipt: z.string(),
});
export type PublicRequestCreated = z.infer<typeof publicRequestCreated>;

/**
 * Follow by code + the phone or the email the request was given with (R-PU2): exactly one of the
 * two. Their format is not checked here: a malformed value is the same 404 as a wrong one.
 */
export const publicLookupQuery = z
  .object({ phone: z.string().max(30).optional(), email: z.string().max(200).optional() })
  .refine((q) => (q.phone === undefined) !== (q.email === undefined), {
    message: "Nhập số điện thoại hoặc địa chỉ email đã dùng khi gửi yêu cầu (một trong hai).",
    path: ["phone"],
  });

/** The secret of a follow link (/theo-doi/<secret>); any other value is the same 404. */
export const followSecretParam = z.object({ secret: z.string().max(200) });

export const publicRequestView = z.object({
  code: z.string(),
  status: statusSchema,
  statusText: z.string(),
  receivedAt: isoInstant,
  channel: channelSchema,
  field: z.string().nullable(),
  history: z.array(z.object({ at: isoInstant, text: z.string() })),
  appointmentAt: isoInstant.nullable(),
  /** The agency legally responsible for the answer (Art. 8.2). */
  agency: z.string().nullable(),
  /**
   * Issue 19: merged with a request that asks the same thing; `answer` is then that shared answer.
   * (The other request's code is someone else's and is never shown.)
   */
  merged: z.boolean(),
  answer: z
    .object({
      text: z.string(),
      agency: z.string().nullable(),
      publishedAt: isoInstant.nullable(),
      /** Issue 19: the files published with the answer (none before publication). */
      attachments: z.array(publicAnswerAttachment),
    })
    .nullable(),
  /**
   * The conversation with the agency (Art. 14.6): its questions and the requester's replies. The
   * follow page always shows them; `replyToken` (present while a reply is possible) authorises one
   * reply for a while without typing the code and phone again.
   */
  conversation: z.object({
    messages: z.array(
      z.object({ direction: z.enum(["in", "out"]), from: z.string(), body: z.string(), at: isoInstant }),
    ),
    awaitingReply: z.boolean(),
    replyToken: z.string().nullable(),
  }),
  /** Issue 19: the satisfaction question once the answer is published (POST …/feedback). */
  feedback: publicFeedbackState,
});
export type PublicRequestView = z.infer<typeof publicRequestView>;

/**
 * An optional query parameter where an empty value means "not given" (issue 18.1): a GET form sends
 * every input, so `?q=tiem&from=&to=` must filter by q, not fail on the empty dates.
 */
const emptyAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const publicAnswersQuery = z.object({
  q: emptyAsAbsent(z.string().trim().max(200)),
  field: emptyAsAbsent(z.string().trim().max(40)),
  agency: emptyAsAbsent(z.string().trim().max(40)),
  from: emptyAsAbsent(z.iso.date()),
  to: emptyAsAbsent(z.iso.date()),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const publishedAnswer = z.object({
  /** The public answer id (random; never the request's follow code, which stays private). */
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  field: z.string().nullable(),
  fieldName: z.string().nullable(),
  agency: z.string().nullable(),
  agencyCode: z.string().nullable(),
  publishedAt: isoInstant,
  /** Issue 19: the files published with the answer (on one answer, not in the list). */
  attachments: z.array(publicAnswerAttachment).optional(),
});
export type PublishedAnswer = z.infer<typeof publishedAnswer>;
export const publishedAnswersPage = z.object({
  items: z.array(publishedAnswer),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// ---------- Staff ----------

export const requesterInput = z.object({
  kind: z.enum(["person", "organisation"]).default("person"),
  fullName: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(30).optional(),
  address: z.string().trim().max(500).optional(),
  email: z.string().trim().max(200).optional(),
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

export const slipView = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  /** Issue 19: "lead" records the answer; "cooperating" contributes to it. */
  role: z.enum(["lead", "cooperating"]),
  sentAt: isoInstant,
  transferAttempt: transferAttemptSchema,
  status: z.enum(["open", "phone_answered", "verifying", "answered", "returned", "contributed"]),
  dueAt: isoInstant,
  appointmentAt: isoInstant.nullable(),
  returnReason: z.string().nullable(),
  closedAt: isoInstant.nullable(),
  /** Signed working hours until the deadline (negative: late by that many working hours). */
  workingHoursLeft: z.number().nullable(),
  dueState: z.enum(["ok", "due_soon", "late", "closed"]),
  /**
   * What the agency is told with the slip: the operator's forwarding note, or the operator's note
   * to the coordinator and the coordinator's note on assignment (issue 18), oldest first.
   */
  notes: z.array(
    z.object({
      kind: z.enum(["forward", "escalate", "assign_agency", "request_cooperation"]),
      text: z.string(),
      author: z.string().nullable(),
      at: isoInstant,
    }),
  ),
});

export const requestSummary = z.object({
  id: z.string(),
  code: z.string(),
  channel: channelSchema,
  status: statusSchema,
  urgency: urgencySchema,
  receivedAt: isoInstant,
  requesterName: z.string().nullable(),
  requesterPhone: z.string().nullable(),
  contentPreview: z.string(),
  field: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  dueAt: isoInstant.nullable(),
  workingHoursLeft: z.number().nullable(),
  dueState: z.enum(["ok", "due_soon", "late", "closed"]).nullable(),
  completeness: z.array(completenessIssueSchema),
  /** Since when the agency waits for the requester's reply to its question (Art. 14.6); null: not waiting. */
  awaitingRequesterSince: isoInstant.nullable(),
});
export type RequestSummary = z.infer<typeof requestSummary>;

export const requestDetail = requestSummary.extend({
  version: z.number().int(),
  content: z.string(),
  publishConsent: z.boolean(),
  requester: z.object({
    id: z.string(),
    kind: z.enum(["person", "organisation"]),
    fullName: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    email: z.string().nullable(),
    /** Phone, email and address are masked for this viewer; "request.contact_reveal" shows them. */
    contactMasked: z.boolean(),
  }),
  /** Whether the follow link sent to the requester still opens the request (staff may revoke it). */
  followLinkActive: z.boolean(),
  /** Issue 19: the request this one was merged into (it follows that one's answer), if any. */
  mergedInto: z.object({ id: z.string(), code: z.string(), at: isoInstant }).nullable(),
  /** How many requests were merged into this one (their requesters receive its answer too). */
  joinedCount: z.number().int(),
  operatorName: z.string().nullable(),
  refusal: z.object({ reason: z.string(), note: z.string().nullable() }).nullable(),
  publicQuestion: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  publishedAt: isoInstant.nullable(),
  /** The id of the public answer page (/hoi-dap/<publicId>) once published. */
  publicId: z.string().nullable(),
  /** The coordinator's takedown, while the answer is off the portal (issue 13). */
  takedown: z.object({ at: isoInstant, reason: z.string() }).nullable(),
  answeringAgency: z.string().nullable(),
  slips: z.array(slipView),
  answers: z.array(
    z.object({
      id: z.string(),
      source: z.enum(["kb", "agency", "coordinator"]),
      body: z.string(),
      givenByPhone: z.boolean(),
      agencyName: z.string().nullable(),
      authorName: z.string().nullable(),
      createdAt: isoInstant,
    }),
  ),
  /** Issue 19: what cooperating agencies contributed, oldest first (staff only, never published). */
  contributions: z.array(
    z.object({
      id: z.string(),
      slipId: z.string(),
      agencyId: z.string(),
      agencyName: z.string(),
      authorName: z.string().nullable(),
      body: z.string(),
      createdAt: isoInstant,
      /** Whether it met its slip's answer obligation on time (8 working hours from the slip). */
      onTime: z.boolean(),
    }),
  ),
  progress: z.array(
    z.object({
      note: z.string(),
      appointmentAt: isoInstant,
      createdAt: isoInstant,
      authorName: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({ id: z.string(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number().int() }),
  ),
  events: z.array(
    z.object({
      id: z.number().int(),
      at: isoInstant,
      actor: z.string().nullable(),
      kind: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      publicNote: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  outbox: z.array(
    z.object({
      id: z.number().int(),
      channel: z.string(),
      kind: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: isoInstant,
      sentAt: isoInstant.nullable(),
      /** What the gateway reported after handing over (SMS delivery reports); null when none came. */
      deliveryStatus: z.enum(["delivered", "failed", "expired"]).nullable(),
    }),
  ),
  /** The conversation with the requester (Art. 14.6), oldest first. */
  messages: z.array(conversationMessage),
  /** What the caller may do to this request now: state machine ∩ permissions. */
  allowedActions: z.array(requestActionSchema),
  /** Every legal duty on this request, met or not (Art. 10.3, 12.2); never rewritten. */
  obligations: z.array(obligationView),
});
export type RequestDetail = z.infer<typeof requestDetail>;

export const requestListQuery = z.object({
  status: z.union([statusSchema, z.array(statusSchema)]).optional(),
  agencyId: z.uuid().optional(),
  urgency: urgencySchema.optional(),
  channel: channelSchema.optional(),
  due: z.enum(["due_soon", "late"]).optional(),
  q: z.string().trim().max(200).optional(),
  open: z.enum(["true", "false"]).optional(),
  /**
   * A worklist: "intake" the requests the hotline has still to handle (received), "publish" the
   * hotline's own answers from the Q&A base waiting to be published, "following" those with an
   * agency or the coordinator. Answered items leave the intake list.
   */
  stage: z.enum(["intake", "publish", "following"]).optional(),
  /** "due": what is due first (late first, by the earliest open deadline); default urgent, then newest. */
  sort: z.enum(["newest", "due"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const requestListResponse = z.object({ items: z.array(requestSummary), total: z.number().int() });

/** GET /api/v1/requesters/lookup: the caller and their earlier requests (operator desk). */
export const requesterLookupResponse = z.object({
  requester: z
    .object({
      id: z.string(),
      kind: z.enum(["person", "organisation"]),
      fullName: z.string().nullable(),
      phone: z.string(),
      address: z.string().nullable(),
      email: z.string().nullable(),
    })
    .nullable(),
  requests: z.array(requestSummary),
});
export type RequesterLookup = z.infer<typeof requesterLookupResponse>;

/** GET /api/v1/monitor/board: open, due-soon and late slips by agency; unclear and urgent queues (R-MO3). */
export const boardResponse = z.object({
  agencies: z.array(
    z.object({
      agencyId: z.string(),
      agencyName: z.string(),
      open: z.number().int(),
      dueSoon: z.number().int(),
      late: z.number().int(),
    }),
  ),
  unclear: z.array(requestSummary),
  urgent: z.array(requestSummary),
  /** Requests waiting for the requester's reply to the agency's question (Art. 14.6), longest first. */
  awaitingRequester: z.array(requestSummary),
  /** Issue 19: sent back by the requester as "not resolved", waiting for the coordinator, with the comment. */
  notResolved: z.array(
    z.object({
      requestId: z.string(),
      code: z.string(),
      rating: z.number().int(),
      comment: z.string().nullable(),
      at: isoInstant,
    }),
  ),
  /**
   * Who holds things up (issue 19): open slips, lead or cooperating, with an obligation missed or
   * due soon — late first. One row per slip, so a late cooperating agency shows beside an on-time lead.
   */
  heldUp: z.array(
    z.object({
      slipId: z.string(),
      requestId: z.string(),
      code: z.string(),
      agencyId: z.string(),
      agencyName: z.string(),
      role: z.enum(["lead", "cooperating"]),
      sentAt: isoInstant,
      dueAt: isoInstant,
      dueState: z.enum(["late", "due_soon"]),
    }),
  ),
});
export type Board = z.infer<typeof boardResponse>;
export type AgencyLoad = Board["agencies"][number];
