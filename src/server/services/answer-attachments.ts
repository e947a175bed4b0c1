import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import { ATTACHMENT_LIMITS } from "../../shared/portal.js";
import type { RequestAction } from "../../shared/request-status.js";
import {
  type AnswerAttachment,
  type AnswerAttachmentList,
  type AttachmentVisibility,
  type PublicAnswerAttachment,
  publicAttachmentUrl,
} from "../../shared/schemas/answer-attachments.js";
import { formatVnIso, formatVnIsoOrNull } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import {
  type AnswerAttachmentRow,
  countPending,
  deletePending,
  findAnswerAttachment,
  findPublishedContent,
  linkToAnswer,
  listAnswerAttachments,
  listPublishedOf,
  type PublicAttachmentRow,
  publishWithAnswer,
  setVisibility,
} from "../db/repositories/answer-attachment.repository.js";
import { insertAttachment, type StoredFile } from "../db/repositories/attachment.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { findRequest, lockRequest, type RequestRow } from "../db/repositories/request.repository.js";
import { listAnswers } from "../db/repositories/slip.repository.js";
import { answerOwner, isPublished, publicAnswerIdPattern } from "../domain/publication.js";
import { actionsFrom } from "../domain/request-state.js";
import { allowedActions, assertCanRead } from "./request-access.js";
import type { Step } from "./request-steps.js";

/**
 * Issue 19, answers with attachments. The files are checked and stored as the requester's uploads
 * are (http/public/uploads.ts reads and sniffs them; the `attachments` table keeps them; staff
 * download them through GET /requests/{id}/attachments/{attachmentId}, each download in the access
 * log). Whoever may record the answer uploads them before sending the answer form, which names them
 * (`attachmentIds`); publishing the answer publishes its public ones, each confirmed by the
 * publisher as checked for personal data (a file is not redacted automatically: the agency uploads
 * a redacted copy as public and keeps the original internal).
 */

const ANSWERING: readonly RequestAction[] = ["record_answer", "answer_from_kb"];
const MAX = ATTACHMENT_LIMITS.maxFiles;

/** Whether `actor` may record this request's answer now (hence upload its files). */
function mayAnswer(actor: Actor, row: RequestRow): boolean {
  return allowedActions(actor, row, null).some((a) => ANSWERING.includes(a));
}

function assertMayAnswer(actor: Actor, row: RequestRow): void {
  if (mayAnswer(actor, row)) return;
  if (!actionsFrom(row.status).some((a) => ANSWERING.includes(a))) {
    throw new AppError(
      "INVALID_TRANSITION",
      "Chỉ tải tệp đính kèm lên khi yêu cầu đang chờ ghi nhận câu trả lời.",
    );
  }
  throw new AppError("FORBIDDEN");
}

function present(row: RequestRow, a: AnswerAttachmentRow): AnswerAttachment {
  return {
    id: a.id,
    filename: a.filename,
    mimeType: a.mime_type,
    sizeBytes: a.size_bytes,
    visibility: a.visibility,
    answerId: a.answer_id,
    uploadedBy: a.uploader_name,
    uploadedAt: formatVnIso(a.created_at),
    publishedAt: formatVnIsoOrNull(a.published_at),
    publicUrl: a.published_at && isPublished(row) ? publicAttachmentUrl(a.public_id) : null,
  };
}

export function presentPublicAttachment(a: PublicAttachmentRow): PublicAnswerAttachment {
  return {
    id: a.public_id,
    filename: a.filename,
    mimeType: a.mime_type,
    sizeBytes: a.size_bytes,
    url: publicAttachmentUrl(a.public_id),
  };
}

const event = (tx: Executor, actor: Actor, requestId: string, kind: string, data: Record<string, unknown>) =>
  appendEvent(tx, { actor, entity: "request", entityId: requestId, requestId, kind, data });

export function createAnswerAttachmentService(ctx: AppContext) {
  const { db } = ctx;

  /** Locks the request, reads it and checks the actor may read it: the start of every change. */
  async function locked(tx: Executor, actor: Actor | null, requestId: string) {
    if (!actor) throw new AppError("UNAUTHENTICATED");
    const row = (await lockRequest(tx, requestId)) ? await findRequest(tx, requestId) : undefined;
    if (!row) throw new AppError("NOT_FOUND");
    return { reader: assertCanRead(actor, row), row };
  }

  async function attachmentOf(tx: Executor, requestId: string, id: string) {
    const a = await findAnswerAttachment(tx, requestId, id);
    if (!a) throw new AppError("NOT_FOUND");
    return a;
  }

  return {
    async list(actor: Actor | null, requestId: string): Promise<AnswerAttachmentList> {
      if (!actor) throw new AppError("UNAUTHENTICATED");
      const row = await findRequest(db, requestId);
      if (!row) throw new AppError("NOT_FOUND");
      const reader = assertCanRead(actor, row);
      const items = await listAnswerAttachments(db, requestId);
      return { items: items.map((a) => present(row, a)), canUpload: mayAnswer(reader, row) };
    },

    /** Stores verified files for the answer being written; all or none, at most MAX waiting per person. */
    async upload(
      actor: Actor | null,
      requestId: string,
      visibility: AttachmentVisibility,
      files: readonly StoredFile[], // verified: magic bytes checked by readMultipartBody
    ): Promise<AnswerAttachment[]> {
      if (files.length === 0) {
        throw invalidField("attachments", "Vui lòng chọn ít nhất một tệp.", { code: "required" });
      }
      return db.transaction(async (tx) => {
        const { reader, row } = await locked(tx, actor, requestId);
        assertMayAnswer(reader, row);
        const waiting = await countPending(tx, requestId, reader.userId);
        if (waiting + files.length > MAX) {
          throw new AppError(
            "PAYLOAD_TOO_LARGE",
            `Mỗi câu trả lời kèm tối đa ${MAX} tệp; bạn đã tải lên ${waiting} tệp chưa gửi cùng câu trả lời.`,
          );
        }
        const ids: string[] = [];
        for (const file of files) {
          ids.push(await insertAttachment(tx, requestId, file, { uploadedBy: reader.userId, visibility }));
        }
        await event(tx, reader, requestId, "answer_attachment_added", {
          attachments: files.map((f, i) => ({ id: ids[i], filename: f.filename, visibility })),
        });
        const stored = await listAnswerAttachments(tx, requestId);
        return stored.filter((a) => ids.includes(a.id)).map((a) => present(row, a));
      });
    },

    /**
     * Public or internal. A waiting upload is its uploader's; once the answer is recorded, whoever
     * may publish it decides, until it is published (then the coordinator's takedown comes first).
     */
    async setVisibility(
      actor: Actor | null,
      requestId: string,
      attachmentId: string,
      visibility: AttachmentVisibility,
    ): Promise<AnswerAttachment> {
      return db.transaction(async (tx) => {
        const { reader, row } = await locked(tx, actor, requestId);
        const a = await attachmentOf(tx, requestId, attachmentId);
        if (a.answer_id === null) {
          if (a.uploaded_by !== reader.userId) throw new AppError("FORBIDDEN");
        } else if (
          !allowedActions(reader, row, answerOwner((await listAnswers(tx, requestId))[0])).includes("publish")
        ) {
          if (isPublished(row)) {
            throw new AppError(
              "INVALID_TRANSITION",
              "Câu trả lời đang được công khai: đề nghị Điều phối gỡ xuống trước khi đổi chế độ của tệp đính kèm.",
            );
          }
          throw new AppError("NOT_ANSWER_OWNER");
        }
        if (a.visibility !== visibility) {
          await setVisibility(tx, a.id, visibility);
          await event(tx, reader, requestId, "answer_attachment_visibility", {
            attachmentId: a.id,
            filename: a.filename,
            from: a.visibility,
            to: visibility,
          });
        }
        return present(row, await attachmentOf(tx, requestId, attachmentId));
      });
    },

    /** Removes a waiting upload (its uploader only); a file of a recorded answer stays on record. */
    async remove(actor: Actor | null, requestId: string, attachmentId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const { reader } = await locked(tx, actor, requestId);
        const a = await attachmentOf(tx, requestId, attachmentId);
        if (a.answer_id !== null) {
          throw new AppError(
            "INVALID_TRANSITION",
            "Tệp đã thuộc câu trả lời đã ghi nhận nên được lưu trong hồ sơ; có thể chuyển sang chế độ nội bộ.",
          );
        }
        if (a.uploaded_by !== reader.userId) throw new AppError("FORBIDDEN");
        await deletePending(tx, a.id);
        await event(tx, reader, requestId, "answer_attachment_removed", {
          attachmentId: a.id,
          filename: a.filename,
        });
      });
    },

    /** The published attachments of a public answer (/hoi-dap/<publicId>). */
    async publishedOf(answerPublicId: string): Promise<PublicAnswerAttachment[]> {
      return (await listPublishedOf(db, answerPublicId)).map(presentPublicAttachment);
    },

    /** A published attachment by its own public id; anything else is the same 404. */
    async downloadPublished(publicId: string) {
      const id = publicId.trim().toLowerCase();
      const file = publicAnswerIdPattern.test(id) ? await findPublishedContent(db, id) : undefined;
      if (!file) throw new AppError("NOT_FOUND");
      return file;
    },
  };
}

export type AnswerAttachmentService = ReturnType<typeof createAnswerAttachmentService>;

/**
 * Hook of record_answer and answer_from_kb (request-actions.service.ts): the answer takes the
 * uploads it names — the answering person's own, of this request, not yet on an answer.
 */
export async function attachToAnswer(
  s: Step,
  answerId: string,
  ids: readonly string[] | undefined,
): Promise<{ attachmentIds?: string[] }> {
  if (!ids?.length) return {};
  const unique = [...new Set(ids)];
  const tied = await linkToAnswer(s.tx, {
    requestId: s.row.id,
    answerId,
    uploadedBy: s.actor.userId,
    ids: unique,
  });
  if (tied !== unique.length) {
    const message =
      "Tệp đính kèm không tồn tại, đã thuộc một câu trả lời khác hoặc không do bạn tải lên cho yêu cầu này.";
    throw invalidField("attachmentIds", message, { code: "unknown_attachment" });
  }
  return { attachmentIds: unique };
}

/**
 * Hook of publish: every public attachment of the published answer must be confirmed by the
 * publisher as checked for personal data (`attachmentsChecked`), else 400 PERSONAL_DATA naming each;
 * then they go out with the answer and everything else stays in.
 */
export async function publishAttachments(
  s: Step,
  answerId: string,
  checked: readonly string[] | undefined,
): Promise<{ attachments?: { id: string; filename: string; publicId: string }[] }> {
  const own = (await listAnswerAttachments(s.tx, s.row.id)).filter((a) => a.answer_id === answerId);
  const shown = own.filter((a) => a.visibility === "public");
  const confirmed = new Set(checked ?? []);
  const stray = [...confirmed].filter((id) => !shown.some((a) => a.id === id));
  if (stray.length > 0) {
    const message = "Chỉ xác nhận các tệp công khai của câu trả lời đang công khai.";
    throw new AppError("VALIDATION", message, {
      details: stray.map((id) => ({
        field: "attachmentsChecked",
        code: "not_public_attachment",
        message,
        text: id,
      })),
    });
  }
  const unchecked = shown.filter((a) => !confirmed.has(a.id));
  if (unchecked.length > 0) {
    throw new AppError(
      "PERSONAL_DATA",
      "Tệp đính kèm công khai phải được xác nhận đã kiểm tra thông tin cá nhân, hoặc chuyển sang chế độ nội bộ.",
      {
        details: unchecked.map((a) => ({
          field: "attachmentsChecked",
          code: "attachment_unchecked",
          message: `Tệp “${a.filename}” sẽ được công khai: xác nhận đã kiểm tra và che thông tin cá nhân, hoặc chuyển sang nội bộ.`,
          text: a.id,
        })),
      },
    );
  }
  await publishWithAnswer(s.tx, { requestId: s.row.id, answerId, checkedBy: s.actor.userId, at: s.now });
  if (shown.length === 0) return {};
  return { attachments: shown.map((a) => ({ id: a.id, filename: a.filename, publicId: a.public_id })) };
}
