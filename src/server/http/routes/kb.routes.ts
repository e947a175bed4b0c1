import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { uuid } from "../../../shared/schemas/common.js";
import {
  type KbStatus,
  kbDiff,
  kbEntry,
  kbEntryInput,
  kbList,
  kbListQuery,
  kbNoteBody,
  kbRejectBody,
  kbStaffSearchHit,
  kbStaffSearchQuery,
  kbUpdateBody,
  kbVersion,
} from "../../../shared/schemas/kb.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const params = z.object({ id: uuid });
const tags = ["kb"];

/** Staff API of the Q&A base (Art. 10.1, 14.4, 15.3; R-HA1, R-KB1). */
export const kbRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const kb = services.kb;

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/kb/search",
      action: "kb.read",
      tags,
      summary: "Tìm trong bộ câu hỏi – trả lời (không dấu, viết tắt, sai chính tả)",
      querystring: kbStaffSearchQuery,
      response: { 200: z.array(kbStaffSearchHit) },
    },
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

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/kb/entries",
      action: "kb.read",
      tags,
      summary: "Danh sách mục hỏi – đáp",
      querystring: kbListQuery,
      response: { 200: kbList },
    },
    async ({ actor, query }) => kb.listEntries(actor, query),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/kb/entries",
      action: "kb.propose",
      tags,
      summary: "Tạo bản nháp",
      body: kbEntryInput,
      response: { 201: kbEntry },
    },
    async ({ actor, body, reply }) => reply.status(201).send(await kb.createEntry(actor, body)),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/kb/entries/:id",
      action: "kb.read",
      tags,
      summary: "Một mục hỏi – đáp",
      params,
      response: { 200: kbEntry },
    },
    async ({ actor, params }) => kb.getEntry(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "PUT",
      url: "/api/v1/kb/entries/:id",
      action: "kb.propose",
      tags,
      summary: "Sửa (phiên bản mới; mục đã công bố thành đề xuất thay đổi)",
      params,
      body: kbUpdateBody,
      response: { 200: kbEntry },
    },
    async ({ actor, params, body }) => kb.updateEntry(actor, params.id, body.baseVersion, body.entry),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/kb/entries/:id/propose",
      action: "kb.propose",
      tags,
      summary: "Gửi đề xuất để duyệt",
      params,
      response: { 200: kbEntry },
    },
    async ({ actor, params }) => kb.proposeEntry(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/kb/entries/:id/review",
      action: "kb.review",
      tags,
      summary: "So sánh đề xuất với bản đang công bố",
      params,
      response: { 200: kbDiff },
    },
    async ({ actor, params }) => kb.reviewEntry(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/kb/entries/:id/publish",
      action: "kb.review",
      tags,
      summary: "Duyệt và công bố",
      params,
      body: kbNoteBody,
      response: { 200: kbEntry },
    },
    async ({ actor, params, body }) => kb.publishEntry(actor, params.id, body.note),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/kb/entries/:id/reject",
      action: "kb.review",
      tags,
      summary: "Không duyệt, nêu lý do",
      params,
      body: kbRejectBody,
      response: { 200: kbEntry },
    },
    async ({ actor, params, body }) => kb.rejectEntry(actor, params.id, body.reason),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/kb/entries/:id/archive",
      action: "kb.review",
      tags,
      summary: "Lưu trữ (ngừng gợi ý)",
      params,
      body: kbNoteBody,
      response: { 200: kbEntry },
    },
    async ({ actor, params, body }) => kb.archiveEntry(actor, params.id, body.note),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/kb/entries/:id/versions",
      action: "kb.read",
      tags,
      summary: "Các phiên bản",
      params,
      response: { 200: z.array(kbVersion) },
    },
    async ({ actor, params }) => kb.listVersions(actor, params.id),
  );
};
