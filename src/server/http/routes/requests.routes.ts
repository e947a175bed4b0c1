import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type RequestAction, requestActionPaths } from "../../../shared/request-status.js";
import { staffErrors } from "../../../shared/schemas/common.js";
import {
  actionBodies,
  createRequestBody,
  requestDetail,
  requesterLookupResponse,
  requestListQuery,
  requestListResponse,
  updateRequestBody,
} from "../../../shared/schemas/requests.js";
import { actionPermission } from "../../services/request.service.js";
import { actorOf } from "../auth.js";
import type { RouteOptions } from "../route-options.js";

const idParam = z.object({ id: z.uuid() });
const errors = staffErrors;

/** Re-exported for tests that walk every transition. */
export const actionPaths = requestActionPaths;

export const requestRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.post(
    "/api/v1/requests",
    {
      config: { action: "request.create" },
      schema: {
        tags: ["requests"],
        summary: "Tiếp nhận yêu cầu (cán bộ trực)",
        body: createRequestBody,
        response: { 201: requestDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.requests.createRequest(actorOf(request), request.body)),
  );

  app.get(
    "/api/v1/requests",
    {
      config: { action: "request.read" },
      schema: {
        tags: ["requests"],
        summary: "Danh sách yêu cầu (khẩn trước, mới trước)",
        querystring: requestListQuery,
        response: { 200: requestListResponse, ...errors },
      },
    },
    async (request) => services.requests.listRequests(actorOf(request), request.query),
  );

  app.get(
    "/api/v1/requests/:id",
    {
      config: { action: "request.read" },
      schema: {
        tags: ["requests"],
        summary: "Chi tiết yêu cầu, lịch sử và thao tác được phép",
        params: idParam,
        response: { 200: requestDetail, ...errors },
      },
    },
    async (request) => services.requests.getRequest(actorOf(request), request.params.id),
  );

  app.patch(
    "/api/v1/requests/:id",
    {
      config: { action: "request.edit" },
      schema: {
        tags: ["requests"],
        summary: "Bổ sung, sửa thông tin yêu cầu",
        params: idParam,
        body: updateRequestBody,
        response: { 200: requestDetail, ...errors },
      },
    },
    async (request) => services.requests.updateRequest(actorOf(request), request.params.id, request.body),
  );

  for (const action of Object.keys(actionPaths) as RequestAction[]) {
    app.post(
      `/api/v1/requests/:id/actions/${actionPaths[action]}`,
      {
        config: { action: actionPermission[action] },
        schema: {
          tags: ["requests"],
          summary: `Thao tác: ${action}`,
          params: idParam,
          body: actionBodies[action],
          response: { 200: requestDetail, ...errors },
        },
      },
      async (request) =>
        services.requests.act(actorOf(request), request.params.id, action, request.body as never),
    );
  }

  app.get(
    "/api/v1/requests/:id/attachments/:attachmentId",
    {
      config: { action: "request.read" },
      schema: {
        tags: ["requests"],
        summary: "Tệp đính kèm",
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await services.requests.getAttachment(
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .header("content-type", file.mimeType)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header("x-content-type-options", "nosniff")
        .send(file.content);
    },
  );

  app.get(
    "/api/v1/requesters/lookup",
    {
      config: { action: "requester.lookup" },
      schema: {
        tags: ["requests"],
        summary: "Tra người gọi theo số điện thoại và các yêu cầu trước",
        querystring: z.object({ phone: z.string().trim().min(1).max(30) }),
        response: {
          200: requesterLookupResponse,
          ...errors,
        },
      },
    },
    async (request) => services.requests.lookupRequester(actorOf(request), request.query.phone),
  );
};
