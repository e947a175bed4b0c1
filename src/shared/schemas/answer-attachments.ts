import { z } from "zod";
import { ATTACHMENT_LIMITS } from "../portal.js";
import { isoInstant, listOf } from "./common.js";

/**
 * Issue 19, answers with attachments: an official letter (PDF) or photos the answering staff add to
 * an answer. Stored and checked like the requester's uploads (same table, magic bytes, limits);
 * each is `public` (published with the answer, once the publisher confirms it was checked for
 * personal data) or `internal` (staff only, never published).
 */
export const attachmentVisibility = z.enum(["public", "internal"]);
export type AttachmentVisibility = z.infer<typeof attachmentVisibility>;

export const attachmentVisibilityLabels: Record<AttachmentVisibility, string> = {
  public: "Công khai cùng câu trả lời",
  internal: "Nội bộ (không công khai)",
};

/** An answer carries at most as many files as a citizen may send (ATTACHMENT_LIMITS). */
export const answerAttachmentIds = z.array(z.uuid()).max(ATTACHMENT_LIMITS.maxFiles);

/** The text fields of the multipart upload (the files go in the field `attachments`). */
export const answerAttachmentUploadBody = z.object({ visibility: attachmentVisibility });

export const answerAttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

export const answerAttachmentVisibilityBody = z.object({ visibility: attachmentVisibility });

/** An answer attachment as staff see it. Download: GET /api/v1/requests/{id}/attachments/{attachmentId}. */
export const answerAttachment = z.object({
  id: z.uuid(),
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  visibility: attachmentVisibility,
  /** The answer it belongs to; null while the upload waits for the answer to be recorded. */
  answerId: z.uuid().nullable(),
  uploadedBy: z.string().nullable(),
  uploadedAt: isoInstant,
  /** When it went on the portal with the answer (null: not published). */
  publishedAt: isoInstant.nullable(),
  /** Its public download link, once published and while the answer stays published. */
  publicUrl: z.string().nullable(),
});
export type AnswerAttachment = z.infer<typeof answerAttachment>;

export const answerAttachmentList = z.object({
  items: z.array(answerAttachment),
  /** Whether the caller may upload files for the answer now (they may record the answer). */
  canUpload: z.boolean(),
});
export type AnswerAttachmentList = z.infer<typeof answerAttachmentList>;

export const answerAttachmentsUploaded = listOf(answerAttachment);

/**
 * A published attachment as the public sees it: its own random id (never the follow code nor the
 * answer's public id), the name, type and size, and the download link.
 */
export const publicAnswerAttachment = z.object({
  id: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string(),
});
export type PublicAnswerAttachment = z.infer<typeof publicAnswerAttachment>;

export const publicAttachmentParams = z.object({ publicId: z.string().max(40) });

/** Where a published attachment is downloaded (the public API, no session). */
export const publicAttachmentUrl = (publicId: string) => `/api/v1/public/answer-attachments/${publicId}`;
