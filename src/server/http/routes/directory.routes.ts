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
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["directory"];

/** Read-only directory lists for the console's dropdowns (R-KB2, R-IN2, R-IN4) and the portal's fields. */
export const directoryRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/agencies",
      action: "staff",
      tags,
      summary: "Danh bạ cơ quan: số đường dây nóng, cán bộ đầu mối",
      querystring: agencyListQuery,
      response: { 200: listOf(agencyView) },
    },
    async ({ actor, query }) => ({ items: await services.agencies.listAgencies(actor, query) }),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/agencies/:id",
      action: "staff",
      tags,
      summary: "Một cơ quan",
      params: idParam,
      response: { 200: agencyView },
    },
    async ({ actor, params }) => services.agencies.getAgency(actor, params.id),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/fields",
      action: "staff",
      tags,
      summary: "Lĩnh vực (Điều 5)",
      querystring: listQuery,
      response: { 200: listOf(fieldView) },
    },
    async ({ actor, query }) => ({ items: await services.fields.listFields(actor, query.includeInactive) }),
  );

  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/refusal-reasons",
      action: "staff",
      tags,
      summary: "Lý do không tiếp nhận (Điều 9.2)",
      querystring: listQuery,
      response: { 200: listOf(refusalReasonView) },
    },
    async ({ actor, query }) => ({
      items: await services.refusalReasons.listRefusalReasons(actor, query.includeInactive),
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
