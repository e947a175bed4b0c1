import { describe, expect, it } from "vitest";
import { BLOCK, type PostingRange, PostingStore, packTf } from "./postings.js";
import { defaultIndexOptions, SearchIndex } from "./search-index.js";

/** Every posting of a term as [slot, tf], read through the ranges the search reads. */
function postingsOf(store: PostingStore, term: number): [number, number][] {
  const ranges: PostingRange[] = [];
  const out: [number, number][] = [];
  const n = store.ranges(term, ranges);
  for (let r = 0; r < n; r++) {
    const { base, docs, tfs, from, to } = ranges[r] as PostingRange;
    for (let i = from; i < to; i++) out.push([base + (docs[i] as number), tfs[i] as number]);
  }
  return out;
}

// Slots on both sides of the 65,536 boundaries, where a posting's stored low bits wrap.
const slots = [0, 7, BLOCK - 1, BLOCK, BLOCK + 3, 2 * BLOCK - 1, 2 * BLOCK, 3 * BLOCK + 11];

describe("posting lists cut into blocks of 65,536 slots (issue 16)", () => {
  it("gives back every slot across blocks: merged, waiting in per-term lists, and logged", () => {
    const store = new PostingStore();
    for (const [i, slot] of slots.entries()) store.add(i % 2, slot, packTf(1, i));
    store.merge(2, null);
    expect(store.merged).toBe(slots.length);
    // A few edits after the merge wait in per-term lists, in a block of their own.
    store.add(0, 4 * BLOCK + 1, packTf(2, 0));
    store.add(1, 4 * BLOCK + 2, packTf(0, 3));
    store.flush(2);
    expect(store.merged).toBe(slots.length);
    store.add(1, 5 * BLOCK, packTf(1, 1));
    const expected = (term: number, extra: [number, number][]) => [
      ...slots.flatMap((slot, i) => (i % 2 === term ? [[slot, packTf(1, i)] as [number, number]] : [])),
      ...extra,
    ];
    store.flush(2);
    expect(postingsOf(store, 0)).toEqual(expected(0, [[4 * BLOCK + 1, packTf(2, 0)]]));
    expect(postingsOf(store, 1)).toEqual(
      expected(1, [
        [4 * BLOCK + 2, packTf(0, 3)],
        [5 * BLOCK, packTf(1, 1)],
      ]),
    );
    expect(store.length(1)).toBe(6);
    // Merging keeps the lists the same and sorted; dropping removed slots keeps the rest.
    store.merge(2, (doc) => doc !== BLOCK);
    expect(postingsOf(store, 0)).toEqual(expected(0, [[4 * BLOCK + 1, packTf(2, 0)]]));
    expect(postingsOf(store, 1).map(([d]) => d)).toEqual([
      7,
      2 * BLOCK - 1,
      3 * BLOCK + 11,
      4 * BLOCK + 2,
      5 * BLOCK,
    ]);
  });

  it("round-trips through the arrays a snapshot holds, and refuses a posting past the last slot", () => {
    const store = new PostingStore();
    for (const slot of slots) store.add(0, slot, packTf(1, 0));
    const arrays = store.export(1);
    expect(arrays.blocks).toBe(4);
    const back = PostingStore.import(arrays, 1, 3 * BLOCK + 12);
    expect(postingsOf(back, 0).map(([d]) => d)).toEqual(slots);
    expect(() => PostingStore.import(arrays, 1, 3 * BLOCK + 11)).toThrow(/outside the documents/);
    expect(() => PostingStore.import(arrays, 2, 3 * BLOCK + 12)).toThrow(/vocabulary/);
  });

  it("an index past 65,536 slots ranks as one built afresh, frequent terms included", () => {
    // commonDf 2: most terms are "frequent", scored by galloping search across blocks.
    const options = { ...defaultIndexOptions, commonDf: 2 };
    const docs = Array.from({ length: 40 }, (_, i) => ({
      key: `k${i}`,
      question: `tiêm vắc xin mũi ${i % 7} cho trẻ ${i % 3 === 0 ? "sốt cao" : "khỏe"} số ${i}`,
      answer: `Trẻ ${i % 5} tuổi tiêm tại trạm y tế ${i}`,
      meta: i,
    }));
    const churned = new SearchIndex<number>(options);
    for (const d of docs) churned.upsert(d);
    const fresh = new SearchIndex<number>(options);
    for (const d of docs) fresh.upsert(d);
    // Every re-upsert takes a new, higher slot: push the documents past two block boundaries, and
    // stop right after a compaction (until then removed documents still count in df, by design).
    for (let n = 0; churned.stats.slots < 2 * BLOCK + 50 || churned.df("tiem") !== fresh.df("tiem"); n++)
      churned.upsert(docs[n % docs.length] as (typeof docs)[0]);
    for (const q of [
      ["tiem", "tre", "sot"],
      ["vac_xin", "mui", "3"],
      ["tram", "y_te", "khoe", "tuoi"],
    ]) {
      const terms = q.map((term) => ({ term, weight: 1 }));
      const scored = (index: SearchIndex<number>) =>
        index
          .search(terms, 40, () => true)
          .map((h) => `${h.key} ${h.score.toFixed(9)}`)
          .sort();
      expect(scored(churned)).toEqual(scored(fresh));
      expect(scored(churned).length).toBeGreaterThan(5);
    }
    const restored = SearchIndex.fromImage(
      churned.toImage((m) => m),
      (raw) => raw as number,
    );
    const terms = ["tiem", "sot", "cao"].map((term) => ({ term, weight: 1 }));
    expect(restored.search(terms, 10, () => true)).toEqual(churned.search(terms, 10, () => true));
  });
});
