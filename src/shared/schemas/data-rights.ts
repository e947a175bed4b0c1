import { z } from "zod";
import { revealedContact } from "./access-log.js";
import { isoInstant, listOf } from "./common.js";

/**
 * Data-subject rights (Personal Data Protection Law 91/2025/QH15 Art. 4, Decree 356/2025/NĐ-CP
 * Art. 5) and retention of personal data: the wire schemas of /api/v1/data-requests and
 * /api/v1/admin/retention, shared by the server and the console.
 */
export const dataRequestKinds = [
  "access",
  "correction",
  "deletion",
  "restriction",
  "objection",
  "withdrawal",
] as const;
export type DataRequestKind = (typeof dataRequestKinds)[number];

export const dataRequestStatuses = ["received", "acknowledged", "done", "refused"] as const;
export type DataRequestStatus = (typeof dataRequestStatuses)[number];

export const replyChannels = ["email", "zalo", "facebook", "post"] as const;

export const dataRequestKindLabels: Record<DataRequestKind, string> = {
  access: "Xem, nhận bản sao dữ liệu",
  correction: "Chỉnh sửa dữ liệu",
  deletion: "Xoá dữ liệu",
  restriction: "Hạn chế xử lý dữ liệu",
  objection: "Phản đối xử lý dữ liệu",
  withdrawal: "Rút lại sự đồng ý (kể cả đồng ý công khai)",
};

export const dataRequestStatusLabels: Record<DataRequestStatus, string> = {
  received: "Mới tiếp nhận",
  acknowledged: "Đã xác nhận tiếp nhận",
  done: "Đã thực hiện",
  refused: "Từ chối (có lý do)",
};

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a person may ask to have corrected on their requests. */
export const correctionsSchema = z
  .object({
    fullName: text(200).optional(),
    phone: text(30).optional(),
    email: z.email().max(320).optional(),
    address: text(500).optional(),
  })
  .strict();
export type Corrections = z.infer<typeof correctionsSchema>;

export const createDataRequestBody = z
  .object({
    kind: z.enum(dataRequestKinds),
    subject: z
      .object({
        fullName: text(200).optional(),
        phone: text(30).optional(),
        email: z.email().max(320).optional(),
        chat: z.object({ channel: z.enum(["zalo", "facebook"]), externalId: text(200) }).optional(),
      })
      .strict()
      .refine((s) => s.phone || s.email || s.chat, {
        message: "Cần ít nhất số điện thoại, email hoặc định danh Zalo/Facebook của người yêu cầu.",
      }),
    reply: z
      .object({ channel: z.enum(replyChannels), to: text(500).optional() })
      .strict()
      .refine((r) => r.channel === "post" || r.to, {
        message: "Cần địa chỉ nhận trả lời (email hoặc định danh Zalo/Facebook).",
      }),
    details: text(5000).optional(),
    corrections: correctionsSchema.optional(),
    /** When the person's request arrived (defaults to now); the deadlines count from it. */
    receivedAt: isoInstant.optional(),
  })
  .strict();
export type CreateDataRequestBody = z.infer<typeof createDataRequestBody>;

export const versionBody = z.object({ version: z.number().int().min(1) }).strict();
export const decideBody = z
  .object({ version: z.number().int().min(1), note: text(5000).optional() })
  .strict();
export const refuseDataRequestBody = z
  .object({ version: z.number().int().min(1), reason: text(5000) })
  .strict();

export const dueStates = ["on_time", "due_soon", "late", "closed"] as const;

/** One of the person's requests, as the case page shows it (matched by phone, email or chat identity). */
export const personRequestView = z.object({
  id: z.string(),
  code: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  anonymised: z.boolean(),
  restricted: z.boolean(),
  legalHold: z.boolean(),
  publishConsent: z.boolean(),
});

export const dataRequestView = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(dataRequestKinds),
  status: z.enum(dataRequestStatuses),
  subject: z.object({
    fullName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    chat: z.object({ channel: z.string(), externalId: z.string() }).nullable(),
  }),
  reply: z.object({ channel: z.enum(replyChannels), to: z.string().nullable() }),
  details: z.string().nullable(),
  corrections: correctionsSchema,
  receivedAt: z.string(),
  ackDueAt: z.string(),
  dueAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  result: z.record(z.string(), z.unknown()),
  /** The deadline that applies now: the acknowledgement's until acknowledged, then the decision's. */
  dueState: z.enum(dueStates),
  version: z.number(),
});
export type DataRequestView = z.infer<typeof dataRequestView>;

export const dataRequestDetail = dataRequestView.extend({
  requests: z.array(personRequestView),
  /** Workflow steps the caller may take now (the console shows only these). */
  can: z.array(z.enum(["acknowledge", "execute", "refuse", "export"])),
});
export type DataRequestDetail = z.infer<typeof dataRequestDetail>;

export const dataRequestListQuery = z.object({
  state: z.enum(["open", "closed", "all"]).default("open"),
});
export const dataRequestList = listOf(dataRequestView);

/** The copy handed to the person (access): every request matched to them, with their data. */
export const dataExport = z.object({
  generatedAt: z.string(),
  case: z.string(),
  subject: dataRequestView.shape.subject,
  requests: z.array(
    z.object({
      code: z.string(),
      channel: z.string(),
      receivedAt: z.string(),
      status: z.string(),
      requester: revealedContact,
      content: z.string(),
      publishConsent: z.boolean(),
      answers: z.array(z.object({ at: z.string(), body: z.string() })),
      attachments: z.array(z.object({ filename: z.string(), mimeType: z.string(), sizeBytes: z.number() })),
      messagesSent: z.array(z.object({ at: z.string(), channel: z.string(), body: z.string() })),
    }),
  ),
});
export type DataExport = z.infer<typeof dataExport>;

// Retention (administrators).
export const retentionRecordTypes = [
  "requests",
  "recordings",
  "attachments",
  "outbox",
  "inbound",
  "sessions",
  "calls",
] as const;
export type RetentionRecordType = (typeof retentionRecordTypes)[number];

export const retentionSettingView = z.object({
  recordType: z.enum(retentionRecordTypes),
  days: z.number(),
  basis: z.string(),
  updatedAt: z.string(),
});
export const retentionRunView = z.object({
  id: z.number(),
  ranAt: z.string(),
  runDate: z.string(),
  counts: z.record(z.string(), z.number()),
});
export const retentionResponse = z.object({
  settings: z.array(retentionSettingView),
  runs: z.array(retentionRunView),
});
export const retentionBody = z
  .object({
    settings: z
      .array(
        z
          .object({
            recordType: z.enum(retentionRecordTypes),
            days: z.number().int().min(1).max(36500),
            basis: text(500).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export const legalHoldBody = z.object({ reason: text(2000) }).strict();
export const legalHoldView = z.object({
  requestId: z.string(),
  code: z.string(),
  legalHoldAt: z.string().nullable(),
  legalHoldReason: z.string().nullable(),
});
