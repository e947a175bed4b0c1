import { readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { maskOf } from "../../src/server/domain/kb/search-filter.js";
import { analyzeQuery } from "../../src/server/domain/search/query.js";
import type { Hit } from "../../src/server/domain/search/search-index.js";
import { SearchIndex } from "../../src/server/domain/search/search-index.js";
import { defaultIndexOptions } from "../../src/server/domain/search/search-index-types.js";
import { decodeImage } from "../../src/server/domain/search/snapshot.js";
import type { KbStatus } from "../../src/shared/schemas/kb.js";
import { requireDataset } from "../kb-quality/setup.js";
import { type BenchMeta, benchQueries, facetOfBenchMeta } from "./bench-queries.js";

/**
 * Two engines' `search` alone, side by side in one process on the same 100,000-entry image (issue
 * 16, fifteenth session): this tree's and `BENCH_BEFORE_ROOT`'s, each given the same analysed
 * queries (this tree's analysis), in rounds that alternate which goes first, so a shared machine's
 * load falls on both alike. Prints each round's CPU a query (user + system of the process) and the
 * medians, and checks that every page — keys, scores, coverage — is the same to the bit in every
 * round (exit code 1 when not). `KB_IMAGE=FILE` (written by in-process.ts), `KB_ROUNDS=N` (8).
 * `KB_RANKS=FILE` writes this tree's pages.
 */
const ROUNDS = Number(process.env.KB_ROUNDS ?? 8);
const other = process.env.BENCH_BEFORE_ROOT;
const file = process.env.KB_IMAGE;
type Meta = BenchMeta;
type Engine = Pick<SearchIndex<Meta>, "search">;
type Accept = Parameters<Engine["search"]>[2];

const pageOf = (hits: Hit<Meta>[]) => hits.map((h) => `${h.key}:${h.score}:${h.coverage}`).join(" ");
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function main(): Promise<void> {
  requireDataset();
  if (!other || !file) throw new Error("set BENCH_BEFORE_ROOT=DIR and KB_IMAGE=FILE");
  const image = decodeImage(new Uint8Array(await readFile(file)), defaultIndexOptions);
  const meta = (raw: unknown) => raw as Meta;
  const before = (await import(path.join(other, "src/server/domain/search/search-index.ts"))) as {
    SearchIndex: typeof SearchIndex;
  };
  const statuses = new Set<KbStatus>(["draft", "proposed", "published"]);
  // This tree filters by facet (domain/kb/search-filter.ts), the other by metadata as it always could.
  const byFacet = {
    ...maskOf({ statuses, includeExpired: true, now: 0 }),
    meta: (m: Meta) => statuses.has(m.status),
  };
  const byMeta = (m: Meta) => statuses.has(m.status);
  const engines: [string, Engine, Accept][] = [
    ["this tree", SearchIndex.fromImage<Meta>(image, meta, facetOfBenchMeta), byFacet],
    [other, before.SearchIndex.fromImage<Meta>(image, meta), byMeta],
  ];
  const first = engines[0]?.[1] as SearchIndex<Meta>;
  const queries = (await benchQueries()).map((q) => analyzeQuery(q, first));
  const run = ([, e, accept]: [string, Engine, Accept]) => {
    const cpu = process.cpuUsage();
    const pages = queries.map((q) => e.search(q, 10, accept));
    const used = process.cpuUsage(cpu);
    return { ms: (used.user + used.system) / 1000 / queries.length, pages: pages.map(pageOf) };
  };
  for (const e of engines) run(e); // warm-up: JIT, bitmaps
  const ms: number[][] = [[], []];
  let differing = 0;
  let pagesOfThis: string[] = [];
  const load = loadavg()[0] ?? 0;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    const pages: string[][] = [[], []];
    for (const i of order) {
      const r = run(engines[i] as [string, Engine, Accept]);
      ms[i]?.push(r.ms);
      pages[i] = r.pages;
    }
    differing += pages[0]?.filter((p, q) => p !== pages[1]?.[q]).length ?? 0;
    pagesOfThis = pages[0] ?? [];
    console.log(
      `round ${round + 1}: ${ms.map((m) => (m.at(-1) as number).toFixed(3)).join(" / ")} ms a query`,
    );
  }
  if (process.env.KB_RANKS) await writeFile(process.env.KB_RANKS, `${pagesOfThis.join("\n")}\n`);
  engines.forEach(([name], i) => {
    const m = ms[i] as number[];
    console.log(
      `${name}: search CPU median ${median(m).toFixed(3)} ms a query (${Math.min(...m).toFixed(3)}–${Math.max(...m).toFixed(3)})`,
    );
  });
  const ratios = (ms[0] as number[]).map((a, i) => a / ((ms[1] as number[])[i] as number));
  console.log(
    `this tree / other, per round: median ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}); load average ${load.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  console.log(`pages differing: ${differing} of ${ROUNDS * queries.length}`);
  if (differing > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
