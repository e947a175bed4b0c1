import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createDataRequestBody,
  dataExport,
  dataRequestDetail,
  dataRequestList,
  dataRequestListQuery,
  decideBody,
  legalHoldBody,
  legalHoldView,
  refuseDataRequestBody,
  retentionBody,
  retentionResponse,
  versionBody,
} from "../../../shared/schemas/data-rights.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["data-rights"];
const idParams = z.object({ id: z.uuid() });

/**
 * Data-subject rights (PDP Law 91/2025 Art. 4, Decree 356/2025 Art. 5; coordinator), legal holds
 * (coordinator) and retention (administrators). docs/data-rights.md.
 */
export const dataRightsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const { dataRequests, retention } = services;

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/data-requests",
      action: "data_request.manage",
      tags,
      summary: "Yêu cầu về dữ liệu cá nhân (kèm hạn xác nhận và hạn trả lời)",
      querystring: dataRequestListQuery,
      response: { 200: dataRequestList },
    },
    async ({ actor, query }) => dataRequests.list(actor, query),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/data-requests",
      action: "data_request.manage",
      tags,
      summary: "Tiếp nhận yêu cầu của chủ thể dữ liệu",
      body: createDataRequestBody,
      response: { 201: dataRequestDetail },
    },
    async ({ actor, body, reply }) => reply.status(201).send(await dataRequests.create(actor, body)),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/data-requests/:id",
      action: "data_request.manage",
      tags,
      summary: "Hồ sơ yêu cầu về dữ liệu cá nhân (các yêu cầu của người đó)",
      params: idParams,
      response: { 200: dataRequestDetail },
    },
    async ({ actor, params }) => dataRequests.detail(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/data-requests/:id/acknowledge",
      action: "data_request.manage",
      tags,
      summary: "Xác nhận đã tiếp nhận (báo cho người yêu cầu)",
      params: idParams,
      body: versionBody,
      response: { 200: dataRequestDetail },
    },
    async ({ actor, params, body }) => dataRequests.acknowledge(actor, params.id, body.version),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/data-requests/:id/execute",
      action: "data_request.manage",
      tags,
      summary: "Thực hiện quyền (cung cấp, sửa, xóa, hạn chế, rút đồng ý) và trả lời",
      params: idParams,
      body: decideBody,
      response: { 200: dataRequestDetail },
    },
    async ({ actor, params, body }) => dataRequests.execute(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/data-requests/:id/refuse",
      action: "data_request.manage",
      tags,
      summary: "Từ chối có lý do (báo cho người yêu cầu)",
      params: idParams,
      body: refuseDataRequestBody,
      response: { 200: dataRequestDetail },
    },
    async ({ actor, params, body }) => dataRequests.refuse(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/data-requests/:id/export",
      action: "data_request.manage",
      tags,
      summary: "Bản sao dữ liệu của người yêu cầu (JSON, ghi nhật ký)",
      params: idParams,
      response: { 200: dataExport },
    },
    async ({ actor, params, reply }) => {
      const copy = await dataRequests.exportCopy(actor, params.id);
      reply.header("content-disposition", `attachment; filename="${copy.case}.json"`);
      reply.header("cache-control", "no-store");
      return copy;
    },
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests/:id/legal-hold",
      action: "request.legal_hold",
      tags,
      summary: "Tình trạng phong tỏa pháp lý của yêu cầu",
      params: idParams,
      response: { 200: legalHoldView },
    },
    async ({ actor, params }) => retention.getHold(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "PUT",
      url: "/api/v1/requests/:id/legal-hold",
      action: "request.legal_hold",
      tags,
      summary: "Phong tỏa pháp lý: dừng xóa và hết hạn lưu trữ đối với yêu cầu",
      params: idParams,
      body: legalHoldBody,
      response: { 200: legalHoldView },
    },
    async ({ actor, params, body }) => retention.setHold(actor, params.id, body.reason),
  );

  staffRoute(
    app,
    {
      method: "DELETE",
      url: "/api/v1/requests/:id/legal-hold",
      action: "request.legal_hold",
      tags,
      summary: "Gỡ phong tỏa pháp lý",
      params: idParams,
      response: { 200: legalHoldView },
    },
    async ({ actor, params }) => retention.setHold(actor, params.id, null),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/admin/retention",
      action: "retention.manage",
      tags: ["admin"],
      summary: "Thời hạn lưu trữ dữ liệu cá nhân theo loại hồ sơ, các lần chạy gần đây",
      response: { 200: retentionResponse },
    },
    async ({ actor }) => retention.get(actor),
  );

  staffRoute(
    app,
    {
      method: "PUT",
      url: "/api/v1/admin/retention",
      action: "retention.manage",
      tags: ["admin"],
      summary: "Sửa thời hạn lưu trữ (ghi nhật ký)",
      body: retentionBody,
      response: { 200: retentionResponse },
    },
    async ({ actor, body }) => retention.update(actor, body),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/admin/retention/run",
      action: "retention.manage",
      tags: ["admin"],
      summary: "Chạy việc xóa/ẩn danh hóa dữ liệu hết hạn lưu trữ ngay",
      response: { 200: z.object({ counts: z.record(z.string(), z.number()) }) },
    },
    async ({ actor }) => retention.runNow(actor),
  );
};
