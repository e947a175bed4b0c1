import { type Actor, scopeOf } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import { boardByAgency } from "../db/repositories/monitor.repository.js";
import { listRequests } from "../db/repositories/request.repository.js";
import { authorize } from "../policies/authorize.js";
import { toSummary } from "./request.presenter.js";
import type { RequestServiceDeps } from "./request.service.js";

/** Supervision (Art. 13.1, R-MO3, R-HA7, R-HA9): what is open, due and late, by agency, live. */
export function createMonitorService(ctx: AppContext, deps: RequestServiceDeps) {
  return {
    async board(actor: Actor | null) {
      const viewer = authorize(actor, "monitor.board");
      const now = ctx.clock.now();
      const calendar = await deps.calendar();
      const soon = calendar.addWorkingHours(now, 1);
      const own =
        scopeOf(viewer.role, "monitor.board") === "agency" ? (viewer.agencyId ?? undefined) : undefined;
      const [agencies, unclear, urgent] = await Promise.all([
        boardByAgency(ctx.db, now, soon, own),
        own
          ? Promise.resolve({ rows: [] })
          : listRequests(ctx.db, { statuses: ["with_coordinator"] }, { limit: 100, offset: 0 }),
        listRequests(ctx.db, { urgency: "urgent", open: true, agencyId: own }, { limit: 100, offset: 0 }),
      ]);
      return {
        agencies: agencies.map((a) => ({
          agencyId: a.agency_id,
          agencyName: a.agency_name,
          open: a.open,
          dueSoon: a.due_soon,
          late: a.late,
        })),
        unclear: unclear.rows.map((r) => toSummary(r, calendar, now)),
        urgent: urgent.rows.map((r) => toSummary(r, calendar, now)),
      };
    },
  };
}
