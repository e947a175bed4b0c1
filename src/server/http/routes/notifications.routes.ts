import { z } from "zod";
import { idParams } from "../../../shared/schemas/common.js";
import {
  notificationList,
  notificationListQuery,
  notificationsMarked,
} from "../../../shared/schemas/notifications.js";
import { staffPlugin } from "../staff-route.js";

/**
 * Issue 19: the signed-in staff member's own notifications (the console's bell): mentions in
 * internal notes, cooperating slips sent to their agency, requests reopened by "not resolved".
 */
export const notificationRoutes = staffPlugin(["notifications"], (route, { services }) => {
  const mine = route.group("/api/v1/notifications", "staff");
  mine.get(
    "",
    "Thông báo của tôi (mới nhất trước) và số thông báo chưa đọc",
    { query: notificationListQuery, response: notificationList },
    async ({ actor, query }) => services.notifications.list(actor, query),
  );
  mine.post(
    "/:id/read",
    "Đánh dấu một thông báo của tôi là đã đọc",
    { params: idParams, response: { 204: z.null() } },
    async ({ actor, params }) => services.notifications.markRead(actor, params.id),
  );
  mine.post(
    "/read-all",
    "Đánh dấu mọi thông báo của tôi là đã đọc",
    { response: notificationsMarked },
    async ({ actor }) => services.notifications.markAllRead(actor),
  );
});
