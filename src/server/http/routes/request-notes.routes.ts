import {
  kbProposalCreated,
  mentionableList,
  noteBody,
  noteList,
  noteView,
  staffFeedbackView,
} from "../../../shared/schemas/feedback.js";
import { staffPlugin, staffRoutes } from "../staff-route.js";
import { requestScope } from "./request-scope.js";

const tags = ["requests"];

/**
 * Issue 19 on one request: staff's internal notes with @mentions, the requester's satisfaction as
 * staff see it, and proposing a published answer as a Q&A draft.
 */
export const requestNoteRoutes = staffPlugin(tags, (route, { services }, app) => {
  const kbRoute = staffRoutes(app, [...tags, "kb"]);

  const request = requestScope(route);
  const notes = request("request.note");
  notes.get(
    "/notes",
    "Ghi chú nội bộ của yêu cầu (ghi chú chuyển phiếu trước), không bao giờ công khai",
    { response: noteList },
    async ({ actor, params }) => ({ notes: await services.notes.listNotes(actor, params.id) }),
  );
  notes.post(
    "/notes",
    "Thêm ghi chú nội bộ; @tên_đăng_nhập nhắc cán bộ (được báo trực tiếp)",
    { body: noteBody, response: { 201: noteView } },
    async ({ actor, params, body }) => services.notes.addNote(actor, params.id, body.body),
  );
  notes.get(
    "/notes/mentionable",
    "Cán bộ có thể nhắc trong ghi chú (những người được xem yêu cầu)",
    { response: mentionableList },
    async ({ actor, params }) => services.notes.mentionable(actor, params.id),
  );

  request("request.read").get(
    "/feedback",
    "Đánh giá của người yêu cầu về kết quả trả lời (kể cả ý kiến)",
    { response: staffFeedbackView },
    async ({ actor, params }) => services.feedback.feedbackOf(actor, params.id),
  );

  requestScope(kbRoute)("kb.propose").post(
    "/kb-proposal",
    "Đề xuất kết quả trả lời đã công khai (đã che thông tin cá nhân) thành câu hỏi – trả lời (bản nháp)",
    { response: { 201: kbProposalCreated } },
    async ({ actor, params }) => services.kbFromAnswer.proposeKbFromAnswer(actor, params.id),
  );
});
