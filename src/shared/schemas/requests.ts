import { z } from "zod";
import { deliveryReasons } from "../delivery-reason.js";
import { isoInstant, pageFields, pageOf } from "./common.js";
import { obligationKinds, obligationView } from "./reports.js";
import {
  channelSchema,
  completenessIssueSchema,
  requestActionSchema,
  statusSchema,
  transferAttemptSchema,
  urgencySchema,
} from "./request-common.js";
import { conversationMessage } from "./request-input.js";

/**
 * Request, slip and public request schemas: the single source of request and response types for
 * the server, the console and the portal. This file holds the staff views (slip, summary, detail,
 * lists, the operator desk's look-up, the supervision board); the shared enums, the citizen's
 * schemas and staff input are in the files re-exported here, so importers name this one module.
 */
export * from "./request-common.js";
export * from "./request-input.js";
export * from "./request-public.js";

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
  /** Which duty `dueAt` is (the earliest open one): the answer, its publication, a progress report… */
  dueKind: z.enum(obligationKinds).nullable(),
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
      /** The provider's or the channel's own text, as stored. */
      lastError: z.string().nullable(),
      /** What kind of failure `lastError` is, for the console's words and hint; null when none. */
      lastErrorReason: z.enum(deliveryReasons).nullable(),
      createdAt: isoInstant,
      sentAt: isoInstant.nullable(),
      /** What the gateway reported after handing over (SMS delivery reports); null when none came. */
      deliveryStatus: z.enum(["delivered", "failed", "expired"]).nullable(),
      /** The gateway's own words with a failed or expired report (e.g. "subscriber absent"); else null. */
      deliveryError: z.string().nullable(),
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
  /**
   * Urgent first (R-HA9), then: "newest" (the default) the latest received; "oldest" the one waiting
   * longest (a queue served in order); "due" what is due first (late first, by the earliest open deadline).
   */
  sort: z.enum(["newest", "oldest", "due"]).optional(),
  ...pageFields(50),
});
export const requestListResponse = pageOf(requestSummary);

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
