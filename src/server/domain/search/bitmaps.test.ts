import { describe, expect, it } from "vitest";
import { popcount } from "./bitmaps.js";
import { BLOCK, type PostingRange, PostingStore, packTf } from "./postings.js";
import { defaultIndexOptions, type Hit, SearchIndex, type WeightedTerm } from "./search-index.js";

/** The tf of a slot's posting found through the term's bitmap, or undefined when the bit is clear. */
function viaBitmap(store: PostingStore, term: number, slot: number): number | undefined {
  const b = store.bitmap(term, []);
  if (!b) throw new Error("no bitmap");
  const word = slot >>> 5;
  if (word >= b.bits.length) return undefined;
  const x = b.bits[word] as number;
  if (((x >>> (slot & 31)) & 1) === 0) return undefined;
  const i =
    (b.starts[slot >>> 16] as number) + (b.rank[word] as number) + popcount(x & ((1 << (slot & 31)) - 1));
  return b.tfs[i];
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

describe("bitmaps of the frequent terms' postings (issue 16, ninth session)", () => {
  it("counts set bits of any 32-bit word", () => {
    for (const [x, n] of [
      [0, 0],
      [1, 1],
      [0x80000000, 1],
      [0xffffffff, 32],
      [-1, 32],
      [0x7fffffff, 31],
      [0x55555555, 16],
    ] as const)
      expect(popcount(x)).toBe(n);
  });

  it("finds every posting of a term across blocks and word boundaries, and nothing else", () => {
    const store = new PostingStore();
    const random = seeded(7);
    const slots = [0, 31, 32, 63, BLOCK - 1, BLOCK, BLOCK + 31, 2 * BLOCK + 5];
    for (let s = 64; s < 2 * BLOCK; s += 1 + Math.floor(random() * 40)) slots.push(s);
    slots.sort((a, b) => a - b);
    const unique = [...new Set(slots)];
    const tfOf = new Map(unique.map((s, i) => [s, packTf(i % 5, i % 7)]));
    for (const s of unique) store.add(0, s, tfOf.get(s) as number);
    store.add(1, 2 * BLOCK, packTf(1, 0)); // one posting: a bitmap would not pay
    store.merge(2, null);
    expect(store.bitmap(1, [])).toBeNull();
    const all = Array.from({ length: 2 * BLOCK + 100 }, (_, s) => s);
    expect(all.map((s) => viaBitmap(store, 0, s))).toEqual(all.map((s) => tfOf.get(s)));
    // Postings added after the merge are not in the bitmap, which is rebuilt after the next merge.
    store.add(0, 2 * BLOCK + 9, packTf(3, 0));
    store.flush(2);
    expect(viaBitmap(store, 0, 2 * BLOCK + 9)).toBeUndefined();
    const waiting: PostingRange[] = [];
    expect(store.waitingRanges(0, waiting, 0)).toBe(1);
    store.merge(2, null);
    expect(viaBitmap(store, 0, 2 * BLOCK + 9)).toBe(packTf(3, 0));
    expect(store.waitingRanges(0, waiting, 0)).toBe(0);
  });

  it("ranks to the bit as the look-ups did: merged, waiting, restored, after edits and removals", () => {
    // commonDf 5 on 600 entries: every term in more than 12 is scored for the pool by bitmap once merged.
    const options = { ...defaultIndexOptions, commonDf: 5 };
    const random = seeded(42);
    const words =
      "tiem vac xin mui cho tre em sot cao cach ly bao nhieu ngay xet nghiem benh vien o dau co khong".split(
        " ",
      );
    const pick = () => words[Math.floor(random() ** 2 * words.length)] as string;
    const text = (n: number) => Array.from({ length: n }, pick).join(" ");
    const docs = Array.from({ length: 600 }, (_, i) => ({
      key: `k${i}`,
      question: text(4 + (i % 9)),
      answer: text(10 + (i % 13)),
      meta: i,
    }));
    // Twin indexes fed alike; `merged` has its postings merged (and so bitmaps) at each checkpoint.
    const waiting = new SearchIndex<number>(options);
    const merged = new SearchIndex<number>(options);
    const both = (f: (index: SearchIndex<number>) => void) => {
      f(waiting);
      f(merged);
    };
    const queries: WeightedTerm[][] = Array.from({ length: 60 }, () =>
      Array.from({ length: 2 + Math.floor(random() * 8) }, (_, j) => ({
        term: j % 3 === 2 ? `${pick()}_${pick()}` : pick(),
        weight: j % 4 === 3 ? 0.5 : 1,
      })),
    );
    const page = (index: SearchIndex<number>, q: WeightedTerm[]) =>
      index.search(q, 10, (m) => m % 11 !== 0).map((h: Hit<number>) => `${h.key} ${h.score} ${h.coverage}`);
    const check = () => {
      merged.toImage((m) => m); // merges everything waiting
      for (const q of queries) expect(page(merged, q)).toEqual(page(waiting, q));
      expect(queries.filter((q) => page(waiting, q).length === 10).length).toBeGreaterThan(40);
    };
    for (const d of docs) both((index) => index.upsert(d));
    expect(waiting.stats.postings).toBe(0); // all in per-term lists: read by look-up
    check();
    expect(merged.stats.postings).toBeGreaterThan(10_000);
    const restored = SearchIndex.fromImage(
      merged.toImage((m) => m),
      (raw) => raw as number,
    );
    for (const q of queries) expect(page(restored, q)).toEqual(page(waiting, q));
    // Edits and removals after the merge: their postings wait beside the bitmaps.
    for (let i = 0; i < 80; i++) {
      const d = docs[Math.floor(random() * docs.length)] as (typeof docs)[0];
      if (i % 4 === 0) both((index) => index.remove(d.key));
      else {
        const edited = { ...d, question: text(5) };
        both((index) => index.upsert(edited));
      }
      if (i % 20 === 19) for (const q of queries) expect(page(merged, q)).toEqual(page(waiting, q));
    }
    check();
  });
});
