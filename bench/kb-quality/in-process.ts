import { readFile, writeFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { confidentSuggestions, suggestionThreshold } from "../../src/server/domain/kb/suggestions.js";
import { htmlToText } from "../../src/server/domain/search/normalize.js";
import { analyzeQuery } from "../../src/server/domain/search/query.js";
import { defaultIndexOptions, SearchIndex } from "../../src/server/domain/search/search-index.js";
import { variantsOf } from "../kb-latency/variants.js";
import { makeQuery, querySets } from "./queries.js";
import { firstRelevant, groups, loadRealistic } from "./realistic.js";
import { requireDataset, splitFile, splits } from "./setup.js";

/**
 * The quality bench without a database (issue 16), for tuning: the dataset's entries go straight
 * into the pure index, queries through the same analysis as the service. Ranks agree with
 * `bench:kb-quality` to within the rows the import rejects. `npx tsx bench/kb-quality/in-process.ts
 * [--misses] [--batch=N]` (`KB_OPTIONS` = JSON of index options to try, `KB_ENTRIES=N` = the base
 * taken to N entries with bench/kb-latency's generated variants, each counted as the entry it was
 * made from, so the ranking is judged at the size the latency is measured at, `KB_RANKS_OUT` = a file for each query's rank, `KB_TOP_OUT` = a file for every query's top 10 with keys, scores and coverage — derived sets and realistic set, to compare two engines' rankings byte for byte, `KB_LEAD` = another lead for the suggestions): `--misses` prints each realistic query not answered in the top 5, with
 * the first relevant entry's question and what ranked above it (to the terminal only: the dataset's
 * text never goes into the repository).
 */
interface Row {
  id: string;
  question: string;
  answer: string;
}

async function rows(): Promise<Row[]> {
  const out: Row[] = [];
  for (const s of splits) {
    const parsed = parse(await readFile(splitFile(s)), { delimiter: "|", columns: true, relax_quotes: true });
    for (const r of parsed as Record<string, string>[]) {
      const question = (r.Question ?? "").trim();
      const answer = (r.Answer_1 ?? "").trim();
      if (question.length >= 5 && answer) out.push({ id: (r.id ?? "").trim(), question, answer });
    }
  }
  return out;
}

const r5 = (ranks: number[]) => ranks.filter((r) => r >= 0 && r < 5).length / (ranks.length || 1);
const r1 = (ranks: number[]) => ranks.filter((r) => r === 0).length / (ranks.length || 1);

async function main(): Promise<void> {
  requireDataset();
  const all = await rows();
  const byId = new Map(all.map((r) => [r.id, r]));
  // KB_OPTIONS='{"k1":1}' tries other index options without editing the code.
  const options = { ...defaultIndexOptions, ...JSON.parse(process.env.KB_OPTIONS ?? "{}") };
  const index = new SearchIndex<{ id: string }>(options);
  for (const r of all)
    index.upsert({ key: r.id, question: r.question, answer: htmlToText(r.answer), meta: { id: r.id } });
  // The variants as bench/kb-latency makes them (seeded alike); a variant's key names its source.
  for (const { src, question, n } of variantsOf(all, Number(process.env.KB_ENTRIES ?? 0)))
    index.upsert({ key: `${src.id}~${n}`, question, answer: htmlToText(src.answer), meta: { id: src.id } });
  // KB_TOP_OUT=file: every query's top 10 (index key, score, coverage), so two engines' rankings compare with cmp.
  const top: string[] = [];
  const find = (q: string) => {
    const hits = index.search(analyzeQuery(q, index), 10, () => true);
    if (process.env.KB_TOP_OUT) top.push(hits.map((h) => `${h.key}:${h.score}:${h.coverage}`).join(" "));
    return hits.map((h) => ({ ...h, key: h.meta.id }));
  };
  const search = (q: string) => find(q).map((h) => h.key);

  const test = parse(await readFile(splitFile("test")), {
    delimiter: "|",
    columns: true,
    relax_quotes: true,
  });
  const derived: string[] = [];
  let ms = 0;
  let count = 0;
  for (const set of querySets) {
    const ranks = (test as Record<string, string>[]).map((r, i) => {
      const start = performance.now();
      const hits = search(makeQuery(set, r.Question ?? "", i + 1));
      ms += performance.now() - start;
      count++;
      return hits.indexOf(r.id ?? "");
    });
    derived.push(`${set} R@1 ${r1(ranks).toFixed(3)} R@5 ${r5(ranks).toFixed(3)}`);
  }
  const realistic = await loadRealistic();
  const ranks = realistic.map((q) => {
    const start = performance.now();
    const hits = search(q.query);
    ms += performance.now() - start;
    count++;
    return firstRelevant(hits, q.relevant);
  });
  // KB_RANKS_OUT=file writes each realistic query's rank (0-based, -1 = not in the top 10) to compare runs.
  if (process.env.KB_RANKS_OUT)
    await writeFile(
      process.env.KB_RANKS_OUT,
      JSON.stringify(Object.fromEntries(realistic.map((q, i) => [q.id, ranks[i]]))),
    );
  if (process.env.KB_TOP_OUT) await writeFile(process.env.KB_TOP_OUT, `${top.join("\n")}\n`);
  console.log(`options ${process.env.KB_OPTIONS ?? "default"}\n${derived.join("\n")}`);
  for (const [name, idx] of groups(realistic)) {
    const g = idx.map((i) => ranks[i] as number);
    console.log(
      `${name.padEnd(24)} ${String(idx.length).padStart(3)}  R@1 ${r1(g).toFixed(3)}  R@5 ${r5(g).toFixed(3)}`,
    );
  }
  console.log(`${(ms / count).toFixed(2)} ms/query in process`);
  // The chat acknowledgement's suggestions (domain/kb/suggestions.ts) at the shipped threshold.
  for (const b of [...new Set(realistic.map((q) => q.batch))].sort((x, y) => x - y)) {
    const of = realistic.filter((q) => q.batch === b);
    let sent = 0;
    let top = 0;
    let two = 0;
    for (const q of of) {
      const hits = find(q.query).map((h) => ({ ...h, id: h.key, question: "", answerText: "" }));
      const lead = Number(process.env.KB_LEAD ?? suggestionThreshold.lead);
      const sure = confidentSuggestions(hits, { ...suggestionThreshold, lead });
      if (sure.length === 0) continue;
      const want = new Set(q.relevant.map(String));
      sent++;
      if (want.has(sure[0]?.id ?? "")) top++;
      if (sure.some((h) => want.has(h.id))) two++;
    }
    const share = (n: number, d: number) => (d ? (n / d).toFixed(3) : "—");
    console.log(
      `suggestions batch ${b}: sent ${share(sent, of.length)}, top right ${share(top, sent)}, one of them ${share(two, sent)}`,
    );
  }
  const batch = process.argv.find((a) => a.startsWith("--batch="))?.slice(8);
  if (!process.argv.includes("--misses")) return;
  realistic.forEach((q, i) => {
    const rank = ranks[i] as number;
    if ((rank >= 0 && rank < 5) || (batch && String(q.batch) !== batch)) return;
    const hits = search(q.query);
    console.log(`\nMISS ${q.id} [${q.style}] rank ${rank}: ${q.query}`);
    console.log(`  want ${q.relevant[0]}: ${byId.get(String(q.relevant[0]))?.question}`);
    for (const h of hits.slice(0, 3)) console.log(`  got  ${h}: ${byId.get(h)?.question.slice(0, 140)}`);
    console.log(
      `  terms ${analyzeQuery(q.query, index)
        .map((t) => `${t.term}:${t.weight.toFixed(2)}`)
        .join(" ")}`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
