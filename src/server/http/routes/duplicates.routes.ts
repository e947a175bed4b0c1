import { idParams } from "../../../shared/schemas/common.js";
import { duplicateQuery, duplicateResponse } from "../../../shared/schemas/duplicates.js";
import { staffPlugin } from "../staff-route.js";

/**
 * Issue 19: duplicate suggestions. Merging is the `merge` transition
 * (POST /api/v1/requests/{id}/actions/merge, requests.routes.ts).
 */
export const duplicateRoutes = staffPlugin(["requests"], (route, { services }) => {
  const suggest = route.group("/api/v1/requests", "request.merge", { response: duplicateResponse });
  suggest.get(
    "/duplicates",
    "Gợi ý yêu cầu trùng đang mở (cùng lĩnh vực, gần đây) cho nội dung đang nhập",
    { query: duplicateQuery },
    async ({ actor, query }) => services.duplicates.forText(actor, query),
  );
  suggest.get(
    "/:id/duplicates",
    "Gợi ý yêu cầu đang mở có cùng nội dung với yêu cầu này (để gộp)",
    { params: idParams, query: duplicateQuery.pick({ limit: true }) },
    async ({ actor, params, query }) => services.duplicates.forRequest(actor, params.id, query.limit),
  );
});
