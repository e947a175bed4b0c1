import type { AppContext } from "../context.js";
import { claimJobRun } from "../db/repositories/job-run.repository.js";
import { createJobLoop, type JobLoop } from "./loop.js";

/**
 * A scheduled job that runs once cluster-wide per interval (issue 15): every process ticks, the one
 * that claims the job's row (job_runs) runs the pass, the others skip it. The lease is a little
 * shorter than the interval, so the same process's next tick is never refused for clock jitter.
 */
export function createScheduledJob(
  ctx: AppContext,
  name: string,
  pass: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
): JobLoop {
  return createJobLoop(
    async () => {
      if (await claimJobRun(ctx.db, name, ctx.clock.now(), intervalMs * 0.9)) await pass();
    },
    intervalMs,
    onError,
  );
}
