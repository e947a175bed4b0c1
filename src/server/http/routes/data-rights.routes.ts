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
import { staffPlugin, staffRoutes } from "../staff-route.js";

const idParams = z.object({ id: z.uuid() });

/**
 * Data-subject rights (PDP Law 91/2025 Art. 4, Decree 356/2025 Art. 5; coordinator), legal holds
 * (coordinator) and retention (administrators). docs/data-rights.md.
 */
export const dataRightsRoutes = staffPlugin(["data-rights"], (route, { services }, app) => {
  const { dataRequests, retention } = services;

  const adminRoute = staffRoutes(app, ["admin"]);

  route.get(
    "/api/v1/data-requests",
    "data_request.manage",
    "Yêu cầu về dữ liệu cá nhân (kèm hạn xác nhận và hạn trả lời)",
    { query: dataRequestListQuery, response: dataRequestList },
    async ({ actor, query }) => dataRequests.list(actor, query),
  );

  route.post(
    "/api/v1/data-requests",
    "data_request.manage",
    "Tiếp nhận yêu cầu của chủ thể dữ liệu",
    { body: createDataRequestBody, response: { 201: dataRequestDetail } },
    async ({ actor, body, reply }) => reply.status(201).send(await dataRequests.create(actor, body)),
  );

  route.get(
    "/api/v1/data-requests/:id",
    "data_request.manage",
    "Hồ sơ yêu cầu về dữ liệu cá nhân (các yêu cầu của người đó)",
    { params: idParams, response: dataRequestDetail },
    async ({ actor, params }) => dataRequests.detail(actor, params.id),
  );

  route.post(
    "/api/v1/data-requests/:id/acknowledge",
    "data_request.manage",
    "Xác nhận đã tiếp nhận (báo cho người yêu cầu)",
    { params: idParams, body: versionBody, response: dataRequestDetail },
    async ({ actor, params, body }) => dataRequests.acknowledge(actor, params.id, body.version),
  );

  route.post(
    "/api/v1/data-requests/:id/execute",
    "data_request.manage",
    "Thực hiện quyền (cung cấp, sửa, xóa, hạn chế, rút đồng ý) và trả lời",
    { params: idParams, body: decideBody, response: dataRequestDetail },
    async ({ actor, params, body }) => dataRequests.execute(actor, params.id, body),
  );

  route.post(
    "/api/v1/data-requests/:id/refuse",
    "data_request.manage",
    "Từ chối có lý do (báo cho người yêu cầu)",
    { params: idParams, body: refuseDataRequestBody, response: dataRequestDetail },
    async ({ actor, params, body }) => dataRequests.refuse(actor, params.id, body),
  );

  route.get(
    "/api/v1/data-requests/:id/export",
    "data_request.manage",
    "Bản sao dữ liệu của người yêu cầu (JSON, ghi nhật ký)",
    { params: idParams, response: dataExport },
    async ({ actor, params, reply }) => {
      const copy = await dataRequests.exportCopy(actor, params.id);
      reply.header("content-disposition", `attachment; filename="${copy.case}.json"`);
      reply.header("cache-control", "no-store");
      return copy;
    },
  );

  route.get(
    "/api/v1/requests/:id/legal-hold",
    "request.legal_hold",
    "Tình trạng phong tỏa pháp lý của yêu cầu",
    { params: idParams, response: legalHoldView },
    async ({ actor, params }) => retention.getHold(actor, params.id),
  );

  route.put(
    "/api/v1/requests/:id/legal-hold",
    "request.legal_hold",
    "Phong tỏa pháp lý: dừng xóa và hết hạn lưu trữ đối với yêu cầu",
    { params: idParams, body: legalHoldBody, response: legalHoldView },
    async ({ actor, params, body }) => retention.setHold(actor, params.id, body.reason),
  );

  route.delete(
    "/api/v1/requests/:id/legal-hold",
    "request.legal_hold",
    "Gỡ phong tỏa pháp lý",
    { params: idParams, response: legalHoldView },
    async ({ actor, params }) => retention.setHold(actor, params.id, null),
  );

  adminRoute.get(
    "/api/v1/admin/retention",
    "retention.manage",
    "Thời hạn lưu trữ dữ liệu cá nhân theo loại hồ sơ, các lần chạy gần đây",
    { response: retentionResponse },
    async ({ actor }) => retention.get(actor),
  );

  adminRoute.put(
    "/api/v1/admin/retention",
    "retention.manage",
    "Sửa thời hạn lưu trữ (ghi nhật ký)",
    { body: retentionBody, response: retentionResponse },
    async ({ actor, body }) => retention.update(actor, body),
  );

  adminRoute.post(
    "/api/v1/admin/retention/run",
    "retention.manage",
    "Chạy việc xóa/ẩn danh hóa dữ liệu hết hạn lưu trữ ngay",
    { response: z.object({ counts: z.record(z.string(), z.number()) }) },
    async ({ actor }) => retention.runNow(actor),
  );
});
