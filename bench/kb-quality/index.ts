import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { execRaw } from "../../src/server/db/client.js";
import { createKbSearch } from "../../src/server/services/kb-search.service.js";
import { makeQuery, type QuerySet, querySets } from "./queries.js";
import { firstRelevant, groups, loadRealistic } from "./realistic.js";
import { freshContext, importDataset, requireDataset, splitFile } from "./setup.js";

/**
 * Search quality on UIT-ViCoV19QA (issue 4, R-HA1): all 4,500 questions imported through the CLI's
 * import into a fresh database, queried with four sets derived from the 500 test questions, against
 * a PostgreSQL full-text baseline measured in the same run. `-- --pg` runs on PostgreSQL.
 */
interface Metrics {
  r1: number;
  r5: number;
  mrr: number;
}

function score(ranks: number[]): Metrics {
  const n = ranks.length;
  return {
    r1: ranks.filter((r) => r === 0).length / n,
    r5: ranks.filter((r) => r >= 0 && r < 5).length / n,
    mrr: ranks.reduce((s, r) => s + (r >= 0 && r < 10 ? 1 / (r + 1) : 0), 0) / n,
  };
}

async function main(): Promise<void> {
  requireDataset();
  const kind = process.argv.includes("--pg") ? "postgres" : "pglite";
  const ctx = await freshContext(kind);
  try {
    let t = Date.now();
    const imported = await importDataset(ctx);
    console.log(
      `Imported ${imported} entries into a fresh ${kind} database in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    const test = parse(await readFile(splitFile("test")), {
      delimiter: "|",
      columns: true,
      relax_quotes: true,
    }) as Record<string, string>[];

    // Baseline: PostgreSQL full-text search as shipped, precomputed so only ranking is measured.
    await ctx.db.execute(sql`create temporary table bench_fts as
      select external_id, to_tsvector('simple', question || ' ' || answer_text) as v from kb_entries`);
    await ctx.db.execute(sql`create index on bench_fts using gin (v)`);
    const search = createKbSearch(ctx);
    t = Date.now();
    await search.refresh();
    console.log(`Index built in ${Date.now() - t} ms\n`);

    const rows: string[] = [];
    for (const set of querySets) {
      const ours: number[] = [];
      const base: number[] = [];
      let ms = 0;
      for (const [i, r] of test.entries()) {
        const q = makeQuery(set as QuerySet, r.Question ?? "", i + 1);
        const start = performance.now();
        const hits = await search.search({
          q,
          limit: 10,
          statuses: new Set(["published", "proposed"]), // held rows too: see importDataset
          includeExpired: false,
        });
        ms += performance.now() - start;
        ours.push(hits.findIndex((h) => h.externalId === r.id));
        const fts = await execRaw<{ external_id: string }>(
          ctx.db,
          sql`select external_id from bench_fts, plainto_tsquery('simple', ${q}) q where v @@ q order by ts_rank(v, q) desc limit 10`,
        );
        base.push(fts.findIndex((h) => h.external_id === r.id));
      }
      const a = score(ours);
      const b = score(base);
      const f = (x: number) => x.toFixed(3);
      rows.push(
        `| ${set.padEnd(18)} | ${f(a.r1)} | ${f(a.r5)} | ${f(a.mrr)} | ${f(b.r1)} | ${f(b.r5)} | ${f(b.mrr)} | ${(ms / test.length).toFixed(2)} |`,
      );
    }
    console.log(`Queries: ${test.length} per set (UIT-ViCoV19QA test split), database: ${kind}`);
    console.log(
      "| set                | R@1   | R@5   | MRR@10 | base R@1 | base R@5 | base MRR@10 | ms/query |",
    );
    console.log(
      "|--------------------|-------|-------|--------|----------|----------|-------------|----------|",
    );
    for (const r of rows) console.log(r);

    // The realistic set (issue 16), against the same baseline.
    const realistic = await loadRealistic();
    const ours: number[] = [];
    const base: number[] = [];
    let ms = 0;
    for (const r of realistic) {
      const start = performance.now();
      const hits = await search.search({
        q: r.query,
        limit: 10,
        statuses: new Set(["published", "proposed"]),
        includeExpired: false,
      });
      ms += performance.now() - start;
      ours.push(
        firstRelevant(
          hits.map((h) => h.externalId),
          r.relevant,
        ),
      );
      const fts = await execRaw<{ external_id: string }>(
        ctx.db,
        sql`select external_id from bench_fts, plainto_tsquery('simple', ${r.query}) q where v @@ q order by ts_rank(v, q) desc limit 10`,
      );
      base.push(
        firstRelevant(
          fts.map((h) => h.external_id),
          r.relevant,
        ),
      );
    }
    console.log(
      `\nRealistic set (bench/kb-quality/realistic.jsonl): ${realistic.length} queries, ${(ms / realistic.length).toFixed(2)} ms/query`,
    );
    console.log("| group                      |   n | R@1   | R@5   | MRR@10 | base R@5 |");
    console.log("|----------------------------|-----|-------|-------|--------|----------|");
    const f = (x: number) => x.toFixed(3);
    for (const [name, idx] of groups(realistic)) {
      const a = score(idx.map((i) => ours[i] as number));
      const b = score(idx.map((i) => base[i] as number));
      console.log(
        `| ${name.padEnd(26)} | ${String(idx.length).padStart(3)} | ${f(a.r1)} | ${f(a.r5)} | ${f(a.mrr)} | ${f(b.r5)}    |`,
      );
    }
    if (process.argv.includes("--misses"))
      for (const [i, r] of realistic.entries())
        if ((ours[i] as number) < 0 || (ours[i] as number) >= 5)
          console.log(`miss ${r.id} [${r.style}] ${r.query}`);
  } finally {
    await ctx.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
