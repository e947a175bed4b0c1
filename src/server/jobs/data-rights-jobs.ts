import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";
import { startCountingJob } from "./scheduled.js";

/** Every minute, like the obligations' reminders: a reminder lead of one working day needs no finer grain. */
const REMINDER_INTERVAL_MS = 60_000;
/** Looked at hourly; the pass itself runs once per Vietnam date (retention_runs). */
const RETENTION_INTERVAL_MS = 60 * 60_000;

/**
 * Background jobs of data protection (not part of buildApp; tests call the passes directly): deadline
 * reminders of data subjects' requests to the coordinators, and the daily retention pass.
 */
export function startDataRightsJobs(ctx: AppContext, services: Services) {
  const reminders = startCountingJob(
    ctx,
    "data-rights.reminders",
    () => services.dataRequests.sendDataRequestReminders(),
    REMINDER_INTERVAL_MS,
    { key: "reminders", done: "data request reminders sent", failed: "data request reminder job failed" },
  );
  const retention = startCountingJob(
    ctx,
    "data-rights.retention",
    () => services.retention.runDaily(),
    RETENTION_INTERVAL_MS,
    {
      key: "records",
      done: "retention pass anonymised or deleted records",
      failed: "retention job failed",
    },
  );
  return { stop: () => Promise.all([reminders.stop(), retention.stop()]).then(() => undefined) };
}
