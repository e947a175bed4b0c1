import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import {
  adminCalendarResponse,
  daysQuery,
  daysResponse,
  deadlineQuery,
  deadlineResponse,
  officialScheduleBody,
  updateCalendarRulesBody,
  workingHoursQuery,
  workingHoursResponse,
  yearPathParams,
} from "../../../shared/schemas/calendar.js";
import { errorResponse } from "../../../shared/schemas/common.js";
import { formatVnIso } from "../../../shared/time.js";
import { perProcess } from "../rate-limit-store.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoutes } from "../staff-route.js";

// Public questions are cheap but unauthenticated: limit each client address (R-SE2).
const publicLimit = { rateLimit: perProcess({ max: 120, timeWindow: "1 minute" }) };
const publicErrors = { 400: errorResponse, 429: errorResponse };

/** The options of a public calendar question: its query, its answer, the limit and error answers. */
const publicQuestion = <Q extends z.ZodType, R extends z.ZodType>(
  summary: string,
  querystring: Q,
  answer: R,
) => ({
  config: publicLimit,
  schema: { tags: ["calendar"], summary, querystring, response: { 200: answer, ...publicErrors } },
});

/** Working time of state agencies (Art. 10.3, R-HA6): anyone may ask when something is due. */
export const calendarRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const { calendar } = services;

  app.get(
    "/api/v1/calendar/deadline",
    publicQuestion("Hạn xử lý: thời điểm sau N giờ làm việc", deadlineQuery, deadlineResponse),
    async (request) => {
      const { from, hours } = request.query;
      return { deadline: formatVnIso(await calendar.deadline(from, hours)) };
    },
  );

  app.get(
    "/api/v1/calendar/working-hours",
    publicQuestion(
      "Số giờ làm việc giữa hai thời điểm (âm nếu 'to' trước 'from')",
      workingHoursQuery,
      workingHoursResponse,
    ),
    async (request) => {
      const { from, to } = request.query;
      return { hours: await calendar.workingHoursBetween(from, to) };
    },
  );

  app.get(
    "/api/v1/calendar/days",
    publicQuestion("Ngày nghỉ lễ, nghỉ bù, hoán đổi và thứ Bảy làm bù của một năm", daysQuery, daysResponse),
    async (request) => calendar.daysOfYear(request.query.year),
  );

  // The route guard refuses other roles before validation; the service authorizes again.
  const route = staffRoutes(app, ["admin"]);
  const admin = route.group("/api/v1/admin/calendar", "calendar.manage", { response: adminCalendarResponse });

  admin.get("", "Cấu hình lịch làm việc", async ({ actor }) => calendar.getForAdmin(actor));

  admin.put(
    "",
    "Sửa lịch tuần, mùa, ngày lễ theo luật và nghỉ bù",
    { body: updateCalendarRulesBody },
    async ({ actor, body }) => calendar.updateRules(actor, body),
  );

  admin.put(
    "/years/:year",
    "Nhập lịch nghỉ chính thức của một năm (thay cho quy tắc)",
    { params: yearPathParams, body: officialScheduleBody },
    async ({ actor, params, body }) => calendar.setOfficialSchedule(actor, params.year, body),
  );

  admin.delete(
    "/years/:year",
    "Xoá lịch chính thức của một năm (quay về quy tắc)",
    { params: yearPathParams },
    async ({ actor, params }) => calendar.deleteOfficialSchedule(actor, params.year),
  );
};
