import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type {
  CreateRefusalReasonBody,
  RefusalReasonView,
  UpdateRefusalReasonBody,
} from "../../shared/schemas/admin.js";
import type { AppContext } from "../context.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { type RefusalReasonRow, refusalReasonTable } from "../db/repositories/refusal-reason.repository.js";
import { authorize } from "../policies/authorize.js";
import { requireStaff, uniqueOr409 } from "./admin-support.js";

export const presentRefusalReason = (r: RefusalReasonRow): RefusalReasonView => ({
  id: r.id,
  code: r.code,
  text: r.text,
  active: r.active,
});

const audit = (r: RefusalReasonRow) => ({ code: r.code, text: r.text, active: r.active });
const duplicateCode = "Mã lý do đã tồn tại";

/** Reasons stated to a requester when a request is refused (Art. 9.2, R-IN4). */
export function createRefusalReasonService(ctx: AppContext) {
  return {
    async listRefusalReasons(actor: Actor | null, includeInactive: boolean): Promise<RefusalReasonView[]> {
      requireStaff(actor);
      return (await refusalReasonTable.list(ctx.db, includeInactive)).map(presentRefusalReason);
    },

    async createRefusalReason(
      actor: Actor | null,
      body: CreateRefusalReasonBody,
    ): Promise<RefusalReasonView> {
      const admin = authorize(actor, "refusal_reason.manage");
      const row = await uniqueOr409("code", duplicateCode, () =>
        ctx.db.transaction(async (tx) => {
          const created = await refusalReasonTable.insert(tx, { ...body, active: true });
          await appendEvent(tx, {
            actor: admin,
            entity: "refusal_reason",
            entityId: String(created.id),
            kind: "refusal_reason.created",
            data: { before: null, after: audit(created) },
          });
          return created;
        }),
      );
      return presentRefusalReason(row);
    },

    async updateRefusalReason(
      actor: Actor | null,
      id: number,
      body: UpdateRefusalReasonBody,
    ): Promise<RefusalReasonView> {
      const admin = authorize(actor, "refusal_reason.manage");
      const row = await uniqueOr409("code", duplicateCode, () =>
        ctx.db.transaction(async (tx) => {
          const before = await refusalReasonTable.findById(tx, id, true);
          if (!before) throw new AppError("NOT_FOUND");
          const after = await refusalReasonTable.update(tx, id, {
            code: body.code ?? before.code,
            text: body.text ?? before.text,
            active: body.active ?? before.active,
          });
          if (!after) throw new AppError("NOT_FOUND");
          await appendEvent(tx, {
            actor: admin,
            entity: "refusal_reason",
            entityId: String(id),
            kind: "refusal_reason.updated",
            data: { before: audit(before), after: audit(after) },
          });
          return after;
        }),
      );
      return presentRefusalReason(row);
    },
  };
}
