/**
 * bench/intake (issue 2): citizen submissions through POST /api/v1/public/requests with 32
 * concurrent clients against PostgreSQL, next to the raw single-row INSERT rate of the same
 * database with the same concurrency, measured in the same run. Prints requests/s, p50/p99 and
 * the ratio for each run, then the median of the runs and their spread.
 *
 * BENCH_SECONDS (default 20) sets each phase's length, BENCH_RUNS (default 3) the number of runs.
 * BENCH_WARMUP (default 10) seconds of the same load come first in every phase, neither counted nor
 * metered — the server's submissions and the raw INSERTs alike — so both are measured as they run
 * in service: a freshly started server spends a quarter of its CPU in V8's optimizing compiler for
 * its first seconds, while the raw INSERT's client has little to compile (docs/benchmarks.md,
 * eleventh session). BENCH_WARMUP=0 is the method of the figures before 2 December 2026, eleventh
 * session.
 * BENCH_BEFORE_ROOT=DIR also measures another checkout of the product (an earlier commit, with a
 * link to our node_modules) in every run, right beside this tree, on a fresh database of its own.
 *
 * Each phase also prints the CPU an answer (or a raw row) cost, in µs — this process (the load's
 * client), the server process, PostgreSQL's backends of its database — and the load average: on a
 * shared machine the rates move with the other work, the CPU per submission much less.
 */
import { loadavg } from "node:os";
import { cpuMeter } from "../lib/cpu-time.js";
import { type MeteredRate, rateOf, rawInsertRate, spread } from "../lib/measure.js";
import { freshDatabase, startServer } from "../lib/server.js";
import { submissionLoad } from "../lib/submissions.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BEFORE_ROOT = process.env.BENCH_BEFORE_ROOT;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const CONCURRENCY = 32;

async function rawRate(): Promise<MeteredRate> {
  const db = await freshDatabase("bench_intake_raw");
  try {
    return await rawInsertRate(db.url, {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      content,
      warmupSeconds: WARMUP,
    });
  } finally {
    await db.drop();
  }
}

function content(i: number): string {
  return `Xin hỏi lịch tiêm vắc xin mũi nhắc lại cho người cao tuổi tại phường, yêu cầu số ${i}.`;
}

/** One tree's server on a fresh database, loaded for SECONDS; the server and database go after. */
async function apiRate(root?: string): Promise<MeteredRate> {
  const db = await freshDatabase("bench_intake");
  const server = await startServer(
    { DATABASE_URL: db.url, CAPTCHA: "off", PUBLIC_RATE_LIMIT: "100000000" },
    root,
  );
  try {
    // Every submission from a different citizen, as on a busy day.
    const load = submissionLoad(server.url, { connections: CONCURRENCY, content });
    if (WARMUP > 0) await load(WARMUP);
    const meter = await cpuMeter(db.url, server.pid);
    const result = await load(SECONDS);
    return { ...rateOf(result, SECONDS), cpu: await meter.end(result["2xx"]) };
  } finally {
    await server.stop();
    await db.drop();
  }
}

async function main(): Promise<void> {
  const line = (name: string, r: MeteredRate) =>
    `${name.padEnd(34)} ${r.rate.toFixed(0).padStart(8)} /s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms`;
  /** µs of CPU each answer cost: the whole (client + server + database), then each part. */
  const cpuOf = (r: MeteredRate) => r.cpu.client + (r.cpu.server ?? 0) + r.cpu.database;
  const cpuLine = (r: MeteredRate) =>
    `${"".padEnd(34)} CPU ${cpuOf(r).toFixed(0)} µs each: client ${r.cpu.client.toFixed(0)}${r.cpu.server === null ? "" : `, server ${r.cpu.server.toFixed(0)}`}, database ${r.cpu.database.toFixed(0)}`;
  const load = () => loadavg()[0]?.toFixed(1);
  const trees: { name: string; root?: string }[] = [{ name: "POST /api/v1/public/requests" }];
  if (BEFORE_ROOT) trees.push({ name: "  before (BENCH_BEFORE_ROOT)", root: BEFORE_ROOT });
  const ratios = new Map<string, number[]>();
  const rates = new Map<string, number[]>();
  const raws: number[] = [];
  const cpus = new Map<string, number[]>();
  const rawCpus: number[] = [];
  console.log(
    `\nbench/intake — PostgreSQL, ${CONCURRENCY} concurrent clients, ${SECONDS} s per phase after ${WARMUP} s of warm-up, ${RUNS} runs`,
  );
  for (let run = 1; run <= RUNS; run++) {
    const loadBefore = load();
    const measured: [string, MeteredRate][] = [];
    for (const t of trees) measured.push([t.name, await apiRate(t.root)]);
    const raw = await rawRate();
    raws.push(raw.rate);
    rawCpus.push(cpuOf(raw));
    console.log(`run ${run} (load average ${loadBefore} → ${load()})`);
    for (const [name, api] of measured) {
      console.log(`${line(name, api)}   non-2xx ${api.non2xx}, errors ${api.errors}`);
      console.log(cpuLine(api));
      cpus.set(name, [...(cpus.get(name) ?? []), cpuOf(api)]);
      ratios.set(name, [...(ratios.get(name) ?? []), (100 * api.rate) / raw.rate]);
      rates.set(name, [...(rates.get(name) ?? []), api.rate]);
    }
    console.log(line("raw single-row INSERT (baseline)", raw));
    console.log(cpuLine(raw));
  }
  console.log(
    `\nmedian (spread) of ${RUNS} runs — raw INSERT ${spread(raws)} /s, CPU ${spread(rawCpus)} µs a row`,
  );
  for (const t of trees)
    console.log(
      `${t.name.padEnd(34)} ${spread(rates.get(t.name) ?? [])} /s = ${spread(ratios.get(t.name) ?? [], 1)} % of raw INSERT (aim ≥ 40 %); CPU ${spread(cpus.get(t.name) ?? [])} µs a submission`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
