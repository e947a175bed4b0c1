import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DUPLICATE_THRESHOLD, DuplicateFinder } from "../../src/server/domain/search/duplicates.js";
import { syllables } from "../../src/server/domain/search/normalize.js";

/**
 * Issue 19: precision and recall of the duplicate suggestion on hand-written request pairs
 * (bench/duplicates/pairs.jsonl: citizens' wording — diacritics or none, typos, abbreviations,
 * regional words, short and long; duplicates and hard non-duplicates of the same field). Every text
 * of the set is a candidate and the background, as the recent requests are in the product; a pair
 * counts as suggested when b's share for a reaches the threshold the product uses. Baseline, same
 * run: Jaccard similarity of folded syllables at its best threshold on this very set (an upper bound
 * for it). No database: the finder is pure (src/server/domain/search/duplicates.ts).
 */
interface Pair {
  id: string;
  group: string;
  a: string;
  b: string;
  duplicate: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
const pairs: Pair[] = readFileSync(join(here, "pairs.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Pair);

const texts = new Map<string, string>();
for (const p of pairs) {
  texts.set(`${p.id}:a`, p.a);
  texts.set(`${p.id}:b`, p.b);
}
const t0 = performance.now();
const finder = new DuplicateFinder([...texts].map(([key, text]) => ({ key, text, meta: key })));
const built = performance.now() - t0;

const t1 = performance.now();
const scores = pairs.map((p) => {
  const [hit] = finder.similar(p.a, (_m, key) => key === `${p.id}:b`, { limit: 1, minScore: 0 });
  return hit?.score ?? 0;
});
const perQuery = (performance.now() - t1) / pairs.length;

const jaccard = pairs.map((p) => {
  const a = new Set(syllables(p.a));
  const b = new Set(syllables(p.b));
  let both = 0;
  for (const s of a) if (b.has(s)) both++;
  return both / (a.size + b.size - both || 1);
});

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
function counts(values: number[], threshold: number, subset: (p: Pair) => boolean = () => true): Counts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  pairs.forEach((p, i) => {
    if (!subset(p)) return;
    const said = (values[i] as number) >= threshold;
    if (said && p.duplicate) c.tp++;
    else if (said) c.fp++;
    else if (p.duplicate) c.fn++;
    else c.tn++;
  });
  return c;
}
const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));
const f1 = (c: Counts) => {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};
const fmt = (x: number) => x.toFixed(3);
const line = (c: Counts) =>
  `precision ${fmt(precision(c))}  recall ${fmt(recall(c))}  F1 ${fmt(f1(c))}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn}, tn ${c.tn})`;

const steps = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
const best = (values: number[]) =>
  steps.reduce((b, t) => (f1(counts(values, t)) > f1(counts(values, b)) ? t : b), steps[0] as number);

const dup = pairs.filter((p) => p.duplicate).length;
console.log(
  `Duplicate suggestion on ${pairs.length} hand-written pairs (${dup} duplicates, ${pairs.length - dup} hard non-duplicates)`,
);
console.log(
  `Index of ${finder.size} texts built in ${built.toFixed(1)} ms; ${perQuery.toFixed(2)} ms per suggestion\n`,
);
const ours = counts(scores, DUPLICATE_THRESHOLD);
console.log(`Product (threshold ${DUPLICATE_THRESHOLD}): ${line(ours)}`);
const jBest = best(jaccard);
const theirs = counts(jaccard, jBest);
console.log(`Baseline Jaccard (best threshold ${jBest.toFixed(2)}): ${line(theirs)}`);
console.log(`F1 ratio product / baseline: ${(f1(ours) / (f1(theirs) || 1)).toFixed(2)}\n`);

console.log("By group (product threshold):");
for (const g of [...new Set(pairs.map((p) => p.group))]) {
  console.log(`  ${g.padEnd(12)} ${line(counts(scores, DUPLICATE_THRESHOLD, (p) => p.group === g))}`);
}
console.log("\nThreshold sweep (product):");
for (const t of steps.filter((_, i) => i % 2 === 1))
  console.log(`  ${t.toFixed(2)}  ${line(counts(scores, t))}`);
if (process.argv.includes("--misses")) {
  console.log("\nMisses at the product threshold:");
  pairs.forEach((p, i) => {
    const said = (scores[i] as number) >= DUPLICATE_THRESHOLD;
    if (said !== p.duplicate) console.log(`  ${p.id} ${fmt(scores[i] as number)} ${p.a} || ${p.b}`);
  });
}
