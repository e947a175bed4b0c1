import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, selectOne } from "../client.js";

/**
 * Claims the next run of a scheduled job for this process (issue 15): one statement on the job's
 * row (migration 0020), so of several processes ticking at once exactly one wins a run per lease;
 * no session state (advisory session locks would not survive PgBouncer's transaction mode).
 */
export async function claimJobRun(db: Executor, job: string, now: Date, leaseMs: number): Promise<boolean> {
  const row = await selectOne(
    db,
    z.object({ runs: col.number }),
    sql`insert into job_runs (job, last_run_at, runs) values (${job}, ${now.toISOString()}, 1)
        on conflict (job) do update set last_run_at = excluded.last_run_at, runs = job_runs.runs + 1
          where job_runs.last_run_at <= excluded.last_run_at - make_interval(secs => ${leaseMs / 1000})
        returning runs`,
  );
  return row !== undefined;
}
