import { z } from "zod";
import {
  answerAttachment,
  answerAttachmentList,
  answerAttachmentParams,
  answerAttachmentsUploaded,
  answerAttachmentUploadBody,
  answerAttachmentVisibilityBody,
} from "../../../shared/schemas/answer-attachments.js";
import { errorResponse } from "../../../shared/schemas/common.js";
import { readMultipartBody, takeUploads } from "../public/uploads.js";
import { staffPlugin } from "../staff-route.js";
import { requestScope } from "./request-scope.js";

/** Whoever records an answer: the agency holding the slip, or the desk answering from the Q&A base. */
const answering = ["slip.record_answer", "request.answer_from_kb"] as const;
/** Whoever records or publishes an answer decides what of it is public. */
const deciding = [...answering, "request.publish_agency_answer", "request.publish_kb_answer"] as const;

/**
 * Issue 19: files of an answer (official letter, photos). Downloads go through the request's
 * attachment route (GET /requests/{id}/attachments/{attachmentId}, in the access log).
 */
export const answerAttachmentRoutes = staffPlugin(["requests"], (route, { services }) => {
  const files = services.answerAttachments;
  const ofRequest = requestScope(route);

  ofRequest("request.read").get(
    "/answer-attachments",
    "Tệp đính kèm câu trả lời (công văn, ảnh), công khai hay nội bộ",
    { response: answerAttachmentList },
    async ({ actor, params }) => files.list(actor, params.id),
  );

  ofRequest(answering).post(
    "/answer-attachments",
    "Tải tệp đính kèm cho câu trả lời (multipart/form-data: tệp trong “attachments”, trường “visibility”); gửi câu trả lời kèm attachmentIds",
    {
      body: answerAttachmentUploadBody,
      consumes: ["multipart/form-data"],
      preValidation: readMultipartBody,
      response: { 201: answerAttachmentsUploaded, 413: errorResponse, 415: errorResponse },
    },
    async ({ actor, params, body, request }) => {
      const items = await files.upload(actor, params.id, body.visibility, takeUploads(request));
      return { items };
    },
  );

  ofRequest(deciding).patch(
    "/answer-attachments/:attachmentId",
    "Đổi chế độ tệp đính kèm câu trả lời: công khai hoặc nội bộ (trước khi công khai)",
    { params: answerAttachmentParams, body: answerAttachmentVisibilityBody, response: answerAttachment },
    async ({ actor, params, body }) =>
      files.setVisibility(actor, params.id, params.attachmentId, body.visibility),
  );

  ofRequest(answering).delete(
    "/answer-attachments/:attachmentId",
    "Bỏ tệp đã tải lên nhưng chưa gửi cùng câu trả lời",
    { params: answerAttachmentParams, response: { 204: z.null() } },
    async ({ actor, params }) => files.remove(actor, params.id, params.attachmentId),
  );
});
