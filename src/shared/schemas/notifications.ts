import { z } from "zod";
import { isoInstant } from "./common.js";

/**
 * Issue 19: what the console's bell lists for the signed-in staff member. Kept until read, so an
 * alert reaches someone who was not signed in when it happened (the live stream only reaches open
 * consoles). No note text and no requester comment: the request's code and who caused it.
 */
export const notificationKinds = [
  "mention",
  "cooperation_requested",
  "reopened_not_resolved",
  "requester_unreached",
] as const;
export const notificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKind>;

export const notificationView = z.object({
  id: z.uuid(),
  /**
   * mention: @named in an internal note; cooperation_requested: the user's agency received a
   * cooperating slip; reopened_not_resolved: the requester said the answer did not resolve it;
   * requester_unreached: a message the requester had to get (acknowledgement, answer, refusal,
   * question) did not reach them and no other way was tried — call them back.
   */
  kind: notificationKind,
  requestId: z.uuid(),
  requestCode: z.string(),
  /** Full name of the staff member who caused it; null when it was the requester. */
  by: z.string().nullable(),
  at: isoInstant,
  readAt: isoInstant.nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const NOTIFICATION_PAGE_MAX = 100;

export const notificationListQuery = z
  .object({
    /** "true": only the unread ones. */
    unread: z.enum(["true", "false"]).optional(),
    limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE_MAX).default(30),
  })
  .strict();

/** Newest first; `unread` counts every unread notification of the user, not only those listed. */
export const notificationList = z.object({
  items: z.array(notificationView),
  unread: z.number().int().min(0),
});
export type NotificationList = z.infer<typeof notificationList>;

/** How many were marked read by "mark all read". */
export const notificationsMarked = z.object({ marked: z.number().int().min(0) });
