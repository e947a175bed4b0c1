import { z } from "zod";
import { publicAnswerAttachment } from "./answer-attachments.js";
import { isoInstant } from "./common.js";
import { publicFeedbackState } from "./feedback.js";
import { channelSchema, emailInput, phoneInput, statusSchema } from "./request-common.js";

/** What the citizen sends and sees: the portal form, following a request, the published answers. */

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
