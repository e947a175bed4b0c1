import { idParams } from "../../../shared/schemas/common.js";
import {
  cancelMassEventBody,
  createMassEventBody,
  massEventFiguresQuery,
  massEventList,
  massEventListQuery,
  massEventView,
  requestMassEvent,
  updateMassEventBody,
} from "../../../shared/schemas/mass-events.js";
import { staffPlugin, staffRoutes } from "../staff-route.js";
import { requestScope } from "./request-scope.js";

/** Issue 19: mass events — declared by the coordinator, offered to the desk, counted in the reports. */
export const massEventRoutes = staffPlugin(["mass-events"], (route, { services }, app) => {
  const events = services.massEvents;

  const reportsRoute = staffRoutes(app, ["reports"]);

  const list = route.groups("/api/v1/mass-events");
  list("request.read").get(
    "",
    "Danh sách sự kiện diện rộng (mới trước, 200 sự kiện); ids=a,b,… đọc đúng các sự kiện đó",
    { query: massEventListQuery, response: massEventList },
    async ({ actor, query }) => events.list(actor, query.ids?.split(",")),
  );
  list("mass_event.manage").post(
    "",
    "Khai báo sự kiện diện rộng (tiêu đề, lĩnh vực, câu trả lời soạn sẵn, thời gian)",
    { body: createMassEventBody, response: { 201: massEventView } },
    async ({ actor, body }) => events.create(actor, body),
  );

  const event = route.groups("/api/v1/mass-events/:id", { params: idParams, response: massEventView });
  event("request.read").get(
    "",
    "Một sự kiện diện rộng với số yêu cầu gắn và đã trả lời",
    async ({ actor, params }) => events.get(actor, params.id),
  );
  event("mass_event.manage").put(
    "",
    "Sửa sự kiện diện rộng",
    { body: updateMassEventBody },
    async ({ actor, params, body }) => events.update(actor, params.id, body),
  );
  event("mass_event.manage").post(
    "/cancel",
    "Kết thúc sự kiện ngay (giữ lại cho báo cáo)",
    { body: cancelMassEventBody },
    async ({ actor, params, body }) => events.cancel(actor, params.id, body.version),
  );

  requestScope(route)("request.answer_from_kb").get(
    "/mass-event",
    "Sự kiện diện rộng của yêu cầu (gắn ngay nếu khớp); trả lời bằng answer-from-kb với massEventId",
    { response: requestMassEvent },
    async ({ actor, params }) => events.ofRequest(actor, params.id),
  );

  reportsRoute.get(
    "/api/v1/reports/mass-events",
    "report.view",
    "Số liệu sự kiện diện rộng trong kỳ: yêu cầu gắn, đã trả lời bằng câu trả lời soạn sẵn",
    { query: massEventFiguresQuery, response: massEventList },
    async ({ actor, query }) =>
      events.figures(
        actor,
        new Date(`${query.from}T00:00:00+07:00`),
        new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000),
      ),
  );
});
