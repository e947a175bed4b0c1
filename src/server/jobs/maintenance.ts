import type { AppContext } from "../context.js";
import { purgeGuards } from "../db/repositories/replay-guard.repository.js";
import { purgeExpiredKeys } from "../services/idempotency.js";
import type { Services } from "../services/index.js";
import { startCountingJob } from "./scheduled.js";

/** Flag Q&A entries whose effective period has ended, for agencies to review (R-KB1), every 5 minutes. */
const EXPIRY_INTERVAL_MS = 5 * 60_000;
/** Ended sessions, sign-in challenges and restarted sign-in counters are dropped every 15 minutes. */
const AUTH_UPKEEP_INTERVAL_MS = 15 * 60_000;
/** Closed periods are looked for hourly (and generated on first download anyway). */
const REPORTS_INTERVAL_MS = 60 * 60_000;

/**
 * Background upkeep that is not a channel: expired Q&A entries flagged for review, and the search
 * index warmed right after start so the operator's first search does not wait for it.
 */
export function startMaintenanceJobs(ctx: AppContext, services: Services) {
  const loops = [
    startCountingJob(ctx, "kb.expiry", () => services.kb.flagExpiredEntries(), EXPIRY_INTERVAL_MS, {
      key: "flagged",
      done: "expired Q&A entries flagged for review",
      failed: "Q&A expiry job failed",
    }),
    // Art. 11.2, 13.3: a month, quarter or year that has closed is reported and frozen once.
    startCountingJob(
      ctx,
      "reports.freeze",
      () => services.reports.freezeClosedPeriods(),
      REPORTS_INTERVAL_MS,
      {
        key: "made",
        done: "periodic reports frozen",
        failed: "periodic report job failed",
      },
    ),
    startCountingJob(ctx, "auth.upkeep", () => services.auth.purgeExpired(), AUTH_UPKEEP_INTERVAL_MS, {
      key: "removed",
      done: "ended sessions and stale sign-in counters removed",
      failed: "session upkeep job failed",
    }),
    // Issue 15: Idempotency-Keys replay for 24 hours, then go.
    startCountingJob(
      ctx,
      "idempotency.purge",
      async () => (await purgeExpiredKeys(ctx.db, ctx.clock.now())) + (await purgeGuards(ctx.db, new Date())),
      AUTH_UPKEEP_INTERVAL_MS,
      {
        key: "removed",
        done: "expired idempotency keys, used captchas and idle rate buckets removed",
        failed: "idempotency key cleanup failed",
      },
    ),
  ];
  void services.kb.search
    .refresh()
    .catch((error: unknown) => ctx.logger.error({ err: error }, "search index warm-up failed"));
  return { stop: () => Promise.all(loops.map((loop) => loop.stop())).then(() => undefined) };
}
