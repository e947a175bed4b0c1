import { readFile } from "node:fs/promises";
import v8 from "node:v8";
import vm from "node:vm";
import { deflateSync, inflateSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { analyzeQuery } from "../../src/server/domain/search/query.js";
import { SearchIndex } from "../../src/server/domain/search/search-index.js";
import { decodeImage, encodeImage } from "../../src/server/domain/search/snapshot.js";
import { TypoIndex } from "../../src/server/domain/search/typo.js";
import { makeQuery, querySets, rng } from "../kb-quality/queries.js";
import { requireDataset, splitFile } from "../kb-quality/setup.js";

/**
 * Where the Q&A index's memory and start-up time go (issue 16), in process and without a database:
 * the 4,500 training entries plus generated variants up to 100,000 (as bench/kb-latency), the index
 * built, its parts' sizes, the snapshot encoded, deflated, inflated and decoded with each step timed,
 * and the in-process search time of 600 queries. `npx tsx bench/kb-latency/memory.ts`.
 */
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const live = () => {
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
};
const mb = (x: number) => `${x.toFixed(1)} MB`;
const TARGET = Number(process.env.KB_ENTRIES ?? 100_000);

interface Meta {
  status: string;
  externalId: string | null;
  fieldId: number | null;
  from: number;
  until: number;
  seq: number;
}

async function main(): Promise<void> {
  requireDataset();
  const read = async (s: "train" | "test") =>
    parse(await readFile(splitFile(s)), { delimiter: "|", columns: true, relax_quotes: true }) as Record<
      string,
      string
    >[];
  const train = (await read("train")).filter((r) => (r.Question ?? "").trim() !== "");
  const test = await read("test");
  const random = rng(42);
  const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)] as T;
  const rows = train.map((r) => ({ q: r.Question ?? "", a: r.Answer_1 ?? "" }));
  while (rows.length < TARGET) {
    const src = pick(train);
    const words = (src.Question ?? "").split(/\s+/);
    const a = Math.floor(random() * words.length);
    const b = Math.floor(random() * words.length);
    [words[a], words[b]] = [words[b] as string, words[a] as string];
    rows.push({ q: `Xin hỏi ${words.join(" ")} ở Thanh Hóa`, a: src.Answer_1 ?? "" });
  }
  const base = live();
  let t = performance.now();
  const index = new SearchIndex<Meta>();
  for (const [i, r] of rows.entries())
    index.upsert({
      key: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      question: r.q,
      answer: r.a,
      meta: {
        status: "published",
        externalId: `gen-${i}`,
        fieldId: null,
        from: -Infinity,
        until: Infinity,
        seq: i + 1,
      },
    });
  const stats = index.stats;
  console.log(
    `built ${rows.length} entries in ${((performance.now() - t) / 1000).toFixed(1)} s: ${stats.terms} terms, ${stats.postings} postings`,
  );
  const built = live();
  console.log(`index (all parts): ${mb(built - base)}`);
  const image = index.toImage((m) => [m.status, m.externalId, m.fieldId, null, null, m.seq]);
  const sizes = {
    termBlob: image.termBlob.byteLength,
    termOffsets: image.termOffsets.byteLength,
    postingOffsets: image.postingOffsets.byteLength,
    docs: image.docs.byteLength,
    tfs: image.tfs.byteLength,
    lens: image.lenQ.byteLength + image.lenA.byteLength,
  };
  for (const [k, v] of Object.entries(sizes)) console.log(`  ${k}: ${mb(v / 1e6)}`);
  const typed = Object.values(sizes).reduce((a, b) => a + b, 0) / 1e6;
  console.log(
    `  typed arrays total ${mb(typed)}; the rest (typo index, keys, metas, slot map, hash table) ${mb(built - base - typed)}`,
  );
  const beforeTypos = live();
  const typos = new TypoIndex();
  let unigrams = 0;
  for (const term of index.unigrams()) {
    typos.add(term);
    unigrams++;
  }
  console.log(`  typo index (${unigrams} syllables): ${mb(live() - beforeTypos)}`);
  // Time per query in process.
  const queries = Array.from({ length: 600 }, (_, i) => {
    const r = test[i % test.length] as Record<string, string>;
    return makeQuery(querySets[i % querySets.length] ?? "a_no_diacritics", r.Question ?? "", i + 1).replace(
      /\p{Cc}+/gu,
      " ",
    );
  });
  const times: number[] = [];
  const analyzeMs: number[] = [];
  const allocBefore = process.memoryUsage().heapUsed;
  for (let round = 0; round < 2; round++) {
    for (const q of queries) {
      const s = performance.now();
      const terms = analyzeQuery(q, index);
      const m = performance.now();
      index.search(terms, 10, (meta) => meta.status === "published");
      if (round === 1) {
        times.push(performance.now() - s);
        analyzeMs.push(m - s);
      }
    }
  }
  times.sort((a, b) => a - b);
  const p = (x: number) =>
    (times[Math.min(times.length - 1, Math.floor((x / 100) * times.length))] as number).toFixed(2);
  analyzeMs.sort((a, b) => a - b);
  console.log(`analyzeQuery p50 ${analyzeMs[300]?.toFixed(2)} ms p95 ${analyzeMs[570]?.toFixed(2)} ms`);
  console.log(
    `search in process: p50 ${p(50)} ms, p95 ${p(95)} ms, p99 ${p(99)} ms (heap grew ${mb((process.memoryUsage().heapUsed - allocBefore) / 1e6)} over 1,200 queries)`,
  );
  t = performance.now();
  const { parts, bytes } = encodeImage(image);
  const flat = Buffer.concat(parts, bytes);
  const deflated = deflateSync(flat, { level: 1 });
  console.log(
    `snapshot ${mb(bytes / 1e6)}, deflated ${mb(deflated.length / 1e6)}, encode+deflate ${(performance.now() - t).toFixed(0)} ms`,
  );
  t = performance.now();
  const inflated = inflateSync(deflated);
  const tInflate = performance.now() - t;
  t = performance.now();
  const decoded = decodeImage(
    new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length),
    index.options,
  );
  const tDecode = performance.now() - t;
  t = performance.now();
  const restored = SearchIndex.fromImage(decoded, (raw) => {
    const [status, externalId, fieldId, , , seq] = raw as [string, string, number | null, null, null, number];
    return { status, externalId, fieldId, from: -Infinity, until: Infinity, seq };
  });
  const tBuild = performance.now() - t;
  console.log(
    `start from the image: inflate ${tInflate.toFixed(0)} ms, decode ${tDecode.toFixed(0)} ms, fromImage ${tBuild.toFixed(0)} ms`,
  );
  const probe = restored.search(analyzeQuery(queries[0] as string, restored), 3, () => true);
  console.log(`restored answers: ${probe.map((h) => h.key.slice(-6)).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
