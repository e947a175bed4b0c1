import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
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

/** Working time of state agencies (Art. 10.3, R-HA6): anyone may ask when something is due. */
export const calendarRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  const { calendar } = services;

  app.get(
    "/api/v1/calendar/deadline",
    {
      config: publicLimit,
      schema: {
        tags: ["calendar"],
        summary: "Hạn xử lý: thời điểm sau N giờ làm việc",
        querystring: deadlineQuery,
        response: { 200: deadlineResponse, ...publicErrors },
      },
    },
    async (request) => {
      const { from, hours } = request.query;
      return { deadline: formatVnIso(await calendar.deadline(from, hours)) };
    },
  );

  app.get(
    "/api/v1/calendar/working-hours",
    {
      config: publicLimit,
      schema: {
        tags: ["calendar"],
        summary: "Số giờ làm việc giữa hai thời điểm (âm nếu 'to' trước 'from')",
        querystring: workingHoursQuery,
        response: { 200: workingHoursResponse, ...publicErrors },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      return { hours: await calendar.workingHoursBetween(from, to) };
    },
  );

  app.get(
    "/api/v1/calendar/days",
    {
      config: publicLimit,
      schema: {
        tags: ["calendar"],
        summary: "Ngày nghỉ lễ, nghỉ bù, hoán đổi và thứ Bảy làm bù của một năm",
        querystring: daysQuery,
        response: { 200: daysResponse, ...publicErrors },
      },
    },
    async (request) => calendar.daysOfYear(request.query.year),
  );

  // The route guard refuses other roles before validation; the service authorizes again.
  const action = "calendar.manage";
  const tags = ["admin"];

  const route = staffRoutes(app, tags);

  route.get(
    "/api/v1/admin/calendar",
    action,
    "Cấu hình lịch làm việc",
    { response: adminCalendarResponse },
    async ({ actor }) => calendar.getForAdmin(actor),
  );

  route.put(
    "/api/v1/admin/calendar",
    action,
    "Sửa lịch tuần, mùa, ngày lễ theo luật và nghỉ bù",
    { body: updateCalendarRulesBody, response: adminCalendarResponse },
    async ({ actor, body }) => calendar.updateRules(actor, body),
  );

  route.put(
    "/api/v1/admin/calendar/years/:year",
    action,
    "Nhập lịch nghỉ chính thức của một năm (thay cho quy tắc)",
    { params: yearPathParams, body: officialScheduleBody, response: adminCalendarResponse },
    async ({ actor, params, body }) => calendar.setOfficialSchedule(actor, params.year, body),
  );

  route.delete(
    "/api/v1/admin/calendar/years/:year",
    action,
    "Xóa lịch chính thức của một năm (quay về quy tắc)",
    { params: yearPathParams, response: adminCalendarResponse },
    async ({ actor, params }) => calendar.deleteOfficialSchedule(actor, params.year),
  );
};
