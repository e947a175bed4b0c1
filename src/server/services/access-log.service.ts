import type { Actor } from "../../shared/permissions.js";
import type { AccessAction, AccessLogEntry, AccessLogQuery } from "../../shared/schemas/access-log.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendAccess, listAccess } from "../db/repositories/access-log.repository.js";
import { authorize } from "../policies/authorize.js";

/** Where a read came from, as the HTTP edge saw it (staffRoute hands it to every handler). */
export interface AccessOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface AccessRecord {
  action: AccessAction;
  requestId?: string | null;
  target?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The one writer of the access log (issue 14; Decree 356/2025): who read which request's personal
 * data, downloaded which attachment, exported what or revealed which contact, when and from where.
 * Called after the read was authorized and before the data leaves, so a read that cannot be
 * recorded is not served.
 */
export async function recordAccess(
  db: Executor,
  at: Date,
  actor: Actor,
  origin: AccessOrigin,
  r: AccessRecord,
): Promise<void> {
  await appendAccess(db, {
    at,
    actorId: actor.userId,
    actorLabel: actor.fullName,
    actorRole: actor.role,
    action: r.action,
    requestId: r.requestId ?? null,
    target: r.target ?? null,
    details: r.details ?? {},
    ip: origin.ip,
    userAgent: origin.userAgent?.slice(0, 400) ?? null,
  });
}

export function createAccessLogService(ctx: AppContext) {
  return {
    async listAccessLog(
      actor: Actor | null,
      q: AccessLogQuery,
    ): Promise<{ items: AccessLogEntry[]; total: number }> {
      authorize(actor, "access_log.read");
      const { rows, total } = await listAccess(ctx.db, {
        actorId: q.actorId,
        requestId: q.requestId,
        action: q.action,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: formatVnIso(r.at),
          actorId: r.actor_id,
          actorLabel: r.actor_label,
          actorRole: r.actor_role,
          action: r.action,
          requestId: r.request_id,
          target: r.target,
          details: r.details,
          ip: r.ip,
          userAgent: r.user_agent,
        })),
        total,
      };
    },
  };
}
