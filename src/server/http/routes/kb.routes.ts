import { z } from "zod";
import type { Actor } from "../../../shared/permissions.js";
import { uuid } from "../../../shared/schemas/common.js";
import {
  type KbEntry,
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

const params = z.object({ id: uuid });

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

  route.get(
    "/api/v1/kb/entries",
    "kb.read",
    "Danh sách mục hỏi – đáp",
    { query: kbListQuery, response: kbList },
    async ({ actor, query }) => kb.listEntries(actor, query),
  );

  route.post(
    "/api/v1/kb/entries",
    "kb.propose",
    "Tạo bản nháp",
    { body: kbEntryInput, response: { 201: kbEntry } },
    async ({ actor, body, reply }) => reply.status(201).send(await kb.createEntry(actor, body)),
  );

  route.get(
    "/api/v1/kb/entries/:id",
    "kb.read",
    "Một mục hỏi – đáp",
    { params, response: kbEntry },
    async ({ actor, params }) => kb.getEntry(actor, params.id),
  );

  route.put(
    "/api/v1/kb/entries/:id",
    "kb.propose",
    "Sửa (phiên bản mới; mục đã công bố thành đề xuất thay đổi)",
    { params, body: kbUpdateBody, response: kbEntry },
    async ({ actor, params, body }) => kb.updateEntry(actor, params.id, body.baseVersion, body.entry),
  );

  route.post(
    "/api/v1/kb/entries/:id/propose",
    "kb.propose",
    "Gửi đề xuất để duyệt",
    { params, response: kbEntry },
    async ({ actor, params }) => kb.proposeEntry(actor, params.id),
  );

  route.get(
    "/api/v1/kb/entries/:id/review",
    "kb.review",
    "So sánh đề xuất với bản đang công bố",
    { params, response: kbDiff },
    async ({ actor, params }) => kb.reviewEntry(actor, params.id),
  );

  /** A reviewer's decision on an entry (the Q&A workflow decides whether it applies). */
  const decision = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    decide: (actor: Actor, id: string, body: z.output<B>) => Promise<KbEntry>,
  ) =>
    route.post(
      `/api/v1/kb/entries/:id/${path}`,
      "kb.review",
      summary,
      { params, body, response: kbEntry },
      async ({ actor, params, body }) => decide(actor, params.id, body),
    );
  decision("publish", "Duyệt và công bố", kbPublishBody, (actor, id, b) =>
    kb.publishEntry(actor, id, b.note, b.confirmedNotPersonal),
  );
  decision("reject", "Không duyệt, nêu lý do", kbRejectBody, (actor, id, b) =>
    kb.rejectEntry(actor, id, b.reason),
  );
  decision("archive", "Lưu trữ (ngừng gợi ý)", kbNoteBody, (actor, id, b) =>
    kb.archiveEntry(actor, id, b.note),
  );

  route.get(
    "/api/v1/kb/entries/:id/versions",
    "kb.read",
    "Các phiên bản",
    { params, response: z.array(kbVersion) },
    async ({ actor, params }) => kb.listVersions(actor, params.id),
  );
});
