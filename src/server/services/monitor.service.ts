import { type Actor, scopeOf } from "../../shared/permissions.js";
import { formatVnIso } from "../../shared/time.js";
import type { AppContext } from "../context.js";
import { heldUpSlips } from "../db/repositories/cooperation.repository.js";
import { listNotResolvedWaiting } from "../db/repositories/feedback.repository.js";
import { boardByAgency } from "../db/repositories/obligation.repository.js";
import { listRequests } from "../db/repositories/request.repository.js";
import { dueSoonUntil } from "../domain/obligations.js";
import { authorize } from "../policies/authorize.js";
import type { AccessOrigin } from "./access-log.service.js";
import type { RequestServiceDeps } from "./request.service.js";
import { recordListRead, summaries } from "./request-access.js";
import { dueContextOf } from "./time-limits.service.js";

/**
 * Supervision (Art. 13.1, R-MO3, R-HA7, R-HA9): what is open, due and late, by agency, live. Due
 * soon and late come from the obligations, by the same rule as the request list.
 */
export function createMonitorService(ctx: AppContext, deps: RequestServiceDeps) {
  return {
    async board(actor: Actor | null, origin: AccessOrigin) {
      const viewer = authorize(actor, "monitor.board");
      const now = ctx.clock.now();
      const calendar = await deps.calendar();
      const due = await dueContextOf(ctx.db, calendar, now);
      const soon = dueSoonUntil(now, calendar, due.leadHours);
      const own =
        scopeOf(viewer.role, "monitor.board") === "agency" ? (viewer.agencyId ?? undefined) : undefined;
      const [agencies, unclear, urgent, awaiting, notResolved, heldUp] = await Promise.all([
        boardByAgency(ctx.db, now, soon, own),
        own
          ? Promise.resolve({ rows: [] })
          : listRequests(ctx.db, { statuses: ["with_coordinator"] }, { limit: 100, offset: 0 }),
        listRequests(ctx.db, { urgency: "urgent", open: true, agencyId: own }, { limit: 100, offset: 0 }),
        // Art. 14.6: requests waiting for the requester's reply (the legal clock still runs).
        listRequests(ctx.db, { awaitingRequester: true, agencyId: own }, { limit: 100, offset: 0 }),
        // Issue 19: "not resolved" by the requester, back with the coordinator, with the comment.
        listNotResolvedWaiting(ctx.db, own),
        // Issue 19: who holds things up, slip by slip (a late cooperating agency beside its lead).
        heldUpSlips(ctx.db, now, soon, own),
      ]);
      const lists = {
        unclear: await summaries(ctx.db, unclear.rows, due, viewer),
        urgent: await summaries(ctx.db, urgent.rows, due, viewer),
        awaitingRequester: await summaries(ctx.db, awaiting.rows, due, viewer),
      };
      await recordListRead(ctx, viewer, origin, "GET /api/v1/monitor/board", {}, [
        ...lists.unclear,
        ...lists.urgent,
        ...lists.awaitingRequester,
      ]);
      return {
        agencies: agencies.map((a) => ({
          agencyId: a.agency_id,
          agencyName: a.agency_name,
          open: a.open,
          dueSoon: a.due_soon,
          late: a.late,
        })),
        ...lists,
        notResolved: notResolved.map((n) => ({
          requestId: n.request_id,
          code: n.code,
          rating: n.rating,
          comment: n.comment,
          at: formatVnIso(n.created_at),
        })),
        heldUp: heldUp.map((h) => ({
          slipId: h.slip_id,
          requestId: h.request_id,
          code: h.request_code,
          agencyId: h.agency_id,
          agencyName: h.agency_name,
          role: h.role,
          sentAt: formatVnIso(h.sent_at),
          dueAt: formatVnIso(h.due_at),
          dueState: h.late ? ("late" as const) : ("due_soon" as const),
        })),
      };
    },
  };
}
