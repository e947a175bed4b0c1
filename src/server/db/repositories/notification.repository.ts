import { sql } from "drizzle-orm";
import { z } from "zod";
import type { NotificationKind } from "../../../shared/schemas/notifications.js";
import { notificationKinds } from "../../../shared/schemas/notifications.js";
import { col, type Executor, select } from "../client.js";
import { changesAny, countChanged, selectValue, uuidArray } from "../queries.js";

/** Staff notifications (issue 19, migration 0032): the console's bell, one row per user and cause. */
export const notificationRow = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  request_id: z.string(),
  request_code: z.string(),
  by_name: z.string().nullable(),
  created_at: col.timestamp,
  read_at: col.nullableTimestamp,
});
export type NotificationRow = z.infer<typeof notificationRow>;

/** One notification for each user (each once); returns the users written to. */
export async function insertNotifications(
  tx: Executor,
  n: {
    userIds: readonly string[];
    kind: NotificationKind;
    requestId: string;
    byUserId: string | null;
    at: Date;
  },
): Promise<string[]> {
  const userIds = [...new Set(n.userIds)];
  if (userIds.length === 0) return [];
  const rows = await select(
    tx,
    z.object({ user_id: z.string() }),
    sql`insert into staff_notifications (user_id, kind, request_id, by_user_id, created_at)
        select u, ${n.kind}, ${n.requestId}, ${n.byUserId}, ${n.at.toISOString()} from unnest(${uuidArray(userIds)}) as t(u)
        returning user_id`,
  );
  return rows.map((r) => r.user_id);
}

/** A user's notifications, newest first. */
export async function listNotifications(
  db: Executor,
  userId: string,
  q: { unreadOnly: boolean; limit: number },
): Promise<NotificationRow[]> {
  return select(
    db,
    notificationRow,
    sql`select n.id, n.kind, n.request_id, r.code as request_code, u.full_name as by_name, n.created_at, n.read_at
        from staff_notifications n
        join requests r on r.id = n.request_id
        left join users u on u.id = n.by_user_id
        where n.user_id = ${userId} ${q.unreadOnly ? sql`and n.read_at is null` : sql``}
        order by n.created_at desc, n.id desc
        limit ${q.limit}`,
  );
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const n = await selectValue(
    db,
    "n",
    col.number,
    sql`select count(*)::int as n from staff_notifications where user_id = ${userId} and read_at is null`,
  );
  return n ?? 0;
}

/**
 * Marks one of the user's notifications read (once: a second call keeps the first time). False when
 * the user has no notification with this id — someone else's is "not found", like an unknown one.
 */
export const markNotificationRead = changesAny(
  (userId: string, id: string, at: Date) =>
    sql`update staff_notifications set read_at = coalesce(read_at, ${at.toISOString()})
        where id = ${id} and user_id = ${userId} returning id`,
);

export async function markAllNotificationsRead(db: Executor, userId: string, at: Date): Promise<number> {
  return countChanged(
    db,
    sql`update staff_notifications set read_at = ${at.toISOString()}
        where user_id = ${userId} and read_at is null returning id`,
  );
}

/** Active focal points of these agencies: who works a slip sent to their agency. */
export async function activeFocalPoints(db: Executor, agencyIds: readonly string[]): Promise<string[]> {
  if (agencyIds.length === 0) return [];
  const rows = await select(
    db,
    z.object({ id: z.string() }),
    sql`select id from users where active and role = 'focal_point' and agency_id = any(${uuidArray(agencyIds)})`,
  );
  return rows.map((r) => r.id);
}

/** Active coordinators: who decides a request sent back to the coordinator. */
export async function activeCoordinators(db: Executor): Promise<string[]> {
  const rows = await select(
    db,
    z.object({ id: z.string() }),
    sql`select id from users where active and role = 'coordinator'`,
  );
  return rows.map((r) => r.id);
}

/** The staff member who received the request (its operator), when still active; none otherwise. */
export async function activeReceiverOf(db: Executor, requestId: string): Promise<string[]> {
  const rows = await select(
    db,
    z.object({ id: z.string() }),
    sql`select u.id from requests r join users u on u.id = r.operator_id where r.id = ${requestId} and u.active`,
  );
  return rows.map((r) => r.id);
}
