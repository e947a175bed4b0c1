import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { percentile, repoRoot, startServer } from "../lib/server.js";

/**
 * Start-up and memory of the real server process (issue 16): the server started on a database,
 * time from spawn to listening, from listening to the first staff search answered, then 600
 * sequential searches (p50/p95/p99) sent from a client process of its own (search-client.ts) and the
 * process's RSS, against the same server started on an empty database. `root` runs another checkout (a "before" tree) on the same database.
 */
export interface RestartFigures {
  label: string;
  listenMs: number;
  firstSearchMs: number;
  p50: number;
  p95: number;
  p99: number;
  rssMb: number;
}

/** The searches' times from search-client.ts, in its own process (see there why). */
export async function timesFromClient(url: string, cookie: string, queries: string[]): Promise<number[]> {
  const client = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "bench/kb-latency/search-client.ts")],
    {
      cwd: repoRoot,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  let out = "";
  client.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => client.once("exit", resolve));
  client.stdin.end(JSON.stringify({ url, cookie, queries }));
  const code = await exited;
  if (code !== 0) throw new Error(`search client exited with ${code}`);
  return JSON.parse(out) as number[];
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

export async function measureRestart(
  label: string,
  databaseUrl: string,
  queries: string[],
  user: { username: string; password: string },
  root?: string,
): Promise<RestartFigures> {
  const spawned = performance.now();
  const server = await startServer({ DATABASE_URL: databaseUrl, CAPTCHA: "off" }, root);
  const listening = performance.now();
  try {
    const cookie = await signIn(server.url, user.username, user.password);
    const search = async (q: string) => {
      const line = q.replace(/\p{Cc}+/gu, " ");
      const res = await fetch(`${server.url}/api/v1/kb/search?q=${encodeURIComponent(line)}&limit=10`, {
        headers: { cookie },
      });
      if (res.status !== 200) throw new Error(`search answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    await search(queries[0] ?? "tiem vac xin");
    const firstSearchMs = performance.now() - listening;
    const times = await timesFromClient(server.url, cookie, queries);
    times.sort((a, b) => a - b);
    return {
      label,
      listenMs: listening - spawned,
      firstSearchMs,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      rssMb: await rssMb(server.pid),
    };
  } finally {
    await server.stop();
  }
}

export function restartRow(f: RestartFigures, emptyRss: number): string {
  const n = (x: number) => x.toFixed(1).padStart(6);
  return `| ${f.label.padEnd(34)} | ${(f.listenMs / 1000).toFixed(1).padStart(5)} s | ${(f.firstSearchMs / 1000).toFixed(2).padStart(6)} s | ${n(f.p50)} | ${n(f.p95)} | ${n(f.p99)} | ${String(f.rssMb).padStart(5)} | ${String(f.rssMb - emptyRss).padStart(5)} |`;
}

export const restartHeader = [
  "| server start (PostgreSQL)          | to listen | listen → 1st search | p50 ms | p95 ms | p99 ms | RSS MB | above empty |",
  "|------------------------------------|-----------|---------------------|--------|--------|--------|--------|-------------|",
];
