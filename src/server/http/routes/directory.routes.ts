import {
  agencyListQuery,
  agencyView,
  fieldView,
  idParam,
  listQuery,
  publicFieldView,
  refusalReasonView,
} from "../../../shared/schemas/admin.js";
import { listOf } from "../../../shared/schemas/common.js";
import { staffPlugin } from "../staff-route.js";

const tags = ["directory"];

/** Read-only directory lists for the console's dropdowns (R-KB2, R-IN2, R-IN4) and the portal's fields. */
export const directoryRoutes = staffPlugin(tags, (route, { services }, app) => {
  route.get(
    "/api/v1/agencies",
    "staff",
    "Danh bạ cơ quan: số đường dây nóng, cán bộ đầu mối",
    { query: agencyListQuery, response: listOf(agencyView) },
    async ({ actor, query }) => ({ items: await services.agencies.listAgencies(actor, query) }),
  );

  route.get(
    "/api/v1/agencies/:id",
    "staff",
    "Một cơ quan",
    { params: idParam, response: agencyView },
    async ({ actor, params }) => services.agencies.getAgency(actor, params.id),
  );

  route.get(
    "/api/v1/fields",
    "staff",
    "Lĩnh vực (Điều 5)",
    { query: listQuery, response: listOf(fieldView) },
    async ({ actor, query }) => ({ items: await services.fields.listFields(actor, query.includeInactive) }),
  );

  route.get(
    "/api/v1/refusal-reasons",
    "staff",
    "Lý do không tiếp nhận (Điều 9.2)",
    { query: listQuery, response: listOf(refusalReasonView) },
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
});
