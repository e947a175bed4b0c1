import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
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
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["mass-events"];
const params = z.object({ id: z.uuid() });

/** Issue 19: mass events — declared by the coordinator, offered to the desk, counted in the reports. */
export const massEventRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const events = services.massEvents;

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/mass-events",
      action: "request.read",
      tags,
      summary: "Danh sách sự kiện diện rộng (mới trước)",
      response: { 200: massEventList },
    },
    async ({ actor }) => events.list(actor),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/mass-events",
      action: "mass_event.manage",
      tags,
      summary: "Khai báo sự kiện diện rộng (tiêu đề, lĩnh vực, câu trả lời soạn sẵn, thời gian)",
      body: createMassEventBody,
      response: { 201: massEventView },
    },
    async ({ actor, body, reply }) => reply.status(201).send(await events.create(actor, body)),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/mass-events/:id",
      action: "request.read",
      tags,
      summary: "Một sự kiện diện rộng với số yêu cầu gắn và đã trả lời",
      params,
      response: { 200: massEventView },
    },
    async ({ actor, params }) => events.get(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "PUT",
      url: "/api/v1/mass-events/:id",
      action: "mass_event.manage",
      tags,
      summary: "Sửa sự kiện diện rộng",
      params,
      body: updateMassEventBody,
      response: { 200: massEventView },
    },
    async ({ actor, params, body }) => events.update(actor, params.id, body),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/mass-events/:id/cancel",
      action: "mass_event.manage",
      tags,
      summary: "Kết thúc sự kiện ngay (giữ lại cho báo cáo)",
      params,
      body: cancelMassEventBody,
      response: { 200: massEventView },
    },
    async ({ actor, params, body }) => events.cancel(actor, params.id, body.version),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests/:id/mass-event",
      action: "request.answer_from_kb",
      tags,
      summary:
        "Sự kiện diện rộng của yêu cầu (gắn ngay nếu khớp); trả lời bằng answer-from-kb với massEventId",
      params,
      response: { 200: requestMassEvent },
    },
    async ({ actor, params }) => events.ofRequest(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/reports/mass-events",
      action: "report.view",
      tags: ["reports"],
      summary: "Số liệu sự kiện diện rộng trong kỳ: yêu cầu gắn, đã trả lời bằng câu trả lời soạn sẵn",
      querystring: massEventFiguresQuery,
      response: { 200: massEventList },
    },
    async ({ actor, query }) =>
      events.figures(
        actor,
        new Date(`${query.from}T00:00:00+07:00`),
        new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000),
      ),
  );
};
