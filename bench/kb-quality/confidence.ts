import { createKbSearch, type ScoredHit } from "../../src/server/services/kb-search.service.js";
import { loadRealistic } from "./realistic.js";
import { freshContext, importDataset, requireDataset } from "./setup.js";

/**
 * Where a match is confident enough to send in the chat acknowledgement (issue 16): for each
 * threshold on the top hit's coverage (share of the query found in its question) and score, the
 * share of realistic questions that would get a suggestion and the precision (the top suggestion
 * answers the question), per batch: thresholds chosen on batch 1 are checked on batch 2.
 */
async function main(): Promise<void> {
  requireDataset();
  const ctx = await freshContext("pglite");
  try {
    await importDataset(ctx);
    const search = createKbSearch(ctx);
    await search.refresh();
    const realistic = await loadRealistic();
    const results: { batch: number; top?: ScoredHit; ratio: number; relevant: boolean; inTwo: boolean }[] =
      [];
    for (const r of realistic) {
      const hits = await search.find({
        q: r.query,
        limit: 3,
        statuses: new Set(["published", "proposed"]),
        includeExpired: false,
      });
      const top = hits[0];
      const want = new Set(r.relevant.map(String));
      results.push({
        batch: r.batch,
        top,
        // How far the top hit stands above the next: a clear winner is more often right.
        ratio: top ? top.score / (hits[1]?.score || 1e-9) : 0,
        relevant: top !== undefined && want.has(top.externalId ?? ""),
        inTwo: hits.slice(0, 2).some((h) => want.has(h.externalId ?? "")),
      });
    }
    console.log(
      "| coverage ≥ | top/second ≥ | batch 1 suggested | precision top 1 | one of 2 | batch 2 suggested | precision top 1 | one of 2 |",
    );
    console.log("|---|---|---|---|---|---|---|---|");
    for (const cov of [0.6, 0.7, 0.8, 0.9, 1]) {
      for (const ratio of [1, 1.1, 1.2, 1.35, 1.5, 2]) {
        const cells = [1, 2].map((b) => {
          const all = results.filter((x) => x.batch === b);
          const sure = all.filter((x) => x.top && x.top.coverage >= cov && x.ratio >= ratio);
          const right = sure.filter((x) => x.relevant).length;
          const two = sure.filter((x) => x.inTwo).length;
          const p = (n: number) => (sure.length ? (n / sure.length).toFixed(3) : "—");
          return `${sure.length}/${all.length} (${((100 * sure.length) / all.length).toFixed(1)} %) | ${p(right)} | ${p(two)}`;
        });
        console.log(`| ${cov} | ${ratio} | ${cells.join(" | ")} |`);
      }
    }
  } finally {
    await ctx.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
