import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import { findKbDraftFromRequest } from "../db/repositories/kb-proposal.repository.js";
import { findRequest } from "../db/repositories/request.repository.js";
import { textToHtml } from "../domain/kb/content.js";
import { isPublished } from "../domain/publication.js";
import { authorize } from "../policies/authorize.js";
import type { KbService } from "./kb.service.js";
import { assertCanRead } from "./request-access.js";

/**
 * Issue 19, from answer to Q&A entry: one action turns a published agency answer into a Q&A draft,
 * pre-filled with the PUBLISHED texts — the question and answer as redacted for personal data at
 * publication (Art. 12), never the recorded ones — in the answering agency's name. The draft then
 * goes through the usual workflow (edit, propose, review by an administrator: domain/kb/workflow.ts).
 */
export function createKbFromAnswer(ctx: AppContext, kb: KbService) {
  return {
    async proposeKbFromAnswer(
      actor: Actor | null,
      requestId: string,
    ): Promise<{ entryId: string; status: "draft" }> {
      const row = await findRequest(ctx.db, requestId);
      if (!row) throw new AppError("NOT_FOUND");
      const reader = assertCanRead(actor, row);
      if (!isPublished(row) || !row.public_question || !row.public_answer) {
        throw new AppError("INVALID_TRANSITION", "Chỉ đề xuất được từ kết quả trả lời đã công khai.");
      }
      if (!row.answering_agency_id) {
        throw new AppError(
          "INVALID_TRANSITION",
          "Câu trả lời này lấy từ bộ câu hỏi – trả lời; chỉ kết quả trả lời của cơ quan mới đề xuất được.",
        );
      }
      // Agencies write Q&A entries for themselves (Art. 14.4): the answering agency's staff only.
      const me = authorize(reader, "kb.propose", { agencyId: row.answering_agency_id });
      if (await findKbDraftFromRequest(ctx.db, row.id)) {
        throw new AppError("DUPLICATE", "Kết quả trả lời này đã được đề xuất thành câu hỏi – trả lời.");
      }
      const entry = await kb.createEntry(
        me,
        {
          question: row.public_question,
          answerHtml: textToHtml(row.public_answer),
          fieldCode: row.field_code,
          agencyId: row.answering_agency_id,
          legalSources: [],
          keywords: [],
          effectiveFrom: null,
          effectiveUntil: null,
        },
        { requestId: row.id, code: row.code },
      );
      return { entryId: entry.id, status: "draft" };
    },
  };
}
