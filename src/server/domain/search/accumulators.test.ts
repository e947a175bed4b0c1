import { describe, expect, it } from "vitest";
import { defaultIndexOptions, type Hit, SearchIndex, type WeightedTerm } from "./search-index.js";

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

const words =
  "tiem vac xin mui cho tre em sot cao cach ly bao nhieu ngay xet nghiem benh vien o dau co khong".split(" ");

describe("a search's records of the slots it touched (issue 16, tenth session)", () => {
  it("gives every query the same page whatever was searched before, and as a restored index", () => {
    const options = { ...defaultIndexOptions, commonDf: 5 };
    const random = seeded(11);
    const pick = () => words[Math.floor(random() ** 2 * words.length)] as string;
    const text = (n: number) => Array.from({ length: n }, pick).join(" ");
    const index = new SearchIndex<number>(options);
    for (let i = 0; i < 500; i++)
      index.upsert({ key: `k${i}`, question: text(3 + (i % 11)), answer: text(8 + (i % 17)), meta: i });
    // Queries of 1–9 terms: pairs every third, a lower weight every fourth.
    const queries: WeightedTerm[][] = [];
    while (queries.length < 50) {
      const q: WeightedTerm[] = [];
      for (let j = 0, n = 1 + Math.floor(random() * 9); j < n; j++)
        q.push({ term: j % 3 === 2 ? `${pick()}_${pick()}` : pick(), weight: j % 4 === 3 ? 0.7 : 1 });
      queries.push(q);
    }
    const page = (ix: SearchIndex<number>, q: WeightedTerm[]) =>
      ix.search(q, 10, (m) => m % 7 !== 0).map((h: Hit<number>) => [h.key, h.score, h.coverage].join(" "));
    const forward = queries.map((q) => page(index, q));
    const backward = [...queries].reverse().map((q) => page(index, q));
    expect(backward.reverse()).toEqual(forward);
    queries.forEach((q, i) => {
      // A fresh index whose first search is this one.
      const fresh = SearchIndex.fromImage(
        index.toImage((m) => m),
        (raw) => raw as number,
      );
      expect(page(fresh, q)).toEqual(forward[i]);
    });
    expect(forward.filter((p) => p.length === 10).length).toBeGreaterThan(30);
  });

  it("scores by the BM25 formula, lengths read from tables or, when they do not fit, per slot", () => {
    const options = { ...defaultIndexOptions, answerBoost: 0 };
    const o = options;
    const docs = [
      { key: "a", question: "tiem vac xin", answer: "tiem ngay" },
      { key: "b", question: "tiem tiem mui hai cho tre em", answer: "khong" },
      { key: "c", question: "sot cao", answer: "tiem xong nghi ngoi tai nha" },
    ];
    const index = new SearchIndex<string>(options);
    for (const d of docs) index.upsert({ ...d, meta: d.key });
    const query = [{ term: "tiem", weight: 1 }];
    index.search(query, 10, () => true);
    // Added after a search: its question is the longest, so the tables are rebuilt.
    const long = { key: "d", question: `tiem ${"cach ly ".repeat(40)}`, answer: "tiem" };
    index.upsert({ ...long, meta: long.key });
    const all = [...docs, long];
    const count = (t: string) => t.split(" ").filter(Boolean);
    const expected = (lens: Map<string, readonly [number, number]>) => {
      let sumQ = 0;
      let sumA = 0;
      for (const [q, a] of lens.values()) {
        sumQ += q;
        sumA += a;
      }
      const avgQ = sumQ / lens.size;
      const avgA = sumA / lens.size;
      const df = all.filter((d) => count(`${d.question} ${d.answer}`).includes("tiem")).length;
      const w = Math.log(1 + (all.length - df + 0.5) / (df + 0.5)) * (o.k1 + 1);
      return all
        .map((d) => {
          const [lq, la] = lens.get(d.key) as [number, number];
          const tq = count(d.question).filter((s) => s === "tiem").length;
          const ta = count(d.answer).filter((s) => s === "tiem").length;
          let s = 0;
          if (tq > 0) {
            const tf = tq / (1 - o.bQuestion + (o.bQuestion * lq) / avgQ);
            s += (o.questionWeight * tf) / (o.k1 + tf);
          }
          if (ta > 0) {
            const tf = ta / (1 - o.bAnswer + (o.bAnswer * la) / avgA);
            s += (o.answerWeight * tf) / (o.k1 + tf);
          }
          const cov = tq > 0 ? 1 : 0;
          const score =
            w * s * (1 + o.coordination * cov) * (1 + o.entryCoverage * Math.min(1, tq / (lq || 1)));
          return { key: d.key, score };
        })
        .filter((h) => h.score > 0)
        .sort((x, y) => y.score - x.score);
    };
    const lens = new Map(
      all.map((d) => [d.key, [count(d.question).length, count(d.answer).length]] as const),
    );
    const got = (ix: SearchIndex<string>) =>
      ix.search(query, 10, () => true).map((h) => ({ key: h.key, score: h.score }));
    expect(got(index)).toEqual(expected(new Map(lens)));
    // A snapshot whose lengths are not whole numbers cannot key a table: each slot's own is used.
    const image = index.toImage((m) => m);
    const lenQ = Float32Array.from(image.lenQ);
    lenQ[0] = 2.5;
    const odd = SearchIndex.fromImage({ ...image, lenQ, sumQ: image.sumQ - 0.5 }, (raw) => raw as string);
    expect(got(odd)).toEqual(expected(new Map([...lens, ["a", [2.5, 2]]])));
  });
});
