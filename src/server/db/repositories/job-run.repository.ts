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

/**
 * Holds a job for `holder` (issue 15): granted when the row is free, already this holder's (a
 * renewal), or not renewed for `leaseMs` (its holder stopped or died). One statement, as
 * claimJobRun; `runs` counts how many times the job changed hands.
 */
export async function holdJobLease(
  db: Executor,
  job: string,
  holder: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const row = await selectOne(
    db,
    z.object({ runs: col.number }),
    sql`insert into job_runs (job, last_run_at, runs, holder) values (${job}, ${now.toISOString()}, 1, ${holder})
        on conflict (job) do update set last_run_at = excluded.last_run_at, holder = excluded.holder,
          runs = job_runs.runs + case when job_runs.holder is distinct from excluded.holder then 1 else 0 end
          where job_runs.holder = excluded.holder
             or job_runs.last_run_at <= excluded.last_run_at - make_interval(secs => ${leaseMs / 1000})
        returning runs`,
  );
  return row !== undefined;
}

/** Gives a held job up (a drain): the next process that asks takes it at once. */
export async function releaseJobLease(db: Executor, job: string, holder: string): Promise<void> {
  await db.execute(
    sql`update job_runs set holder = null, last_run_at = 'epoch' where job = ${job} and holder = ${holder}`,
  );
}
