import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";
import { createJobLoop } from "./loop.js";

/** Recordings are looked for every 5 s; each one's own back-off decides when it is tried again. */
const RECORDING_INTERVAL_MS = 5_000;

/**
 * The switchboard's background job (not part of buildApp; tests call the pass directly): fetching
 * announced call recordings, retried with back-off while the recording host is down (issue 12).
 */
export function startPhoneJobs(ctx: AppContext, services: Services) {
  const recordings = createJobLoop(
    async () => {
      const r = await services.calls.recordings.fetchDue();
      if (r.stored + r.refused > 0) ctx.logger.info(r, "call recordings fetched");
    },
    RECORDING_INTERVAL_MS,
    (error) => ctx.logger.error({ err: error }, "recording job failed"),
  );
  recordings.start();
  return { stop: () => recordings.stop() };
}
