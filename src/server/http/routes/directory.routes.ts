import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  agencyListQuery,
  agencyView,
  fieldView,
  idParam,
  listOf,
  listQuery,
  publicFieldView,
  refusalReasonView,
} from "../../../shared/schemas/admin.js";
import { errorResponse } from "../../../shared/schemas/common.js";
import type { RouteOptions } from "../route-options.js";

const staffErrors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

/** Read-only directory lists for the console's dropdowns (R-KB2, R-IN2, R-IN4) and the portal's fields. */
export const directoryRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    "/api/v1/agencies",
    {
      config: { action: "staff" },
      schema: {
        tags: ["directory"],
        summary: "Danh bạ cơ quan: số đường dây nóng, cán bộ đầu mối",
        security: [{ session: [] }],
        querystring: agencyListQuery,
        response: { 200: listOf(agencyView), ...staffErrors },
      },
    },
    async (request) => ({ items: await services.agencies.listAgencies(request.actor, request.query) }),
  );

  app.get(
    "/api/v1/agencies/:id",
    {
      config: { action: "staff" },
      schema: {
        tags: ["directory"],
        summary: "Một cơ quan",
        security: [{ session: [] }],
        params: idParam,
        response: { 200: agencyView, 404: errorResponse, ...staffErrors },
      },
    },
    async (request) => services.agencies.getAgency(request.actor, request.params.id),
  );

  app.get(
    "/api/v1/fields",
    {
      config: { action: "staff" },
      schema: {
        tags: ["directory"],
        summary: "Lĩnh vực (Điều 5)",
        security: [{ session: [] }],
        querystring: listQuery,
        response: { 200: listOf(fieldView), ...staffErrors },
      },
    },
    async (request) => ({
      items: await services.fields.listFields(request.actor, request.query.includeInactive),
    }),
  );

  app.get(
    "/api/v1/refusal-reasons",
    {
      config: { action: "staff" },
      schema: {
        tags: ["directory"],
        summary: "Lý do không tiếp nhận (Điều 9.2)",
        security: [{ session: [] }],
        querystring: listQuery,
        response: { 200: listOf(refusalReasonView), ...staffErrors },
      },
    },
    async (request) => ({
      items: await services.refusalReasons.listRefusalReasons(request.actor, request.query.includeInactive),
    }),
  );

  app.get(
    "/api/v1/public/fields",
    {
      schema: {
        tags: ["public"],
        summary: "Lĩnh vực tiếp nhận (Điều 5), cho cổng thông tin",
        response: { 200: listOf(publicFieldView) },
      },
    },
    async () => ({ items: await services.fields.listPublicFields() }),
  );
};
