import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  callIdParams,
  callList,
  callListQuery,
  callView,
  requestCallsParams,
  transferCallBody,
} from "../../../shared/schemas/calls.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["phone"];

/** The switchboard on the console (issue 12, docs/phone.md): calls, pick-up, transfer, callback, recordings. */
export const callRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const { calls } = services;

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/calls",
      action: "call.handle",
      tags,
      summary: "Cuộc gọi đang diễn ra (live) hoặc danh sách cần gọi lại (callbacks)",
      querystring: callListQuery,
      response: { 200: callList },
    },
    async ({ actor, query }) => calls.list(actor, query.queue),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/calls/:callId",
      action: "call.handle",
      tags,
      summary: "Một cuộc gọi: số gọi, thời gian, người nghe, yêu cầu, ghi âm, các lần chuyển",
      params: callIdParams,
      response: { 200: callView },
    },
    async ({ actor, params }) => calls.get(actor, params.callId),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/calls/:callId/pickup",
      action: "call.handle",
      tags,
      summary: "Nhận cuộc gọi (người nghe là cán bộ đang đăng nhập)",
      params: callIdParams,
      response: { 200: callView },
    },
    async ({ actor, params }) => calls.pickUp(actor, params.callId),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/calls/:callId/transfer",
      action: "call.handle",
      tags,
      summary: "Chuyển cuộc gọi đến đường dây nóng của cơ quan (kết quả báo về sau)",
      params: callIdParams,
      body: transferCallBody,
      response: { 200: callView },
    },
    async ({ actor, params, body }) => calls.transfer(actor, params.callId, body.agencyCode),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/calls/:callId/callback",
      action: "call.handle",
      tags,
      summary: "Gọi lại cuộc gọi nhỡ (yêu cầu tổng đài thực hiện cuộc gọi ra)",
      params: callIdParams,
      response: { 200: callView },
    },
    async ({ actor, params }) => calls.callBack(actor, params.callId),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/calls/:callId/recording",
      action: "call.handle",
      tags,
      summary: "Nghe hoặc tải ghi âm (hỗ trợ Range; mỗi lần nghe được ghi nhật ký truy cập)",
      params: callIdParams,
      querystring: z.object({ download: z.enum(["1"]).optional() }),
    },
    async ({ actor, params, query, request, reply, origin }) => {
      const range = typeof request.headers.range === "string" ? request.headers.range : undefined;
      const out = await calls.recordings.play(actor, params.callId, range, origin, query.download === "1");
      return reply
        .status(out.status)
        .headers({ ...out.headers, "x-content-type-options": "nosniff" })
        .send(out.body);
    },
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests/:id/calls",
      action: "call.handle",
      tags,
      summary: "Các cuộc gọi của một yêu cầu",
      params: requestCallsParams,
      response: { 200: callList },
    },
    async ({ actor, params }) => calls.ofRequest(actor, params.id),
  );
};
