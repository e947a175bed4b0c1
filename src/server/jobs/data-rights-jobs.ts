import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";
import { createScheduledJob } from "./scheduled.js";

/** Every minute, like the obligations' reminders: a reminder lead of one working day needs no finer grain. */
const REMINDER_INTERVAL_MS = 60_000;
/** Looked at hourly; the pass itself runs once per Vietnam date (retention_runs). */
const RETENTION_INTERVAL_MS = 60 * 60_000;

/**
 * Background jobs of data protection (not part of buildApp; tests call the passes directly): deadline
 * reminders of data subjects' requests to the coordinators, and the daily retention pass.
 */
export function startDataRightsJobs(ctx: AppContext, services: Services) {
  const reminders = createScheduledJob(
    ctx,
    "data-rights.reminders",
    async () => {
      const n = await services.dataRequests.sendDataRequestReminders();
      if (n > 0) ctx.logger.info({ reminders: n }, "data request reminders sent");
    },
    REMINDER_INTERVAL_MS,
    (error) => ctx.logger.error({ err: error }, "data request reminder job failed"),
  );
  const retention = createScheduledJob(
    ctx,
    "data-rights.retention",
    async () => {
      const n = await services.retention.runDaily();
      if (n > 0) ctx.logger.info({ records: n }, "retention pass anonymised or deleted records");
    },
    RETENTION_INTERVAL_MS,
    (error) => ctx.logger.error({ err: error }, "retention job failed"),
  );
  reminders.start();
  retention.start();
  return { stop: () => Promise.all([reminders.stop(), retention.stop()]).then(() => undefined) };
}
