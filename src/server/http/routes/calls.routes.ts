import { z } from "zod";
import {
  callIdParams,
  callList,
  callListQuery,
  callView,
  transferCallBody,
} from "../../../shared/schemas/calls.js";
import { errorResponse } from "../../../shared/schemas/common.js";
import { staffPlugin } from "../staff-route.js";
import { requestScope } from "./request-scope.js";

/** The pick-up's refusals, by their stable code (details[0].code), for the OpenAPI document. */
const pickUpRefused = errorResponse.describe(
  "Không nhận được cuộc gọi: INVALID_TRANSITION — cuộc gọi đã kết thúc, hoặc `request_saved` (đã lưu thành yêu cầu); " +
    "CONFLICT — `ringing_elsewhere` (đang đổ chuông ở máy của cán bộ khác) hoặc đang do cán bộ khác nghe.",
);

/** The switchboard on the console (issue 12, docs/phone.md): calls, pick-up, transfer, callback, recordings. */
export const callRoutes = staffPlugin(["phone"], (route, { services }) => {
  const { calls } = services;

  route.get(
    "/api/v1/calls",
    "call.handle",
    "Cuộc gọi đang diễn ra (live) hoặc danh sách cần gọi lại (callbacks)",
    { query: callListQuery, response: callList },
    async ({ actor, query }) => calls.list(actor, query.queue),
  );

  const call = route.group("/api/v1/calls/:callId", "call.handle", {
    params: callIdParams,
    response: callView,
  });
  call.get(
    "",
    "Một cuộc gọi: số gọi, thời gian, người nghe, yêu cầu, ghi âm, các lần chuyển",
    async ({ actor, params }) => calls.get(actor, params.callId),
  );
  call.post(
    "/pickup",
    "Nhận cuộc gọi (người nghe là cán bộ đang đăng nhập)",
    { response: { 200: callView, 409: pickUpRefused } },
    async ({ actor, params }) => calls.pickUp(actor, params.callId),
  );
  call.post(
    "/transfer",
    "Chuyển cuộc gọi đến đường dây nóng của cơ quan (kết quả báo về sau)",
    { body: transferCallBody },
    async ({ actor, params, body }) => calls.transfer(actor, params.callId, body.agencyCode),
  );
  call.post(
    "/callback",
    "Gọi lại cuộc gọi nhỡ (yêu cầu tổng đài thực hiện cuộc gọi ra)",
    async ({ actor, params }) => calls.callBack(actor, params.callId),
  );
  call.get(
    "/recording",
    "Nghe hoặc tải ghi âm (hỗ trợ Range; mỗi lần nghe được ghi nhật ký truy cập)",
    { response: {}, query: z.object({ download: z.enum(["1"]).optional() }) },
    async ({ actor, params, query, request, reply, origin }) => {
      const range = typeof request.headers.range === "string" ? request.headers.range : undefined;
      const out = await calls.recordings.play(actor, params.callId, range, origin, query.download === "1");
      return reply
        .status(out.status)
        .headers({ ...out.headers, "x-content-type-options": "nosniff" })
        .send(out.body);
    },
  );

  requestScope(route)("call.handle").get(
    "/calls",
    "Các cuộc gọi của một yêu cầu",
    { response: callList },
    async ({ actor, params }) => calls.ofRequest(actor, params.id),
  );
});
