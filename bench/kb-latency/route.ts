import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { execRaw } from "../../src/server/db/client.js";
import { until } from "../../src/test/until.js";
import { makeQuery, querySets } from "../kb-quality/queries.js";
import { freshContext, importDataset, requireDataset, splitFile } from "../kb-quality/setup.js";
import { backendsOf, cpuUsOf } from "../lib/cpu-time.js";
import { percentile, startServer } from "../lib/server.js";
import { addUser, addVariants, benchUser } from "./database.js";
import { signIn, timesFromClient } from "./restart.js";

/**
 * What the HTTP path of a staff search costs (issue 16, sixth round): the real server process
 * (`NODE_ENV=production`) on the database at `KB_DATABASE_URL` (one with bench/kb-latency's user
 * `bench`; built once by `npx tsx bench/kb-latency/route.ts --setup=full`, or an
 * empty one), bench/kb-latency's 600 searches sent `KB_ROUNDS` times from a client process of its
 * own, and per round the wall-clock percentiles and the CPU time a search of the server process and
 * of its database backends (robust to a loaded machine). `BENCH_BEFORE_ROOT=DIR` alternates with
 * another tree's server on the same database; `BENCH_CPU_PROF=DIR` profiles the servers.
 */
const url = process.env.KB_DATABASE_URL;
const ROUNDS = Number(process.env.KB_ROUNDS ?? 3);
const beforeRoot = process.env.BENCH_BEFORE_ROOT;
const user = benchUser;

async function queries(): Promise<string[]> {
  const test = parse(await readFile(splitFile("test")), {
    delimiter: "|",
    columns: true,
    relax_quotes: true,
  }) as Record<string, string>[];
  return Array.from({ length: 600 }, (_, i) => {
    const r = test[i % test.length] as Record<string, string>;
    return makeQuery(querySets[i % querySets.length] ?? "a_no_diacritics", r.Question ?? "", i + 1);
  });
}

async function round(label: string, qs: string[], root?: string): Promise<string> {
  const server = await startServer({ DATABASE_URL: url as string, CAPTCHA: "off" }, root);
  try {
    const cookie = await signIn(server.url, user.username, user.password);
    // Warm-up: the JIT, the snippets' memo and the index's catch-up, as in a server that has answered.
    await timesFromClient(server.url, cookie, qs);
    // The database's backends: those there at the start and at the end (a backend closed meanwhile
    // is missed, one opened meanwhile counts from its start).
    const before = new Map((await backendsOf(url as string)).map((pid) => [pid, cpuUsOf(pid)]));
    const server0 = cpuUsOf(server.pid);
    const times = await timesFromClient(server.url, cookie, qs);
    const serverMs = (cpuUsOf(server.pid) - server0) / 1000 / qs.length;
    let dbUs = 0;
    for (const pid of await backendsOf(url as string)) {
      const now = cpuUsOf(pid);
      if (now > 0) dbUs += now - (before.get(pid) ?? 0);
    }
    const dbMs = dbUs / 1000 / qs.length;
    times.sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(2).padStart(6);
    return `| ${label.padEnd(10)} | ${f(percentile(times, 50))} | ${f(percentile(times, 95))} | ${f(percentile(times, 99))} | ${f(serverMs)} | ${f(dbMs)} |`;
  } finally {
    await server.stop();
  }
}

/**
 * `--setup=empty|full`: a database kept for later runs (printed; drop it yourself), migrated, with
 * the bench user, and for `full` bench/kb-latency's 100,000 entries and the server's snapshot.
 */
async function setup(kind: string): Promise<void> {
  const ctx = await freshContext("postgres");
  await addUser(ctx);
  if (kind === "full") {
    await importDataset(ctx);
    await addVariants(ctx);
    // A server started once builds the index from the entries and writes its snapshot.
    const server = await startServer({ DATABASE_URL: ctx.url as string, CAPTCHA: "off" });
    const cookie = await signIn(server.url, user.username, user.password);
    await timesFromClient(server.url, cookie, ["tiem vac xin"]);
    // The snapshot is written in the background after the rebuild: wait for it.
    await until("the index snapshot written", 600_000, async () =>
      (await execRaw(ctx.db, sql`select 1 from kb_search_snapshot`)).length > 0 ? true : undefined,
    );
    await server.stop();
  }
  await ctx.database.close();
  console.log(`KB_DATABASE_URL=${ctx.url}`);
}

async function main(): Promise<void> {
  const setupKind = process.argv.find((a) => a.startsWith("--setup="))?.slice(8);
  if (setupKind) return setup(setupKind);
  if (!url) throw new Error("KB_DATABASE_URL: the PostgreSQL database to serve (see the file's comment)");
  requireDataset();
  const qs = await queries();
  console.log("| server     | p50 ms | p95 ms | p99 ms | server CPU ms/search | database CPU ms/search |");
  console.log("|------------|--------|--------|--------|----------------------|------------------------|");
  for (let r = 0; r < ROUNDS; r++) {
    if (beforeRoot) console.log(await round("before", qs, beforeRoot));
    console.log(await round("this tree", qs));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
