import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import { answerCellToHtml } from "../../src/server/domain/kb/content.js";
import { maskOf } from "../../src/server/domain/kb/search-filter.js";
import { htmlToText } from "../../src/server/domain/search/normalize.js";
import type { SearchIndex as Index } from "../../src/server/domain/search/search-index.js";
import { defaultIndexOptions } from "../../src/server/domain/search/search-index-types.js";
import { decodeImage, encodeImage } from "../../src/server/domain/search/snapshot.js";
import type { KbStatus } from "../../src/shared/schemas/kb.js";
import { requireDataset, splits } from "../kb-quality/setup.js";
import { percentile } from "../lib/server.js";
import { type BenchMeta, benchQueries, facetOfBenchMeta, REQUESTS, readSplit } from "./bench-queries.js";
import { variantsOf } from "./variants.js";

/**
 * Where a staff search's time goes at 100,000 entries, in process and without a database (issue
 * 16): the index built as bench/kb-latency builds it (every split imported, then generated variants
 * with a prefix, two words swapped and a place, seeded alike), then bench/kb-latency's 600 queries,
 * each timed in its parts: query analysis (typo candidates, colloquial phrases, abbreviations, pairs),
 * the index's search (postings, scoring, top k) and the snippets of the returned page.
 * `npx tsx bench/kb-latency/in-process.ts` (`KB_ROUNDS=N` rounds of the 600, the last one timed;
 * `KB_PROFILE=FILE.cpuprofile` profiles the queries only, not the build: summarise it with
 * `npx tsx bench/lib/cpu-profile.ts FILE.cpuprofile`; `KB_RANKS=FILE` writes every query's hits, keys
 * and scores, so two trees' rankings at 100,000 entries compare with diff; `KB_ALLOC=1` prints the
 * bytes each part allocates a query, from the heap's growth across it — run with a young generation
 * larger than a query's garbage, `node --max-semi-space-size=64 --import tsx …`, and the parts a
 * collection fell in are left out). To compare two engines'
 * `search` alone in one process on the same image, alternating, use search-ab.ts.
 */
const TARGET = Number(process.env.KB_ENTRIES ?? 100_000);
const ROUNDS = Number(process.env.KB_ROUNDS ?? 3);

interface Entry {
  question: string;
  answer: string;
}

/** The dataset's rows as the import keeps them, ordered by external id as the variants read them. */
async function imported(): Promise<Entry[]> {
  const byId = new Map<string, Entry>();
  for (const s of splits)
    for (const r of await readSplit(s)) {
      const question = (r.Question ?? "").trim();
      const answer = (r.Answer_1 ?? "").trim();
      const id = (r.id ?? "").trim();
      if (question.length < 5 || !answer || byId.has(id)) continue;
      const text = htmlToText(answerCellToHtml(answer));
      if (text) byId.set(id, { question, answer: text });
    }
  return [...byId].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/** bench/kb-latency's addVariants, without the database. */
function withVariants(rows: Entry[]): Entry[] {
  const out = [...rows];
  for (const { src, question } of variantsOf(rows, TARGET)) out.push({ question, answer: src.answer });
  return out;
}

type Meta = BenchMeta;
/** The engine searched: this tree's, or `BENCH_BEFORE_ROOT`'s (same image format) to compare. */
const root =
  process.env.BENCH_BEFORE_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const engine = (file: string) => import(path.join(root, "src/server/domain/search", file));
const { SearchIndex } = (await engine(
  "search-index.ts",
)) as typeof import("../../src/server/domain/search/search-index.js");
const { analyzeQuery } = (await engine(
  "query.ts",
)) as typeof import("../../src/server/domain/search/query.js");
const { highlight } = (await engine(
  "snippet.ts",
)) as typeof import("../../src/server/domain/search/snippet.js");

/**
 * The 100,000-entry index, built once: `KB_IMAGE=FILE` keeps its image (the snapshot's bytes,
 * snapshot.ts) and later runs, of either tree, read it instead of building (minutes on a loaded machine).
 */
async function indexOf(entries: Entry[]): Promise<Index<Meta>> {
  const file = process.env.KB_IMAGE;
  const meta = (raw: unknown) => raw as Meta;
  if (file && existsSync(file))
    return SearchIndex.fromImage<Meta>(
      decodeImage(new Uint8Array(await readFile(file)), defaultIndexOptions),
      meta,
      facetOfBenchMeta,
    );
  const index = new SearchIndex<Meta>(defaultIndexOptions, facetOfBenchMeta);
  entries.forEach((e, i) => {
    index.upsert({ key: `k${i}`, question: e.question, answer: e.answer, meta: { status: "published" } });
  });
  if (file) await writeFile(file, encodeImage(index.toImage((m) => m)).parts);
  return index;
}

const figures = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const f = (p: number) => percentile(s, p).toFixed(2).padStart(6);
  return `p50 ${f(50)}  p95 ${f(95)}  p99 ${f(99)}  mean ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2).padStart(6)}`;
};

async function main(): Promise<void> {
  requireDataset();
  const entries = withVariants(await imported());
  let t = performance.now();
  const index = await indexOf(entries);
  const { terms, postings } = index.stats;
  console.log(
    `${entries.length} entries indexed or read in ${((performance.now() - t) / 1000).toFixed(1)} s: ${terms} terms, ${postings} postings`,
  );
  const queries = await benchQueries();
  const answerOf = (key: string) => (entries[Number(key.slice(1))] as Entry).answer;
  const statuses = new Set<KbStatus>(["draft", "proposed", "published"]);
  // The staff search's default filter, by facet (src/server/domain/kb/search-filter.ts).
  const accept = {
    ...maskOf({ statuses, includeExpired: true, now: 0 }),
    meta: (m: Meta) => statuses.has(m.status),
  };
  const parts = { analyze: [] as number[], search: [] as number[], snippets: [] as number[] };
  // Per part: bytes summed and the queries counted.
  type Sum = [number, number];
  const alloc = process.env.KB_ALLOC
    ? { analyze: [0, 0] as Sum, search: [0, 0] as Sum, snippets: [0, 0] as Sum }
    : null;
  const heap = () => (alloc ? getHeapStatistics().used_heap_size : 0);
  const total: number[] = [];
  const ranks: string[] = [];
  let scored = 0;
  let searchCpu = 0;
  let unbounded = 0;
  const profile = process.env.KB_PROFILE;
  const session = new Session();
  if (profile) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  t = performance.now();
  let cpu = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    const timed = round === ROUNDS - 1;
    if (timed) cpu = process.cpuUsage();
    for (const q of queries) {
      const h0 = heap();
      const t0 = performance.now();
      const weighted = analyzeQuery(q, index);
      const t1 = performance.now();
      const h1 = heap();
      const c1 = process.cpuUsage();
      const hits = index.search(weighted, 10, accept);
      const c2 = process.cpuUsage(c1);
      const h2 = heap();
      const t2 = performance.now();
      const marked = new Set(weighted.filter((w) => !w.term.includes("_")).map((w) => w.term));
      for (const h of hits) highlight(answerOf(h.key), marked);
      const t3 = performance.now();
      const h3 = heap();
      if (!timed) continue;
      if (alloc)
        for (const [part, from, to] of [
          ["analyze", h0, h1],
          ["search", h1, h2],
          ["snippets", h2, h3],
        ] as const) {
          // A heap that shrank was collected meanwhile: that part's bytes are not known.
          const sum = alloc[part];
          if (to >= from) {
            sum[0] += to - from;
            sum[1]++;
          }
        }
      searchCpu += c2.user + c2.system;
      const lookups = (index as { lastLookups?: { made: number; all: number } }).lastLookups;
      scored += lookups?.made ?? 0;
      unbounded += lookups?.all ?? 0;
      ranks.push(hits.map((h) => `${h.key}:${h.score}:${h.coverage}`).join(" "));
      parts.analyze.push(t1 - t0);
      parts.search.push(t2 - t1);
      parts.snippets.push(t3 - t2);
      total.push(t3 - t0);
    }
  }
  const used = process.cpuUsage(cpu);
  if (profile) {
    const { profile: data } = await session.post("Profiler.stop");
    await writeFile(profile, JSON.stringify(data));
    session.disconnect();
  }
  if (process.env.KB_RANKS) await writeFile(process.env.KB_RANKS, `${ranks.join("\n")}\n`);
  console.log(
    `${ROUNDS} rounds of ${REQUESTS} queries in ${((performance.now() - t) / 1000).toFixed(1)} s; the last timed:`,
  );
  for (const [name, ms] of Object.entries(parts)) console.log(`  ${name.padEnd(9)} ${figures(ms)}`);
  console.log(`  ${"total".padEnd(9)} ${figures(total)}`);
  // CPU time of this process (all threads, collections included) over the timed round: on a machine
  // shared with other work it moves far less than the wall-clock times above.
  const cpuMs = (used.user + used.system) / 1000 / REQUESTS;
  if (unbounded > 0)
    console.log(
      `  frequent terms' postings looked up for the pool: ${(scored / REQUESTS).toFixed(0)} a query (${(unbounded / REQUESTS).toFixed(0)} without bounds)`,
    );
  console.log(`  CPU ${cpuMs.toFixed(2)} ms a query (timed round; user + system, all threads)`);
  // The same around the index's search alone (issue 16, fifteenth session): the part an engine change moves.
  console.log(`  CPU ${(searchCpu / 1000 / REQUESTS).toFixed(2)} ms a query in search alone`);
  if (alloc)
    console.log(
      `  allocated a query: ${Object.entries(alloc)
        .map(([part, [bytes, n]]) => `${part} ${(bytes / n / 1024).toFixed(1)} KB`)
        .join(", ")} (mean of the parts no collection fell in)`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
