import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { NotificationList, NotificationView } from "../../shared/schemas/notifications.js";
import { formatVnIso, formatVnIsoOrNull } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import {
  activeCoordinators,
  activeFocalPoints,
  activeReceiverOf,
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
 *   back to them (feedback.service.ts);
 * - requester_unreached: a message the requester must get (the acknowledgement, the answer…) never
 *   reached them and nothing else was tried (notify.ts), so someone calls them back: the staff member
 *   who received the request if still active, else the coordinators.
 * Whoever caused it is never notified of their own act.
 */
export type StaffNotice =
  | { kind: "mention"; requestId: string; by: string; userIds: readonly string[] }
  | { kind: "cooperation_requested"; requestId: string; by: string; agencyIds: readonly string[] }
  | { kind: "reopened_not_resolved"; requestId: string }
  | { kind: "requester_unreached"; requestId: string };

/**
 * Stores the notice for its recipients, in the caller's transaction (so a rolled-back action
 * notifies nobody). Consoles that are open refresh their bell on the live update the action
 * publishes after commit (the request event, or the mention signal).
 */
export async function notifyStaff(tx: Executor, notice: StaffNotice, at: Date): Promise<string[]> {
  const by = "by" in notice ? notice.by : null;
  const recipients = await recipientsOf(tx, notice);
  return insertNotifications(tx, {
    userIds: recipients.filter((id) => id !== by),
    kind: notice.kind,
    requestId: notice.requestId,
    byUserId: by,
    at,
  });
}

async function recipientsOf(tx: Executor, notice: StaffNotice): Promise<readonly string[]> {
  switch (notice.kind) {
    case "mention":
      return notice.userIds;
    case "cooperation_requested":
      return activeFocalPoints(tx, notice.agencyIds);
    case "reopened_not_resolved":
      return activeCoordinators(tx);
    case "requester_unreached": {
      const receiver = await activeReceiverOf(tx, notice.requestId);
      return receiver.length > 0 ? receiver : activeCoordinators(tx);
    }
  }
}

function present(n: NotificationRow): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    requestId: n.request_id,
    requestCode: n.request_code,
    by: n.by_name,
    at: formatVnIso(n.created_at),
    readAt: formatVnIsoOrNull(n.read_at),
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
