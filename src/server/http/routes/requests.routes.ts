import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type RequestAction, requestActionPaths } from "../../../shared/request-status.js";
import { revealedContact } from "../../../shared/schemas/access-log.js";
import {
  actionBodies,
  createRequestBody,
  issueFollowLinkBody,
  requestDetail,
  requesterLookupResponse,
  requestListQuery,
  requestListResponse,
  revokeFollowLinkBody,
  updateRequestBody,
} from "../../../shared/schemas/requests.js";
import { routingSuggestionsResponse } from "../../../shared/schemas/routing.js";
import { actionPermission } from "../../services/request-access.js";
import { idempotencyHeaders, idempotencyKeyOf } from "../idempotency-key.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const params = z.object({ id: z.uuid() });
const tags = ["requests"];

/** The body schema of each action, typed so that a route's body type follows its action. */
type ActionBody = { [A in RequestAction]: z.output<(typeof actionBodies)[A]> };
const bodies: { [A in RequestAction]: z.ZodType<ActionBody[A], z.input<(typeof actionBodies)[A]>> } =
  actionBodies;

/** Re-exported for tests that walk every transition. */
export const actionPaths = requestActionPaths;

export const requestRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const requests = services.requests;

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/requests",
      action: "request.create",
      tags,
      summary: "Tiếp nhận yêu cầu (cán bộ trực)",
      body: createRequestBody,
      headers: idempotencyHeaders,
      response: { 201: requestDetail },
    },
    async ({ actor, body, reply, request }) => {
      const created = await requests.createRequest(actor, body, idempotencyKeyOf(request));
      // Issue 19: linked to a mass event on now when it matches one (never fails the intake).
      await services.massEvents
        .linkNew(created.id)
        .catch((err) => request.log.warn({ err }, "mass event link"));
      return reply.status(201).send(created);
    },
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests",
      action: "request.read",
      tags,
      summary: "Danh sách yêu cầu (khẩn trước, mới trước)",
      querystring: requestListQuery,
      response: { 200: requestListResponse },
    },
    async ({ actor, query, origin }) => requests.listRequests(actor, query, origin),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests/:id/routing-suggestions",
      action: ["request.forward", "request.assign_agency", "slip.request_cooperation"],
      tags,
      summary: "Gợi ý cơ quan xử lý (lĩnh vực, địa bàn nêu trong yêu cầu, các lần chuyển trước)",
      params,
      response: { 200: routingSuggestionsResponse },
    },
    async ({ actor, params }) => services.routing.suggest(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests/:id",
      action: "request.read",
      tags,
      summary: "Chi tiết yêu cầu, lịch sử và thao tác được phép",
      params,
      response: { 200: requestDetail },
    },
    async ({ actor, params, origin }) => requests.getRequest(actor, params.id, origin),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/requests/:id/contact-reveal",
      action: "request.contact_reveal",
      tags,
      summary: "Hiện liên hệ của người yêu cầu (cơ quan; được ghi nhật ký truy cập)",
      params,
      response: { 200: revealedContact },
    },
    async ({ actor, params, origin }) => requests.revealContact(actor, params.id, origin),
  );

  staffRoute(
    app,
    {
      method: "PATCH",
      url: "/api/v1/requests/:id",
      action: "request.edit",
      tags,
      summary: "Bổ sung, sửa thông tin yêu cầu",
      params,
      body: updateRequestBody,
      response: { 200: requestDetail },
    },
    async ({ actor, params, body }) => requests.updateRequest(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/requests/:id/follow-link/revoke",
      action: "request.edit",
      tags,
      summary: "Thu hồi đường dẫn theo dõi đã gửi cho người yêu cầu (ghi vào lịch sử yêu cầu)",
      params,
      body: revokeFollowLinkBody,
      response: { 200: requestDetail },
    },
    async ({ actor, params, body }) => requests.revokeFollowLink(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/requests/:id/follow-link",
      action: "request.edit",
      tags,
      summary: "Gửi người yêu cầu đường dẫn theo dõi mới qua kênh của yêu cầu (đường dẫn cũ hết hiệu lực)",
      params,
      body: issueFollowLinkBody,
      response: { 200: requestDetail },
    },
    async ({ actor, params, body }) => requests.issueFollowLink(actor, params.id, body),
  );

  /** One route per transition of the state machine, its body typed by the action. */
  const actionRoute = <A extends RequestAction>(action: A) =>
    staffRoute(
      app,
      {
        method: "POST",
        url: `/api/v1/requests/:id/actions/${actionPaths[action]}`,
        action: actionPermission[action],
        tags,
        summary: `Thao tác: ${action}`,
        params,
        body: bodies[action],
        response: { 200: requestDetail },
      },
      async ({ actor, params, body }) => requests.act(actor, params.id, action, body),
    );
  for (const action of Object.keys(actionPaths) as RequestAction[]) actionRoute(action);

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests/:id/attachments/:attachmentId",
      action: "request.read",
      tags,
      summary: "Tệp đính kèm",
      params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
    },
    async ({ actor, params, origin, reply }) => {
      const file = await requests.getAttachment(actor, params.id, params.attachmentId, origin);
      return reply
        .header("content-type", file.mimeType)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header("x-content-type-options", "nosniff")
        .send(file.content);
    },
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requesters/lookup",
      action: "requester.lookup",
      tags,
      summary: "Tra người gọi theo số điện thoại và các yêu cầu trước",
      querystring: z.object({ phone: z.string().trim().min(1).max(30) }),
      response: { 200: requesterLookupResponse },
    },
    async ({ actor, query, origin }) => requests.lookupRequester(actor, query.phone, origin),
  );
};
