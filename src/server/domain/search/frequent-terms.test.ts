import { afterEach, describe, expect, it } from "vitest";
import { frequentBounds, TermMaxima } from "./frequent-terms.js";
import { PostingStore, packTf } from "./postings.js";
import { analyzeQuery } from "./query.js";
import { defaultIndexOptions, SearchIndex } from "./search-index.js";

// Issue 16, sixth round: the frequent terms are looked up only for the pool candidates whose upper
// bound can still enter the page. The page, its scores and its order must be those of scoring
// every candidate, and the bound must follow edits that raise a term's frequency.
const common = ["co", "khong", "duoc", "tiem", "vac", "xin", "benh", "nhan", "cach", "ly"];
const rare = Array.from({ length: 400 }, (_, i) => `tu${i.toString(36)}`);

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

function corpus(n: number): SearchIndex<{ n: number }> {
  // commonDf 10: terms in more than 2 % of 1,500 entries are frequent, as at 100,000 with 1,000.
  const index = new SearchIndex<{ n: number }>({ ...defaultIndexOptions, commonDf: 10 });
  const random = seeded(7);
  const pick = (a: string[]) => a[Math.floor(random() ** 2 * a.length)] as string;
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 3 + Math.floor(random() * 12) }, () =>
      random() < 0.6 ? pick(common) : pick(rare),
    );
    index.upsert({
      key: `e${i}`,
      question: words.join(" "),
      answer: `${pick(common)} ${pick(rare)}`,
      meta: { n: i },
    });
  }
  return index;
}

const queries = Array.from({ length: 60 }, (_, i) => {
  const random = seeded(100 + i);
  return Array.from({ length: 2 + (i % 9) }, () =>
    random() < 0.5
      ? (common[Math.floor(random() * common.length)] as string)
      : (rare[Math.floor(random() * 60)] as string),
  ).join(" ");
});

function pages(index: SearchIndex<{ n: number }>, bounds: boolean): string[] {
  frequentBounds.enabled = bounds;
  return queries.map((q) =>
    index
      .search(analyzeQuery(q, index), 10, () => true)
      .map((h) => `${h.key}:${h.score}:${h.coverage}`)
      .join(" "),
  );
}

afterEach(() => {
  frequentBounds.enabled = true;
});

describe("frequent terms scored under a bound (issue 16)", () => {
  it("gives the pages of scoring every candidate, to the bit, with fewer look-ups", () => {
    const index = corpus(1500);
    let made = 0;
    let all = 0;
    frequentBounds.enabled = true;
    for (const q of queries) {
      index.search(analyzeQuery(q, index), 10, () => true);
      made += index.lastLookups.made;
      all += index.lastLookups.all;
    }
    expect(all).toBeGreaterThan(0);
    expect(made).toBeLessThan(all);
    expect(pages(index, true)).toEqual(pages(index, false));
  });

  it("follows an edit that raises a frequent term's largest frequency", () => {
    const index = corpus(1500);
    pages(index, true); // every frequent term's maximum read and kept
    const q = queries.find((x) => x.split(" ").some((w) => common.includes(w))) as string;
    const word = q.split(" ").find((w) => common.includes(w)) as string;
    const rareWord = q.split(" ").find((w) => !common.includes(w)) ?? "tu1";
    index.upsert({
      key: "repeated",
      question: `${rareWord} ${Array(12).fill(word).join(" ")}`,
      answer: Array(40).fill(word).join(" "),
      meta: { n: -1 },
    });
    expect(pages(index, true)).toEqual(pages(index, false));
  });

  it("keeps a term's largest frequencies until postings are added", () => {
    const store = new PostingStore();
    const maxima = new TermMaxima();
    store.add(0, 1, packTf(1, 3));
    store.add(0, 2, packTf(2, 0));
    store.flush(1);
    expect(maxima.of(store, 0)).toBe(packTf(2, 3));
    store.add(0, 3, packTf(7, 1));
    store.flush(1);
    expect(maxima.of(store, 0)).toBe(packTf(2, 3)); // kept: the index invalidates on every upsert
    maxima.invalidate();
    expect(maxima.of(store, 0)).toBe(packTf(7, 3));
  });
});
