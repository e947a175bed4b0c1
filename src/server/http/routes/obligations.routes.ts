import { z } from "zod";
import { idParams, listOf } from "../../../shared/schemas/common.js";
import {
  missedByAgencyResponse,
  obligationStates,
  obligationView,
  timeLimitsBody,
  timeLimitsResponse,
  waiveBody,
} from "../../../shared/schemas/reports.js";
import { staffPlugin } from "../staff-route.js";

/** Obligations (Art. 10.3, 12.2, 13.1) and the regulation's time limits (administrators). */
export const obligationRoutes = staffPlugin(["obligations"], (route, { services }) => {
  const { obligations, timeLimits } = services;

  route.get(
    "/api/v1/obligations",
    "obligation.read",
    "Nghĩa vụ theo thời hạn (lọc theo trạng thái, cơ quan, yêu cầu)",
    {
      query: z.object({
        state: z.enum(obligationStates).optional(),
        agencyId: z.uuid().optional(),
        requestId: z.uuid().optional(),
      }),
      response: listOf(obligationView),
    },
    async ({ actor, query }) => obligations.list(actor, query),
  );

  route.get(
    "/api/v1/obligations/missed-by-agency",
    "obligation.read",
    "Nghĩa vụ quá hạn theo cơ quan",
    { response: missedByAgencyResponse },
    async ({ actor }) => obligations.missedByAgency(actor),
  );

  route.post(
    "/api/v1/obligations/:id/waive",
    "obligation.waive",
    "Miễn một nghĩa vụ (điều phối, có lý do)",
    { params: idParams, body: waiveBody, response: obligationView },
    async ({ actor, params, body }) => obligations.waive(actor, params.id, body.reason),
  );

  const limits = route.group("/api/v1/admin/time-limits", "time_limit.manage", {
    tags: ["admin"],
    response: timeLimitsResponse,
  });
  limits.get("", "Thời hạn theo Quy chế (giờ làm việc)", async ({ actor }) => timeLimits.list(actor));
  limits.put(
    "",
    "Sửa thời hạn (ghi nhật ký; nghĩa vụ đã phát sinh giữ thời hạn cũ)",
    { body: timeLimitsBody },
    async ({ actor, body }) => timeLimits.update(actor, body),
  );
});
