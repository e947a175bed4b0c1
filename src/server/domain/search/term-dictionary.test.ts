import { describe, expect, it } from "vitest";
import { pairKey } from "./normalize.js";
import { keyedIndex } from "./search.fixture.js";
import { TermDictionary } from "./term-dictionary.js";

describe("term dictionary: a pair looked up without its key (issue 16, nineteenth session)", () => {
  it("idOfPair(a, b) is idOf(pairKey(a, b)) for every pair of a vocabulary and for strangers", () => {
    const dict = new TermDictionary();
    const syllables = [
      "tiem",
      "vac",
      "xin",
      "cach",
      "ly",
      "f1",
      "7",
      "a",
      "ab",
      "b",
      "ngay",
      "xet",
      "nghiem",
    ];
    // Pairs of some syllables, and pairs whose parts split differently ("a_b" + "c" against "a" + "b_c").
    for (const [i, a] of syllables.entries())
      for (const [j, b] of syllables.entries()) if ((i * 7 + j) % 3 === 0) dict.intern(pairKey(a, b));
    for (const s of syllables) dict.intern(s);
    dict.intern("a_b_c");
    const strangers = ["", "_", "tiêm", "a_b", "b_c", "xyz", "vac_"];
    const all = [...syllables, ...strangers];
    let found = 0;
    for (const a of all)
      for (const b of all) {
        const want = dict.idOf(pairKey(a, b));
        expect(dict.idOfPair(a, b), `${a} ${b}`).toBe(want);
        if (want >= 0) found++;
      }
    expect(found).toBeGreaterThan(40);
    // The index's df of a pair, with and without the key, over its whole vocabulary's syllables.
    const index = keyedIndex([
      { key: "1", question: "Tiêm vắc xin mũi 3 ở đâu?", answer: "Tại trạm y tế xã." },
      { key: "2", question: "Cách ly F1 mấy ngày?", answer: "Bảy ngày, xét nghiệm ngày thứ 7." },
    ]);
    const unigrams = index.unigrams();
    for (const a of unigrams)
      for (const b of unigrams) expect(index.pairDf(a, b)).toBe(index.df(pairKey(a, b)));
  });
});
