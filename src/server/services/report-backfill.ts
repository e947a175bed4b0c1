import type { AppContext } from "../context.js";
import {
  analyzeHandling,
  fillSlipFacts,
  insertHandlings,
  listMissingHandling,
} from "../db/repositories/slip-handling.repository.js";
import type { WorkingCalendar } from "../domain/calendar/index.js";

/*
 * Start-up backfills of what the report figures read (main.ts), for rows written before the tables
 * or triggers that keep them: handling times and per-slip facts. Part of `services.reports`.
 */
export function createReportBackfill(ctx: AppContext, deps: { calendar: () => Promise<WorkingCalendar> }) {
  return {
    /**
     * Handling times for answers met without one (before migration 0022, or history written in
     * bulk): computed with the stored working calendar and appended to slip_handling, in pages.
     * Runs at start-up, before any report is frozen. Returns how many were filled.
     */
    async fillHandlingTimes(): Promise<number> {
      const calendar = await deps.calendar();
      let filled = 0;
      let after: string | null = null;
      for (;;) {
        const page = await listMissingHandling(ctx.db, after, 5000);
        await insertHandlings(
          ctx.db,
          page.map((m) => ({
            slipId: m.slip_id,
            obligationId: m.obligation_id,
            sentAt: m.starts_at,
            workingHours: calendar.workingHoursBetween(m.starts_at, m.met_at),
          })),
        );
        filled += page.length;
        const last = page.at(-1);
        if (!last || page.length < 5000) {
          if (filled >= 5000) await analyzeHandling(ctx.db);
          return filled;
        }
        after = last.obligation_id;
      }
    },

    /**
     * The per-slip facts the figures read (slip_facts, migration 0029) for slips written with
     * triggers off; run at start-up after fillHandlingTimes. Returns how many were filled.
     */
    async fillSlipFacts(): Promise<number> {
      return fillSlipFacts(ctx.db);
    },
  };
}
