import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import v8 from "node:v8";
import vm from "node:vm";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { buildApp } from "../../src/server/app.js";
import { execRaw } from "../../src/server/db/client.js";
import { createServices } from "../../src/server/services/index.js";
import { makeQuery, querySets } from "../kb-quality/queries.js";
import { freshContext, importDataset, requireDataset, splitFile } from "../kb-quality/setup.js";
import { addUser, addVariants, benchUser, TARGET } from "./database.js";
import { measureRestart, restartHeader, restartRow } from "./restart.js";

/**
 * Latency of GET /api/v1/kb/search (staff) over real HTTP (issue 4, R-HA1): 4,500 entries, then
 * 100,000 (the dataset plus generated variants), on PGlite and PostgreSQL. Requests are sequential,
 * one at a time, as an operator types, after the index caught up with the bulk change (the
 * catch-up a process pays once is reported apart). `-- --only=pglite|postgres` runs one database.
 */
const REQUESTS = 600;
const user = benchUser;
const beforeRoot = process.env.BENCH_BEFORE_ROOT;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
/** Heap and array buffers after a full collection: what the in-process index costs. */
function liveMb(): number {
  gc();
  const m = process.memoryUsage();
  return Math.round((m.heapUsed + m.arrayBuffers) / 1e6);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function measure(
  url: string,
  cookie: string,
  queries: string[],
): Promise<{ p50: number; p95: number; p99: number }> {
  const times: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    // A search box sends one line: the dataset's line breaks would be refused as control characters.
    const line = q.replace(/\p{Cc}+/gu, " ");
    const target = `${url}/api/v1/kb/search?q=${encodeURIComponent(line)}&limit=10`;
    // A keep-alive socket left idle during the bulk load may have been closed: retry once.
    const res = await fetch(target, { headers: { cookie } }).catch(() =>
      fetch(target, { headers: { cookie } }),
    );
    if (res.status !== 200) throw new Error(`search answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

async function run(kind: "pglite" | "postgres", queries: string[], restart: string[]): Promise<string[]> {
  const ctx = await freshContext(kind);
  const out: string[] = [];
  let emptyRss = 0;
  if (kind === "postgres") {
    // The same server on an empty database (migrated, reference data, one user): the memory floor.
    const empty = await freshContext("postgres");
    try {
      await addUser(empty);
      const f = await measureRestart("empty database", empty.url as string, queries.slice(0, 50), user);
      emptyRss = f.rssMb;
      restart.push(restartRow(f, emptyRss));
      console.log(restart.at(-1));
    } finally {
      await empty.close();
    }
  }
  try {
    await importDataset(ctx);
    await addUser(ctx);
    const services = createServices(ctx);
    const app = await buildApp(ctx, services);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "bench", password: "bench-1022" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    for (const size of [4_500, TARGET]) {
      if (size === TARGET) {
        const t = Date.now();
        await addVariants(ctx);
        console.log(`${kind}: generated ${TARGET} entries in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
      // The index catch-up a process pays once after a bulk change (or at start), timed apart.
      const t = performance.now();
      await services.kb.search.refresh();
      const catchUp = performance.now() - t;
      const m = await measure(url, cookie, queries);
      const mem = Math.round(process.memoryUsage().rss / 1e6);
      const f = (x: number) => x.toFixed(1).padStart(6);
      out.push(
        `| ${kind.padEnd(8)} | ${String(size).padStart(7)} | ${f(m.p50)} | ${f(m.p95)} | ${f(m.p99)} | ${f(catchUp)} | ${String(mem).padStart(6)} | ${String(liveMb()).padStart(6)} |`,
      );
      console.log(out.at(-1));
    }
    const { terms, postings } = services.kb.search.state;
    const t = performance.now();
    await services.kb.search.writeSnapshot();
    const written = performance.now() - t;
    const [snap] = await execRaw<{ bytes: string; stored: string }>(
      ctx.db,
      sql`select s.bytes, (select sum(length(data)) from kb_search_snapshot_chunks) as stored from kb_search_snapshot s`,
    );
    console.log(
      `${kind}: ${terms} terms, ${postings} postings; snapshot ${Math.round(Number(snap?.bytes) / 1e6)} MB, stored deflated ${Math.round(Number(snap?.stored) / 1e6)} MB, written in ${(written / 1000).toFixed(1)} s`,
    );
    await app.close();
    if (kind === "postgres") {
      // A restart: a new server process on the 100,000 entries, from the snapshot; the before tree
      // (BENCH_BEFORE_ROOT) on the same database rebuilds from the entries.
      const after = await measureRestart("this tree (snapshot)", ctx.url as string, queries, user);
      restart.push(restartRow(after, emptyRss));
      console.log(restart.at(-1));
      if (beforeRoot) {
        const before = await measureRestart(
          "before tree (entries)",
          ctx.url as string,
          queries,
          user,
          beforeRoot,
        );
        restart.push(restartRow(before, emptyRss));
        console.log(restart.at(-1));
        // The before tree's snapshot format may differ from this one's: it rebuilt above and wrote
        // its own; started again, it answers from that, a fair comparison of the two start-ups.
        const again = await measureRestart(
          "before tree (its snapshot)",
          ctx.url as string,
          queries,
          user,
          beforeRoot,
        );
        restart.push(restartRow(again, emptyRss));
        console.log(restart.at(-1));
      }
    }
  } finally {
    await ctx.close();
  }
  return out;
}

async function main(): Promise<void> {
  requireDataset();
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
  const test = parse(await readFile(splitFile("test")), {
    delimiter: "|",
    columns: true,
    relax_quotes: true,
  }) as Record<string, string>[];
  const queries = Array.from({ length: REQUESTS }, (_, i) => {
    const r = test[i % test.length] as Record<string, string>;
    return makeQuery(querySets[i % querySets.length] ?? "a_no_diacritics", r.Question ?? "", i + 1);
  });
  const rows: string[] = [];
  const restart: string[] = [];
  for (const kind of ["pglite", "postgres"] as const)
    if (!only || only === kind) rows.push(...(await run(kind, queries, restart)));
  console.log(
    `\n${REQUESTS} sequential requests per row; "catch-up" = loading the change into the in-process index, once per process.`,
  );
  console.log("| database | entries | p50 ms | p95 ms | p99 ms | catch-up ms | RSS MB | heap+buffers MB |");
  console.log("|----------|---------|--------|--------|--------|-------------|--------|-----------------|");
  for (const r of rows) console.log(r);
  if (restart.length > 0) {
    console.log(
      `\nServer processes (NODE_ENV=production), ${REQUESTS} sequential searches after the first, sent from a client process of their own:`,
    );
    for (const r of [...restartHeader, ...restart]) console.log(r);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
