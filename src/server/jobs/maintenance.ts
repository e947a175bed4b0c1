import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";
import { createJobLoop } from "./loop.js";

/** Flag Q&A entries whose effective period has ended, for agencies to review (R-KB1), every 5 minutes. */
const EXPIRY_INTERVAL_MS = 5 * 60_000;
/** Closed periods are looked for hourly (and generated on first download anyway). */
const REPORTS_INTERVAL_MS = 60 * 60_000;

/**
 * Background upkeep that is not a channel: expired Q&A entries flagged for review, and the search
 * index warmed right after start so the operator's first search does not wait for it.
 */
export function startMaintenanceJobs(ctx: AppContext, services: Services) {
  const expiry = createJobLoop(
    async () => {
      const flagged = await services.kb.flagExpiredEntries();
      if (flagged > 0) ctx.logger.info({ flagged }, "expired Q&A entries flagged for review");
    },
    EXPIRY_INTERVAL_MS,
    (error) => ctx.logger.error({ err: error }, "Q&A expiry job failed"),
  );
  expiry.start();
  // Art. 11.2, 13.3: a month, quarter or year that has closed is reported and frozen once.
  const reports = createJobLoop(
    async () => {
      const made = await services.reports.freezeClosedPeriods();
      if (made > 0) ctx.logger.info({ made }, "periodic reports frozen");
    },
    REPORTS_INTERVAL_MS,
    (error) => ctx.logger.error({ err: error }, "periodic report job failed"),
  );
  reports.start();
  void services.kb.search
    .refresh()
    .catch((error: unknown) => ctx.logger.error({ err: error }, "search index warm-up failed"));
  return { stop: () => Promise.all([expiry.stop(), reports.stop()]).then(() => undefined) };
}
