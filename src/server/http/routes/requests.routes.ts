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
import { sendDownload } from "../file-download.js";
import { idempotencyHeaders, idempotencyKeyOf } from "../idempotency-key.js";
import { staffPlugin } from "../staff-route.js";
import { requestScope } from "./request-scope.js";

/** The body schema of each action, typed so that a route's body type follows its action. */
type ActionBody = { [A in RequestAction]: z.output<(typeof actionBodies)[A]> };
const bodies: { [A in RequestAction]: z.ZodType<ActionBody[A], z.input<(typeof actionBodies)[A]>> } =
  actionBodies;

/** Re-exported for tests that walk every transition. */
export const actionPaths = requestActionPaths;

export const requestRoutes = staffPlugin(["requests"], (route, { services }) => {
  const requests = services.requests;

  route.post(
    "/api/v1/requests",
    "request.create",
    "Tiếp nhận yêu cầu (cán bộ trực)",
    { body: createRequestBody, headers: idempotencyHeaders, response: { 201: requestDetail } },
    async ({ actor, body, request }) => {
      const created = await requests.createRequest(actor, body, idempotencyKeyOf(request));
      // Issue 19: linked to a mass event on now when it matches one (never fails the intake).
      await services.massEvents
        .linkNew(created.id)
        .catch((err) => request.log.warn({ err }, "mass event link"));
      return created;
    },
  );

  route.get(
    "/api/v1/requests",
    "request.read",
    "Danh sách yêu cầu (khẩn trước, mới trước)",
    { query: requestListQuery, response: requestListResponse },
    async ({ actor, query, origin }) => requests.listRequests(actor, query, origin),
  );

  const request = requestScope(route, requestDetail);
  const forwarding = ["request.forward", "request.assign_agency", "slip.request_cooperation"] as const;
  request(forwarding).get(
    "/routing-suggestions",
    "Gợi ý cơ quan xử lý (lĩnh vực, địa bàn nêu trong yêu cầu, các lần chuyển trước)",
    { response: routingSuggestionsResponse },
    async ({ actor, params }) => services.routing.suggest(actor, params.id),
  );
  request("request.read").get(
    "",
    "Chi tiết yêu cầu, lịch sử và thao tác được phép",
    async ({ actor, params, origin }) => requests.getRequest(actor, params.id, origin),
  );
  request("request.contact_reveal").post(
    "/contact-reveal",
    "Hiện liên hệ của người yêu cầu (cơ quan; được ghi nhật ký truy cập)",
    { response: revealedContact },
    async ({ actor, params, origin }) => requests.revealContact(actor, params.id, origin),
  );

  const edit = request("request.edit");
  edit.patch(
    "",
    "Bổ sung, sửa thông tin yêu cầu",
    { body: updateRequestBody },
    async ({ actor, params, body }) => requests.updateRequest(actor, params.id, body),
  );
  edit.post(
    "/follow-link/revoke",
    "Thu hồi đường dẫn theo dõi đã gửi cho người yêu cầu (ghi vào lịch sử yêu cầu)",
    { body: revokeFollowLinkBody },
    async ({ actor, params, body }) => requests.revokeFollowLink(actor, params.id, body),
  );
  edit.post(
    "/follow-link",
    "Gửi người yêu cầu đường dẫn theo dõi mới qua kênh của yêu cầu (đường dẫn cũ hết hiệu lực)",
    { body: issueFollowLinkBody },
    async ({ actor, params, body }) => requests.issueFollowLink(actor, params.id, body),
  );

  /** One route per transition of the state machine, its body typed by the action. */
  const actionRoute = <A extends RequestAction>(action: A) =>
    request(actionPermission[action]).post(
      `/actions/${actionPaths[action]}`,
      `Thao tác: ${action}`,
      { body: bodies[action] },
      async ({ actor, params, body }) => requests.act(actor, params.id, action, body),
    );
  for (const action of Object.keys(actionPaths) as RequestAction[]) actionRoute(action);

  request("request.read").get(
    "/attachments/:attachmentId",
    "Tệp đính kèm",
    { params: z.object({ id: z.uuid(), attachmentId: z.uuid() }), response: {} },
    async ({ actor, params, origin, reply }) => {
      const file = await requests.getAttachment(actor, params.id, params.attachmentId, origin);
      return sendDownload(reply, file);
    },
  );

  route.get(
    "/api/v1/requesters/lookup",
    "requester.lookup",
    "Tra người gọi theo số điện thoại và các yêu cầu trước",
    { query: z.object({ phone: z.string().trim().min(1).max(30) }), response: requesterLookupResponse },
    async ({ actor, query, origin }) => requests.lookupRequester(actor, query.phone, origin),
  );
});
