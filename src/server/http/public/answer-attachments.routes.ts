import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { publicAttachmentParams } from "../../../shared/schemas/answer-attachments.js";
import { sendDownload } from "../file-download.js";
import type { RouteOptions } from "../route-options.js";
import { publicRead } from "./public-read.js";

/**
 * Issue 19: a file published with an answer, under its own random public id (never the follow
 * code nor the answer's id). Internal, unpublished and taken-down files are the same 404.
 */
export const publicAnswerAttachmentRoutes: FastifyPluginAsyncZod<RouteOptions> = async (
  app,
  { services },
) => {
  app.get(
    "/api/v1/public/answer-attachments/:publicId",
    publicRead({
      summary: "Tải tệp đính kèm đã công khai cùng kết quả trả lời",
      params: publicAttachmentParams,
    }),
    async (request, reply) => {
      const file = await services.answerAttachments.downloadPublished(request.params.publicId);
      return sendDownload(reply, file);
    },
  );
};
