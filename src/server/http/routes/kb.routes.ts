import { z } from "zod";
import { idParams } from "../../../shared/schemas/common.js";
import {
  type KbStatus,
  kbDiff,
  kbEntry,
  kbEntryInput,
  kbList,
  kbListQuery,
  kbNoteBody,
  kbPublishBody,
  kbRejectBody,
  kbStaffSearchHit,
  kbStaffSearchQuery,
  kbUpdateBody,
  kbVersion,
} from "../../../shared/schemas/kb.js";
import { staffPlugin } from "../staff-route.js";

/** Staff API of the Q&A base (Art. 10.1, 14.4, 15.3; R-HA1, R-KB1). */
export const kbRoutes = staffPlugin(["kb"], (route, { services }) => {
  const kb = services.kb;

  route.get(
    "/api/v1/kb/search",
    "kb.read",
    "Tìm trong bộ câu hỏi – trả lời (không dấu, viết tắt, sai chính tả)",
    { query: kbStaffSearchQuery, response: z.array(kbStaffSearchHit) },
    async ({ actor, query }) => {
      const { q, field, limit, status, includeExpired } = query;
      return kb.searchStaff(actor, {
        q,
        field,
        limit,
        statuses: status ? (status.split(",") as KbStatus[]) : undefined,
        includeExpired: includeExpired === "true",
      });
    },
  );

  const entries = route.groups("/api/v1/kb/entries");
  entries("kb.read").get(
    "",
    "Danh sách mục hỏi – đáp",
    { query: kbListQuery, response: kbList },
    async ({ actor, query }) => kb.listEntries(actor, query),
  );
  entries("kb.propose").post(
    "",
    "Tạo bản nháp",
    { body: kbEntryInput, response: { 201: kbEntry } },
    async ({ actor, body }) => kb.createEntry(actor, body),
  );

  /** One entry, read with the reader's action, changed with the proposer's or the reviewer's. */
  const entry = route.groups("/api/v1/kb/entries/:id", { params: idParams, response: kbEntry });
  entry("kb.read").get("", "Một mục hỏi – đáp", async ({ actor, params }) => kb.getEntry(actor, params.id));
  entry("kb.propose").put(
    "",
    "Sửa (phiên bản mới; mục đã công bố thành đề xuất thay đổi)",
    { body: kbUpdateBody },
    async ({ actor, params, body }) => kb.updateEntry(actor, params.id, body.baseVersion, body.entry),
  );
  entry("kb.propose").post("/propose", "Gửi đề xuất để duyệt", async ({ actor, params }) =>
    kb.proposeEntry(actor, params.id),
  );
  entry("kb.review").get(
    "/review",
    "So sánh đề xuất với bản đang công bố",
    { response: kbDiff },
    async ({ actor, params }) => kb.reviewEntry(actor, params.id),
  );

  // A reviewer's decisions (the Q&A workflow decides whether each applies).
  const review = entry("kb.review");
  review.post("/publish", "Duyệt và công bố", { body: kbPublishBody }, async ({ actor, params, body }) =>
    kb.publishEntry(actor, params.id, body.note, body.confirmedNotPersonal),
  );
  review.post("/reject", "Không duyệt, nêu lý do", { body: kbRejectBody }, async ({ actor, params, body }) =>
    kb.rejectEntry(actor, params.id, body.reason),
  );
  review.post("/archive", "Lưu trữ (ngừng gợi ý)", { body: kbNoteBody }, async ({ actor, params, body }) =>
    kb.archiveEntry(actor, params.id, body.note),
  );

  entry("kb.read").get(
    "/versions",
    "Các phiên bản",
    { response: z.array(kbVersion) },
    async ({ actor, params }) => kb.listVersions(actor, params.id),
  );
});
