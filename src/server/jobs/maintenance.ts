import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";
import { createJobLoop } from "./loop.js";

/** Flag Q&A entries whose effective period has ended, for agencies to review (R-KB1), every 5 minutes. */
const EXPIRY_INTERVAL_MS = 5 * 60_000;

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
  void services.kb.search
    .refresh()
    .catch((error: unknown) => ctx.logger.error({ err: error }, "search index warm-up failed"));
  return { stop: () => expiry.stop() };
}
