import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";
import { createScheduledJob } from "./scheduled.js";

/** Every minute: fine enough for a one-working-hour reminder lead. */
const OBLIGATION_INTERVAL_MS = 60_000;

/**
 * The obligation jobs of a server process (not part of buildApp; tests call the passes directly):
 * progress obligations materialised for answer obligations that passed unmet (Art. 10.3), then
 * reminders to agencies before and after due times (Art. 13.1).
 */
export function startObligationJobs(ctx: AppContext, services: Services) {
  const loop = createScheduledJob(
    ctx,
    "obligations",
    async () => {
      const progress = await services.obligations.materialiseProgress();
      if (progress > 0) ctx.logger.info({ progress }, "progress obligations arose");
      const reminders = await services.obligations.sendReminders();
      if (reminders > 0) ctx.logger.info({ reminders }, "obligation reminders sent");
    },
    OBLIGATION_INTERVAL_MS,
    (error) => ctx.logger.error({ err: error }, "obligation job failed"),
  );
  loop.start();
  return { stop: () => loop.stop() };
}
