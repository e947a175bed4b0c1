import { describe, expect, it } from "vitest";
import { analyzeQuery } from "./query.js";
import { keyedIndex, topKey } from "./search.fixture.js";
import { defaultIndexOptions } from "./search-index.js";

// Issue 16: a long message should find the short entry that states its question, not a long story
// in the base that shares the message's chatter (family, age, "cho em hỏi").
const entries = [
  { key: "ha-sot", question: "Sốt sau tiêm vắc xin có nên uống thuốc hạ sốt không?" },
  {
    key: "cau-chuyen",
    question:
      "Em năm nay 30 tuổi, hôm qua đi làm về thì mệt, đau lưng, mất ngủ, ở nhà có mẹ em đã 60 tuổi bị tiểu đường và huyết áp cao, công ty bắt đi làm ca đêm, em có nên đi khám ở bệnh viện tỉnh không ạ, em cảm ơn bác sĩ",
  },
  { key: "me-gia", question: "Mẹ em 60 tuổi có nên tiêm vắc xin không?" },
  // Common words are common: chatter weighs little, as in the real base.
  ...[
    "Em có được ra ngoài không ạ?",
    "Ở nhà có phải khai báo không?",
    "Cho em hỏi đi làm có cần giấy không?",
    "Năm nay có được về quê không?",
    "Hôm qua em đi chợ, có sao không?",
    "Em cảm ơn, cho em hỏi thêm về cách ly",
  ].map((question, i) => ({ key: `khac-${i}`, question })),
];

// 19 syllables: below the long-message threshold, so the story's words keep their weight (query.ts)
// and what is tested is entry coverage alone.
const story = "em năm nay 30 tuổi, hôm qua đi tiêm về thì sốt, có nên uống thuốc hạ sốt ạ";

describe("entry coverage (issue 16)", () => {
  it("ranks the entry whose question the message holds above a long story sharing its chatter", () => {
    expect(topKey(entries, story)).toBe("ha-sot");
  });

  it("is what makes the difference: without it the story entry wins", () => {
    expect(topKey(entries, story, { ...defaultIndexOptions, entryCoverage: 0 })).toBe("cau-chuyen");
  });

  it("in a long message the story's own words weigh less, which finds the entry even without it", () => {
    const long = story.replace("hạ sốt ạ", "hạ sốt không ạ"); // 20 syllables
    const withoutCoverage = { ...defaultIndexOptions, entryCoverage: 0 };
    expect(topKey(entries, long, withoutCoverage)).toBe("ha-sot");
    const weights = new Map(analyzeQuery(long, keyedIndex(entries)).map((t) => [t.term, t.weight]));
    expect(weights.get("em")).toBeCloseTo(0.3);
    expect(weights.get("tuoi")).toBeCloseTo(0.3);
    expect(weights.get("ha_sot")).toBe(1);
    expect(weights.get("sot")).toBe(1);
    const short = new Map(analyzeQuery(story, keyedIndex(entries)).map((t) => [t.term, t.weight]));
    expect(short.get("em")).toBe(1);
  });

  it("scores a long message with its own, lower coordination", () => {
    const long = story.replace("hạ sốt ạ", "hạ sốt không ạ");
    const index = keyedIndex(entries);
    const terms = analyzeQuery(long, index);
    expect(terms.coordination).toBe(0.5);
    expect(analyzeQuery(story, index).coordination).toBeUndefined();
    const scores = (i: typeof index, t: typeof terms) => i.search(t, 3, () => true).map((h) => h.score);
    const asOption = keyedIndex(entries, { ...defaultIndexOptions, coordination: 0.5 });
    expect(scores(index, terms)).toEqual(scores(asOption, [...terms]));
    expect(scores(index, terms)).not.toEqual(scores(index, [...terms]));
  });

  it("leaves a short query's exact match first", () => {
    expect(topKey(entries, "mẹ 60 tuổi tiêm vắc xin")).toBe("me-gia");
  });
});
