import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
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

  /** A reviewer's decision on an entry (the Q&A workflow decides whether it applies). */
  const decision = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    decide: (actor: Actor, id: string, body: z.output<B>) => Promise<KbEntry>,
  ) =>
    staffRoute(
      app,
      {
        method: "POST",
        url: `/api/v1/kb/entries/:id/${path}`,
        action: "kb.review",
        tags,
        summary,
        params,
        body,
        response: { 200: kbEntry },
      },
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
