import { z } from "zod";
import { confirmedNotPersonalSchema } from "../personal-data.js";
import { isoInstant, pageFields, pageOf, uuid } from "./common.js";

/** Q&A base (Art. 10.1, 14.4, 15.3; R-HA1, R-KB1): shared by the server routes and the console. */
export const kbStatuses = ["draft", "proposed", "published", "archived"] as const;
export const kbStatusSchema = z.enum(kbStatuses);
export type KbStatus = z.infer<typeof kbStatusSchema>;

export const kbVersionStates = ["draft", "proposed", "published", "rejected", "superseded"] as const;

export const legalSourceSchema = z.object({
  /** Document number, e.g. "15/CT-TTg". */
  number: z.string().trim().min(1).max(100),
  /** Date of issue, YYYY-MM-DD. */
  date: z.iso.date().nullable().default(null),
  title: z.string().trim().max(500).nullable().default(null),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
});
export type LegalSource = z.infer<typeof legalSourceSchema>;

const fieldCode = z.string().regex(/^[a-z0-9_-]{1,40}$/);

/** What a focal point or administrator writes; answerHtml is sanitised on the server. */
export const kbEntryInput = z
  .object({
    question: z.string().trim().min(5, "Câu hỏi quá ngắn").max(4000),
    answerHtml: z.string().trim().min(1, "Vui lòng nhập câu trả lời").max(200_000),
    fieldCode: fieldCode.nullable().default(null),
    agencyId: uuid.nullable().default(null),
    legalSources: z.array(legalSourceSchema).max(50).default([]),
    keywords: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    effectiveFrom: isoInstant.nullable().default(null),
    effectiveUntil: isoInstant.nullable().default(null),
  })
  .refine((v) => !v.effectiveFrom || !v.effectiveUntil || v.effectiveUntil > v.effectiveFrom, {
    message: "Ngày hết hiệu lực phải sau ngày có hiệu lực",
    path: ["effectiveUntil"],
  });
export type KbEntryInput = z.infer<typeof kbEntryInput>;

export const kbUpdateBody = z.object({
  /** The version the editor started from; a stale one answers CONFLICT. */
  baseVersion: z.number().int().min(1),
  entry: kbEntryInput,
});

export const kbRejectBody = z.object({ reason: z.string().trim().min(3, "Vui lòng nêu lý do").max(2000) });
export const kbNoteBody = z.object({ note: z.string().trim().min(1).max(2000).optional() });
/** Publishing: the note, and the personal-data findings the administrator confirms are not personal. */
export const kbPublishBody = kbNoteBody.extend({
  confirmedNotPersonal: confirmedNotPersonalSchema.optional(),
});

export const kbAbilities = z.object({
  edit: z.boolean(),
  propose: z.boolean(),
  review: z.boolean(),
  archive: z.boolean(),
});

/** The content an entry and each of its versions carry. */
const kbContent = {
  question: z.string(),
  answerHtml: z.string(),
  fieldCode: z.string().nullable(),
  agencyId: z.string().nullable(),
  legalSources: z.array(legalSourceSchema),
  keywords: z.array(z.string()),
  effectiveFrom: z.string().nullable(),
  effectiveUntil: z.string().nullable(),
};

export const kbEntry = z.object({
  id: uuid,
  externalId: z.string().nullable(),
  status: kbStatusSchema,
  ...kbContent,
  /** Past its effective-until date: no longer suggested, to be reviewed (R-KB1). */
  needsReview: z.boolean(),
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  pendingVersion: z.number().int().nullable(),
  /** The entry's last activity, a change proposed to it or rejected included (the agencies' list). */
  updatedAt: z.string(),
  /**
   * When what the entry serves — its content or status — last changed: not moved by a change that
   * only waits for review or is rejected (the lookup's «Cập nhật …», as the staff hit's `updatedAt`).
   */
  contentUpdatedAt: isoInstant,
  abilities: kbAbilities,
});
export type KbEntry = z.infer<typeof kbEntry>;

export const kbVersion = z.object({
  version: z.number().int(),
  state: z.enum(kbVersionStates),
  ...kbContent,
  authorId: z.string().nullable(),
  createdAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type KbVersion = z.infer<typeof kbVersion>;

export const kbFieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const kbDiff = z.object({
  published: kbVersion.nullable(),
  proposed: kbVersion,
  changes: z.array(kbFieldChange),
});
export type KbDiff = z.infer<typeof kbDiff>;

export const kbListQuery = z.object({
  status: kbStatusSchema.optional(),
  field: fieldCode.optional(),
  agencyId: uuid.optional(),
  needsReview: z.enum(["true", "false"]).optional(),
  ...pageFields(20),
});
export type KbListQuery = z.infer<typeof kbListQuery>;

export const kbList = pageOf(kbEntry);

export const kbSearchQuery = z.object({
  q: z.string().trim().min(1, "Vui lòng nhập nội dung tìm kiếm").max(2000),
  field: fieldCode.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
/** Staff may also filter by status and look at expired entries. */
export const kbStaffSearchQuery = kbSearchQuery.extend({
  status: z
    .string()
    .regex(/^(draft|proposed|published|archived)(,(draft|proposed|published|archived))*$/)
    .optional(),
  includeExpired: z.enum(["true", "false"]).optional(),
});

export const kbSearchHit = z.object({
  id: uuid,
  externalId: z.string().nullable(),
  question: z.string(),
  /** HTML-escaped excerpt of the answer with <mark> around matched syllables. */
  snippet: z.string(),
  field: z.string().nullable(),
  score: z.number(),
});
export type KbSearchHit = z.infer<typeof kbSearchHit>;
/**
 * Staff see more than the public: the entry's status, the agency that answers (its name, null when
 * the entry names none) and when what it serves last changed (`contentUpdatedAt` of the entry: a
 * change only proposed, or rejected, does not move it), so an operator on the phone judges whose
 * answer it is and whether it is current without opening it (6 Dec 2026).
 */
export const kbStaffSearchHit = kbSearchHit.extend({
  status: kbStatusSchema,
  agencyName: z.string().nullable(),
  updatedAt: isoInstant,
});
export type KbStaffSearchHit = z.infer<typeof kbStaffSearchHit>;
