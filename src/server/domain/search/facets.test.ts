import { describe, expect, it } from "vitest";
import { analyzeQuery } from "./query.js";
import { defaultIndexOptions, type FacetFilter, type Hit, SearchIndex } from "./search-index.js";

/** An entry's group; its facet is one bit per group, the filters' masks the groups not wanted. */
type Meta = { group: number; open: boolean };
const facetOf = (m: Meta) => (1 << m.group) | (m.open ? 0 : 1 << 8);
const words = ["tiem", "vac xin", "cach ly", "xet nghiem", "giay di duong", "tre em", "mui hai", "benh vien"];

describe("SearchIndex facets (issue 16): kept with every edit, the same hits as filtering the metadata", () => {
  const index = new SearchIndex<Meta>(defaultIndexOptions, facetOf);
  const question = (i: number) =>
    `${words[i % 8]} ${words[(i * 3) % 8]} ${words[(i * 5 + 1) % 8]} so ${i % 37}`;
  // Past the first 1,024 slots (the arrays grow), entries replaced with another group, removed.
  for (let i = 0; i < 3000; i++)
    index.upsert({
      key: `e${i}`,
      question: question(i),
      answer: "",
      meta: { group: i % 4, open: i % 9 !== 0 },
    });
  for (let i = 0; i < 3000; i += 7)
    index.upsert({
      key: `e${i}`,
      question: question(i),
      answer: "",
      meta: { group: (i + 1) % 4, open: i % 2 === 0 },
    });
  for (let i = 0; i < 3000; i += 11) index.remove(`e${i}`);

  const wanted = (groups: number[]) => (m: Meta) => groups.includes(m.group) && m.open;
  const byFacet = (groups: number[]): FacetFilter<Meta> => {
    const allowed = groups.reduce((a, g) => a | (1 << g), 0);
    // Closed entries are asked of the metadata, as CHECK entries of the Q&A filter are.
    return { mask: (0xf & ~allowed) | (1 << 8), want: 0, ask: 1 << 8, meta: wanted(groups) };
  };
  const page = (ix: SearchIndex<Meta>, q: string, accept: FacetFilter<Meta> | ((m: Meta) => boolean)) =>
    ix.search(analyzeQuery(q, ix), 20, accept).map((h: Hit<Meta>) => `${h.key} ${h.score} ${h.coverage}`);

  it("ranks as the metadata filter does, live and restored from the image", () => {
    const restored = SearchIndex.fromImage(
      index.toImage((m) => m),
      (raw) => raw as Meta,
      facetOf,
    );
    for (const q of ["tiem vac xin", "cach ly tre em so 3", "giay di duong benh vien", "mui hai"])
      for (const groups of [[0], [1, 2], [0, 1, 2, 3], []]) {
        const expected = page(index, q, wanted(groups));
        expect(page(index, q, byFacet(groups))).toEqual(expected);
        expect(page(restored, q, byFacet(groups))).toEqual(expected);
      }
    expect(page(index, "tiem vac xin", byFacet([0, 1, 2, 3])).length).toBe(20);
  });

  it("never returns a removed entry, though its facet matched", () => {
    const keys = index.search(analyzeQuery("so 0", index), 3000, byFacet([0, 1, 2, 3])).map((h) => h.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => Number(k.slice(1)) % 11 === 0)).toEqual([]);
  });
});
