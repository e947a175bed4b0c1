import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { duplicateQuery, duplicateResponse } from "../../../shared/schemas/duplicates.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["requests"];

/**
 * Issue 19: duplicate suggestions. Merging is the `merge` transition
 * (POST /api/v1/requests/{id}/actions/merge, requests.routes.ts).
 */
export const duplicateRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests/duplicates",
      action: "request.merge",
      tags,
      summary: "Gợi ý yêu cầu trùng đang mở (cùng lĩnh vực, gần đây) cho nội dung đang nhập",
      querystring: duplicateQuery,
      response: { 200: duplicateResponse },
    },
    async ({ actor, query }) => services.duplicates.forText(actor, query),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/requests/:id/duplicates",
      action: "request.merge",
      tags,
      summary: "Gợi ý yêu cầu đang mở có cùng nội dung với yêu cầu này (để gộp)",
      params: z.object({ id: z.uuid() }),
      querystring: duplicateQuery.pick({ limit: true }),
      response: { 200: duplicateResponse },
    },
    async ({ actor, params, query }) => services.duplicates.forRequest(actor, params.id, query.limit),
  );
};
