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
  const { user, system } = cpuSplitOf(pid);
  return user + system;
}

/**
 * User and system CPU of a process so far, in µs (0 when it is gone). The user part is the
 * process's own code (JavaScript, the HTTP parser); the system part mostly the kernel's socket
 * work, which grows with the machine's load — the user part shows a change to the code better.
 */
export function cpuSplitOf(pid: number): { user: number; system: number } {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return { user: 0, system: 0 };
  }
  // The command name (field 2) may hold spaces: fields are counted from after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const us = (ticks: string | undefined) => (Number(ticks) * 1e6) / TICKS_PER_SECOND;
  return { user: us(fields[11]), system: us(fields[12]) };
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

/** CPU per operation of one load phase, in µs: the bench process (the load's client), the server, the database. */
export interface CpuPerOp {
  client: number;
  server: number | null;
  database: number;
}

/**
 * Starts counting the CPU a load phase costs: this process (autocannon, or the raw INSERT's
 * client), the server process `serverPid` if any, and the backends of the database at `url`
 * (a backend opened during the phase counts from zero). `end(ops)` divides by the operations done;
 * call it before the phase's connections close.
 */
export async function cpuMeter(
  url: string,
  serverPid?: number,
): Promise<{ end(ops: number): Promise<CpuPerOp> }> {
  const backends = new Map((await backendsOf(url)).map((pid) => [pid, cpuUsOf(pid)]));
  const server = serverPid === undefined ? 0 : cpuUsOf(serverPid);
  const client = process.cpuUsage();
  return {
    async end(ops) {
      const used = process.cpuUsage(client);
      let database = 0;
      for (const pid of await backendsOf(url)) database += cpuUsOf(pid) - (backends.get(pid) ?? 0);
      const per = (us: number) => us / Math.max(1, ops);
      return {
        client: per(used.user + used.system),
        server: serverPid === undefined ? null : per(cpuUsOf(serverPid) - server),
        database: per(database),
      };
    },
  };
}
