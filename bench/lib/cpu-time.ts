/**
 * CPU time of processes, read from /proc/<pid>/stat (utime + stime): what a server spends per
 * answer, which unlike requests per second does not depend on how loaded the machine is
 * (bench/portal's BENCH_CPU). Linux only.
 */
import { readFileSync } from "node:fs";
import pg from "pg";

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on every Linux we run). */
const TICKS_PER_SECOND = 100;

/** User + system CPU of a process so far, in µs; 0 when it is gone. */
export function cpuUsOf(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return 0;
  }
  // The command name (field 2) may hold spaces: fields are counted from after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
}

/** The PostgreSQL backends connected to the database at `url` (same machine), by pid. */
export async function backendsOf(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}
