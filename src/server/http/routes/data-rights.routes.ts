import { z } from "zod";
import { idParams } from "../../../shared/schemas/common.js";
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
import { staffPlugin } from "../staff-route.js";
import { requestScope } from "./request-scope.js";

/**
 * Data-subject rights (PDP Law 91/2025 Art. 4, Decree 356/2025 Art. 5; coordinator), legal holds
 * (coordinator) and retention (administrators). docs/data-rights.md.
 */
export const dataRightsRoutes = staffPlugin(["data-rights"], (route, { services }) => {
  const { dataRequests, retention } = services;

  const list = route.group("/api/v1/data-requests", "data_request.manage");
  list.get(
    "",
    "Yêu cầu về dữ liệu cá nhân (kèm hạn xác nhận và hạn trả lời)",
    { query: dataRequestListQuery, response: dataRequestList },
    async ({ actor, query }) => dataRequests.list(actor, query),
  );
  list.post(
    "",
    "Tiếp nhận yêu cầu của chủ thể dữ liệu",
    { body: createDataRequestBody, response: { 201: dataRequestDetail } },
    async ({ actor, body }) => dataRequests.create(actor, body),
  );

  const dataRequest = route.group("/api/v1/data-requests/:id", "data_request.manage", {
    params: idParams,
    response: dataRequestDetail,
  });
  dataRequest.get(
    "",
    "Hồ sơ yêu cầu về dữ liệu cá nhân (các yêu cầu của người đó)",
    async ({ actor, params }) => dataRequests.detail(actor, params.id),
  );
  dataRequest.post(
    "/acknowledge",
    "Xác nhận đã tiếp nhận (báo cho người yêu cầu)",
    { body: versionBody },
    async ({ actor, params, body }) => dataRequests.acknowledge(actor, params.id, body.version),
  );
  dataRequest.post(
    "/execute",
    "Thực hiện quyền (cung cấp, sửa, xoá, hạn chế, rút đồng ý) và trả lời",
    { body: decideBody },
    async ({ actor, params, body }) => dataRequests.execute(actor, params.id, body),
  );
  dataRequest.post(
    "/refuse",
    "Từ chối có lý do (báo cho người yêu cầu)",
    { body: refuseDataRequestBody },
    async ({ actor, params, body }) => dataRequests.refuse(actor, params.id, body),
  );
  dataRequest.get(
    "/export",
    "Bản sao dữ liệu của người yêu cầu (JSON, ghi nhật ký)",
    { response: dataExport },
    async ({ actor, params, reply }) => {
      const copy = await dataRequests.exportCopy(actor, params.id);
      reply.header("content-disposition", `attachment; filename="${copy.case}.json"`);
      reply.header("cache-control", "no-store");
      return copy;
    },
  );

  const legalHold = requestScope(route, legalHoldView)("request.legal_hold");
  legalHold.get("/legal-hold", "Tình trạng phong toả pháp lý của yêu cầu", async ({ actor, params }) =>
    retention.getHold(actor, params.id),
  );
  legalHold.put(
    "/legal-hold",
    "Phong toả pháp lý: dừng xoá và hết hạn lưu trữ đối với yêu cầu",
    { body: legalHoldBody },
    async ({ actor, params, body }) => retention.setHold(actor, params.id, body.reason),
  );
  legalHold.delete("/legal-hold", "Gỡ phong toả pháp lý", async ({ actor, params }) =>
    retention.setHold(actor, params.id, null),
  );

  const retentionRoute = route.group("/api/v1/admin/retention", "retention.manage", { tags: ["admin"] });
  retentionRoute.get(
    "",
    "Thời hạn lưu trữ dữ liệu cá nhân theo loại hồ sơ, các lần chạy gần đây",
    { response: retentionResponse },
    async ({ actor }) => retention.get(actor),
  );
  retentionRoute.put(
    "",
    "Sửa thời hạn lưu trữ (ghi nhật ký)",
    { body: retentionBody, response: retentionResponse },
    async ({ actor, body }) => retention.update(actor, body),
  );
  retentionRoute.post(
    "/run",
    "Chạy việc xoá/ẩn danh hoá dữ liệu hết hạn lưu trữ ngay",
    { response: z.object({ counts: z.record(z.string(), z.number()) }) },
    async ({ actor }) => retention.runNow(actor),
  );
});
