import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { staffErrors, staffReadSecurity, uuid } from "../../../shared/schemas/common.js";
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
import { actorOf } from "../auth.js";
import type { RouteOptions } from "../route-options.js";

const idParams = z.object({ id: uuid });
const errors = staffErrors;
const tags = ["kb"];
const security = staffReadSecurity;

/** Staff API of the Q&A base (Art. 10.1, 14.4, 15.3; R-HA1, R-KB1). */
export const kbRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const kb = services.kb;

  app.get(
    "/api/v1/kb/search",
    {
      config: { action: "kb.read" },
      schema: {
        tags,
        security,
        summary: "Tìm trong bộ câu hỏi – trả lời (không dấu, viết tắt, sai chính tả)",
        querystring: kbStaffSearchQuery,
        response: { 200: z.array(kbStaffSearchHit), ...errors },
      },
    },
    async (request) => {
      const { q, field, limit, status, includeExpired } = request.query;
      return kb.searchStaff(actorOf(request), {
        q,
        field,
        limit,
        statuses: status ? (status.split(",") as KbStatus[]) : undefined,
        includeExpired: includeExpired === "true",
      });
    },
  );

  app.get(
    "/api/v1/kb/entries",
    {
      config: { action: "kb.read" },
      schema: {
        tags,
        security,
        summary: "Danh sách mục hỏi – đáp",
        querystring: kbListQuery,
        response: { 200: kbList, ...errors },
      },
    },
    async (request) => kb.listEntries(actorOf(request), request.query),
  );

  app.post(
    "/api/v1/kb/entries",
    {
      config: { action: "kb.propose" },
      schema: {
        tags,
        security,
        summary: "Tạo bản nháp",
        body: kbEntryInput,
        response: { 201: kbEntry, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await kb.createEntry(actorOf(request), request.body)),
  );

  app.get(
    "/api/v1/kb/entries/:id",
    {
      config: { action: "kb.read" },
      schema: {
        tags,
        security,
        summary: "Một mục hỏi – đáp",
        params: idParams,
        response: { 200: kbEntry, ...errors },
      },
    },
    async (request) => kb.getEntry(actorOf(request), request.params.id),
  );

  app.put(
    "/api/v1/kb/entries/:id",
    {
      config: { action: "kb.propose" },
      schema: {
        tags,
        security,
        summary: "Sửa (phiên bản mới; mục đã công bố thành đề xuất thay đổi)",
        params: idParams,
        body: kbUpdateBody,
        response: { 200: kbEntry, ...errors },
      },
    },
    async (request) =>
      kb.updateEntry(actorOf(request), request.params.id, request.body.baseVersion, request.body.entry),
  );

  app.post(
    "/api/v1/kb/entries/:id/propose",
    {
      config: { action: "kb.propose" },
      schema: {
        tags,
        security,
        summary: "Gửi đề xuất để duyệt",
        params: idParams,
        response: { 200: kbEntry, ...errors },
      },
    },
    async (request) => kb.proposeEntry(actorOf(request), request.params.id),
  );

  app.get(
    "/api/v1/kb/entries/:id/review",
    {
      config: { action: "kb.review" },
      schema: {
        tags,
        security,
        summary: "So sánh đề xuất với bản đang công bố",
        params: idParams,
        response: { 200: kbDiff, ...errors },
      },
    },
    async (request) => kb.reviewEntry(actorOf(request), request.params.id),
  );

  app.post(
    "/api/v1/kb/entries/:id/publish",
    {
      config: { action: "kb.review" },
      schema: {
        tags,
        security,
        summary: "Duyệt và công bố",
        params: idParams,
        body: kbNoteBody,
        response: { 200: kbEntry, ...errors },
      },
    },
    async (request) => kb.publishEntry(actorOf(request), request.params.id, request.body.note),
  );

  app.post(
    "/api/v1/kb/entries/:id/reject",
    {
      config: { action: "kb.review" },
      schema: {
        tags,
        security,
        summary: "Không duyệt, nêu lý do",
        params: idParams,
        body: kbRejectBody,
        response: { 200: kbEntry, ...errors },
      },
    },
    async (request) => kb.rejectEntry(actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    "/api/v1/kb/entries/:id/archive",
    {
      config: { action: "kb.review" },
      schema: {
        tags,
        security,
        summary: "Lưu trữ (ngừng gợi ý)",
        params: idParams,
        body: kbNoteBody,
        response: { 200: kbEntry, ...errors },
      },
    },
    async (request) => kb.archiveEntry(actorOf(request), request.params.id, request.body.note),
  );

  app.get(
    "/api/v1/kb/entries/:id/versions",
    {
      config: { action: "kb.read" },
      schema: {
        tags,
        security,
        summary: "Các phiên bản",
        params: idParams,
        response: { 200: z.array(kbVersion), ...errors },
      },
    },
    async (request) => kb.listVersions(actorOf(request), request.params.id),
  );
};
