import { idParams } from "../../../shared/schemas/common.js";
import {
  kbProposalCreated,
  mentionableList,
  noteBody,
  noteList,
  noteView,
  staffFeedbackView,
} from "../../../shared/schemas/feedback.js";
import { staffPlugin, staffRoutes } from "../staff-route.js";

const tags = ["requests"];

/**
 * Issue 19 on one request: staff's internal notes with @mentions, the requester's satisfaction as
 * staff see it, and proposing a published answer as a Q&A draft.
 */
export const requestNoteRoutes = staffPlugin(tags, (route, { services }, app) => {
  const kbRoute = staffRoutes(app, [...tags, "kb"]);

  const notes = route.group("/api/v1/requests/:id/notes", "request.note", { params: idParams });
  notes.get(
    "",
    "Ghi chú nội bộ của yêu cầu (ghi chú chuyển phiếu trước), không bao giờ công khai",
    { response: noteList },
    async ({ actor, params }) => ({ notes: await services.notes.listNotes(actor, params.id) }),
  );
  notes.post(
    "",
    "Thêm ghi chú nội bộ; @tên_đăng_nhập nhắc cán bộ (được báo trực tiếp)",
    { body: noteBody, response: { 201: noteView } },
    async ({ actor, params, body }) => services.notes.addNote(actor, params.id, body.body),
  );
  notes.get(
    "/mentionable",
    "Cán bộ có thể nhắc trong ghi chú (những người được xem yêu cầu)",
    { response: mentionableList },
    async ({ actor, params }) => services.notes.mentionable(actor, params.id),
  );

  route.get(
    "/api/v1/requests/:id/feedback",
    "request.read",
    "Đánh giá của người yêu cầu về kết quả trả lời (kể cả ý kiến)",
    { params: idParams, response: staffFeedbackView },
    async ({ actor, params }) => services.feedback.feedbackOf(actor, params.id),
  );

  kbRoute.post(
    "/api/v1/requests/:id/kb-proposal",
    "kb.propose",
    "Đề xuất kết quả trả lời đã công khai (đã che thông tin cá nhân) thành câu hỏi – trả lời (bản nháp)",
    { params: idParams, response: { 201: kbProposalCreated } },
    async ({ actor, params }) => services.kbFromAnswer.proposeKbFromAnswer(actor, params.id),
  );
});
