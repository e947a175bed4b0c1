import { z } from "zod";
import {
  cancelMassEventBody,
  createMassEventBody,
  massEventFiguresQuery,
  massEventList,
  massEventView,
  requestMassEvent,
  updateMassEventBody,
} from "../../../shared/schemas/mass-events.js";
import { staffPlugin, staffRoutes } from "../staff-route.js";

const params = z.object({ id: z.uuid() });

/** Issue 19: mass events — declared by the coordinator, offered to the desk, counted in the reports. */
export const massEventRoutes = staffPlugin(["mass-events"], (route, { services }, app) => {
  const events = services.massEvents;

  const reportsRoute = staffRoutes(app, ["reports"]);

  route.get(
    "/api/v1/mass-events",
    "request.read",
    "Danh sách sự kiện diện rộng (mới trước)",
    { response: massEventList },
    async ({ actor }) => events.list(actor),
  );

  route.post(
    "/api/v1/mass-events",
    "mass_event.manage",
    "Khai báo sự kiện diện rộng (tiêu đề, lĩnh vực, câu trả lời soạn sẵn, thời gian)",
    { body: createMassEventBody, response: { 201: massEventView } },
    async ({ actor, body, reply }) => reply.status(201).send(await events.create(actor, body)),
  );

  route.get(
    "/api/v1/mass-events/:id",
    "request.read",
    "Một sự kiện diện rộng với số yêu cầu gắn và đã trả lời",
    { params, response: massEventView },
    async ({ actor, params }) => events.get(actor, params.id),
  );

  route.put(
    "/api/v1/mass-events/:id",
    "mass_event.manage",
    "Sửa sự kiện diện rộng",
    { params, body: updateMassEventBody, response: massEventView },
    async ({ actor, params, body }) => events.update(actor, params.id, body),
  );

  route.post(
    "/api/v1/mass-events/:id/cancel",
    "mass_event.manage",
    "Kết thúc sự kiện ngay (giữ lại cho báo cáo)",
    { params, body: cancelMassEventBody, response: massEventView },
    async ({ actor, params, body }) => events.cancel(actor, params.id, body.version),
  );

  route.get(
    "/api/v1/requests/:id/mass-event",
    "request.answer_from_kb",
    "Sự kiện diện rộng của yêu cầu (gắn ngay nếu khớp); trả lời bằng answer-from-kb với massEventId",
    { params, response: requestMassEvent },
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
