import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  missedByAgencyResponse,
  obligationStates,
  obligationView,
  timeLimitsBody,
  timeLimitsResponse,
  waiveBody,
} from "../../../shared/schemas/reports.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["obligations"];

/** Obligations (Art. 10.3, 12.2, 13.1) and the regulation's time limits (administrators). */
export const obligationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const { obligations, timeLimits } = services;

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/obligations",
      action: "obligation.read",
      tags,
      summary: "Nghĩa vụ theo thời hạn (lọc theo trạng thái, cơ quan, yêu cầu)",
      querystring: z.object({
        state: z.enum(obligationStates).optional(),
        agencyId: z.uuid().optional(),
        requestId: z.uuid().optional(),
      }),
      response: { 200: z.object({ items: z.array(obligationView) }) },
    },
    async ({ actor, query }) => obligations.list(actor, query),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/obligations/missed-by-agency",
      action: "obligation.read",
      tags,
      summary: "Nghĩa vụ quá hạn theo cơ quan",
      response: { 200: missedByAgencyResponse },
    },
    async ({ actor }) => obligations.missedByAgency(actor),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/obligations/:id/waive",
      action: "obligation.waive",
      tags,
      summary: "Miễn một nghĩa vụ (điều phối, có lý do)",
      params: z.object({ id: z.uuid() }),
      body: waiveBody,
      response: { 200: obligationView },
    },
    async ({ actor, params, body }) => obligations.waive(actor, params.id, body.reason),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/admin/time-limits",
      action: "time_limit.manage",
      tags: ["admin"],
      summary: "Thời hạn theo Quy chế (giờ làm việc)",
      response: { 200: timeLimitsResponse },
    },
    async ({ actor }) => timeLimits.list(actor),
  );

  staffRoute(
    app,
    {
      method: "PUT",
      url: "/api/v1/admin/time-limits",
      action: "time_limit.manage",
      tags: ["admin"],
      summary: "Sửa thời hạn (ghi nhật ký; nghĩa vụ đã phát sinh giữ thời hạn cũ)",
      body: timeLimitsBody,
      response: { 200: timeLimitsResponse },
    },
    async ({ actor, body }) => timeLimits.update(actor, body),
  );
};
