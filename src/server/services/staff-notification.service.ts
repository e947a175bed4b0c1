import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { NotificationList, NotificationView } from "../../shared/schemas/notifications.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import {
  activeCoordinators,
  activeFocalPoints,
  countUnread,
  insertNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRow,
} from "../db/repositories/notification.repository.js";

/**
 * Why staff are notified (issue 19), and who is, in one place:
 * - mention: the users @named in an internal note (note.service.ts);
 * - cooperation_requested: the focal points of each agency sent a cooperating slip
 *   (request-cooperation.ts: with a forward or an assignment, or asked for later);
 * - reopened_not_resolved: the coordinators, when the requester's "not resolved" sends the request
 *   back to them (feedback.service.ts).
 * Whoever caused it is never notified of their own act.
 */
export type StaffNotice =
  | { kind: "mention"; requestId: string; by: string; userIds: readonly string[] }
  | { kind: "cooperation_requested"; requestId: string; by: string; agencyIds: readonly string[] }
  | { kind: "reopened_not_resolved"; requestId: string };

/**
 * Stores the notice for its recipients, in the caller's transaction (so a rolled-back action
 * notifies nobody). Consoles that are open refresh their bell on the live update the action
 * publishes after commit (the request event, or the mention signal).
 */
export async function notifyStaff(tx: Executor, notice: StaffNotice, at: Date): Promise<string[]> {
  const by = notice.kind === "reopened_not_resolved" ? null : notice.by;
  const recipients =
    notice.kind === "mention"
      ? notice.userIds
      : notice.kind === "cooperation_requested"
        ? await activeFocalPoints(tx, notice.agencyIds)
        : await activeCoordinators(tx);
  return insertNotifications(tx, {
    userIds: recipients.filter((id) => id !== by),
    kind: notice.kind,
    requestId: notice.requestId,
    byUserId: by,
    at,
  });
}

function present(n: NotificationRow): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    requestId: n.request_id,
    requestCode: n.request_code,
    by: n.by_name,
    at: formatVnIso(n.created_at),
    readAt: n.read_at ? formatVnIso(n.read_at) : null,
  };
}

/** The signed-in user's own notifications: nobody reads or marks another's. */
export function createStaffNotificationService(ctx: AppContext) {
  const me = (actor: Actor | null): Actor => {
    if (!actor) throw new AppError("UNAUTHENTICATED");
    return actor;
  };
  return {
    async list(
      actor: Actor | null,
      q: { unread?: "true" | "false"; limit: number },
    ): Promise<NotificationList> {
      const user = me(actor);
      const [rows, unread] = await Promise.all([
        listNotifications(ctx.db, user.userId, { unreadOnly: q.unread === "true", limit: q.limit }),
        countUnread(ctx.db, user.userId),
      ]);
      return { items: rows.map(present), unread };
    },

    /** Marks one read; another user's notification, or an unknown id, is 404. */
    async markRead(actor: Actor | null, id: string): Promise<void> {
      const user = me(actor);
      if (!(await markNotificationRead(ctx.db, user.userId, id, ctx.clock.now())))
        throw new AppError("NOT_FOUND");
    },

    async markAllRead(actor: Actor | null): Promise<{ marked: number }> {
      const user = me(actor);
      return { marked: await markAllNotificationsRead(ctx.db, user.userId, ctx.clock.now()) };
    },
  };
}
