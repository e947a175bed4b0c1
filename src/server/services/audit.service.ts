import { type Actor, can } from "../../shared/permissions.js";
import type { AuditEntryView } from "../../shared/schemas/admin.js";
import type { AppContext } from "../context.js";
import { listAuditEvents } from "../db/repositories/audit.repository.js";
import { authorize } from "../policies/authorize.js";

/** The audit trail of who changed what (R-SE2, R-KB2), read from the one event log. */
export function createAuditService(ctx: AppContext) {
  return {
    async listAudit(
      actor: Actor | null,
      q: { entity?: string; entityId?: string; page: number; pageSize: number },
    ): Promise<{ items: AuditEntryView[]; total: number }> {
      const reader = authorize(actor, "audit.read");
      // Least privilege (issue 14): who changed a request is shown to the administrator, not what the
      // request or its requester said (content, names, contact corrections).
      const seesRequests = can(reader, "request.read");
      const { rows, total } = await listAuditEvents(ctx.db, {
        entity: q.entity,
        entityId: q.entityId,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const items = rows.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorId: e.actor_id,
        actorLabel: e.actor_label,
        entity: e.entity,
        entityId: e.entity_id,
        kind: e.kind,
        requestCode: e.request_code,
        data: seesRequests || (e.entity !== "request" && e.request_id === null) ? e.data : {},
      }));
      return { items, total };
    },
  };
}
