import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../../shared/schemas/common.js";
import {
  notificationList,
  notificationListQuery,
  notificationsMarked,
} from "../../../shared/schemas/notifications.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

const tags = ["notifications"];

/**
 * Issue 19: the signed-in staff member's own notifications (the console's bell): mentions in
 * internal notes, cooperating slips sent to their agency, requests reopened by "not resolved".
 */
export const notificationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/notifications",
      action: "staff",
      tags,
      summary: "Thông báo của tôi (mới nhất trước) và số thông báo chưa đọc",
      querystring: notificationListQuery,
      response: { 200: notificationList },
    },
    async ({ actor, query }) => services.notifications.list(actor, query),
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/notifications/:id/read",
      action: "staff",
      tags,
      summary: "Đánh dấu một thông báo của tôi là đã đọc",
      params: idParams,
      response: { 204: z.null() },
    },
    async ({ actor, params, reply }) => {
      await services.notifications.markRead(actor, params.id);
      return reply.status(204).send(null);
    },
  );

  staffRoute(
    app,
    {
      method: "POST",
      url: "/api/v1/notifications/read-all",
      action: "staff",
      tags,
      summary: "Đánh dấu mọi thông báo của tôi là đã đọc",
      response: { 200: notificationsMarked },
    },
    async ({ actor }) => services.notifications.markAllRead(actor),
  );
};
