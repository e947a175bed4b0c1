import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { AppContext } from "../context.js";
import { claimJobRun, holdJobLease, releaseJobLease } from "../db/repositories/job-run.repository.js";
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

/** What a counting job logs: the count's key and message when it did something, the failure's message. */
export interface CountingLog {
  key: string;
  done: string;
  failed: string;
}

/**
 * A scheduled job, started, whose pass returns how many things it did: logged when there were any,
 * failures too.
 */
export function startCountingJob(
  ctx: AppContext,
  name: string,
  pass: () => Promise<number>,
  intervalMs: number,
  log: CountingLog,
): JobLoop {
  const loop = createScheduledJob(
    ctx,
    name,
    async () => {
      const n = await pass();
      if (n > 0) ctx.logger.info({ [log.key]: n }, log.done);
    },
    intervalMs,
    (error) => ctx.logger.error({ err: error }, log.failed),
  );
  loop.start();
  return loop;
}

/**
 * The same row of job_runs held rather than claimed per interval (issue 15), for a job that keeps
 * a connection of its own while it runs — the IMAP poller and its IDLE session: one process holds
 * it and renews it on every pass; another takes it over once the holder has not renewed it for
 * `leaseMs` (a crash), or at once after the holder released it (a drain).
 */
export interface JobLease {
  /** Who holds it, as written in job_runs.holder: host, process id and a random suffix. */
  readonly holder: string;
  /** Takes or renews the lease; false while another process holds it. */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

export function createJobLease(ctx: AppContext, name: string, leaseMs: number): JobLease {
  const holder = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  let held = false;
  return {
    holder,
    async hold() {
      held = await holdJobLease(ctx.db, name, holder, ctx.clock.now(), leaseMs);
      return held;
    },
    async release() {
      if (!held) return;
      held = false;
      await releaseJobLease(ctx.db, name, holder);
    },
  };
}
