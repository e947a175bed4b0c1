import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { staffErrors, staffWriteSecurity } from "../../../shared/schemas/common.js";
import {
  missedByAgencyResponse,
  obligationStates,
  obligationView,
  timeLimitsBody,
  timeLimitsResponse,
  waiveBody,
} from "../../../shared/schemas/reports.js";
import type { RouteOptions } from "../route-options.js";

const errors = staffErrors;
const security = staffWriteSecurity;

/** Obligations (Art. 10.3, 12.2, 13.1) and the regulation's time limits (administrators). */
export const obligationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    "/api/v1/obligations",
    {
      config: { action: "obligation.read" },
      schema: {
        tags: ["obligations"],
        summary: "Nghĩa vụ theo thời hạn (lọc theo trạng thái, cơ quan, yêu cầu)",
        querystring: z.object({
          state: z.enum(obligationStates).optional(),
          agencyId: z.uuid().optional(),
          requestId: z.uuid().optional(),
        }),
        response: { 200: z.object({ items: z.array(obligationView) }), ...errors },
      },
    },
    async (request) => services.obligations.list(request.actor, request.query),
  );

  app.get(
    "/api/v1/obligations/missed-by-agency",
    {
      config: { action: "obligation.read" },
      schema: {
        tags: ["obligations"],
        summary: "Nghĩa vụ quá hạn theo cơ quan",
        response: { 200: missedByAgencyResponse, ...errors },
      },
    },
    async (request) => services.obligations.missedByAgency(request.actor),
  );

  app.post(
    "/api/v1/obligations/:id/waive",
    {
      config: { action: "obligation.waive" },
      schema: {
        tags: ["obligations"],
        summary: "Miễn một nghĩa vụ (điều phối, có lý do)",
        security,
        params: z.object({ id: z.uuid() }),
        body: waiveBody,
        response: { 200: obligationView, ...errors },
      },
    },
    async (request) => services.obligations.waive(request.actor, request.params.id, request.body.reason),
  );

  app.get(
    "/api/v1/admin/time-limits",
    {
      config: { action: "time_limit.manage" },
      schema: {
        tags: ["admin"],
        summary: "Thời hạn theo Quy chế (giờ làm việc)",
        response: { 200: timeLimitsResponse, ...errors },
      },
    },
    async (request) => services.timeLimits.list(request.actor),
  );

  app.put(
    "/api/v1/admin/time-limits",
    {
      config: { action: "time_limit.manage" },
      schema: {
        tags: ["admin"],
        summary: "Sửa thời hạn (ghi nhật ký; nghĩa vụ đã phát sinh giữ thời hạn cũ)",
        security,
        body: timeLimitsBody,
        response: { 200: timeLimitsResponse, ...errors },
      },
    },
    async (request) => services.timeLimits.update(request.actor, request.body),
  );
};
