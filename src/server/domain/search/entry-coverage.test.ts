import { describe, expect, it } from "vitest";
import { topKey } from "./search.fixture.js";
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

const story = "em năm nay 30 tuổi, hôm qua đi tiêm về thì sốt, có nên uống thuốc hạ sốt không ạ";

describe("entry coverage (issue 16)", () => {
  it("ranks the entry whose question the message holds above a long story sharing its chatter", () => {
    expect(topKey(entries, story)).toBe("ha-sot");
  });

  it("is what makes the difference: without it the story entry wins", () => {
    expect(topKey(entries, story, { ...defaultIndexOptions, entryCoverage: 0 })).toBe("cau-chuyen");
  });

  it("leaves a short query's exact match first", () => {
    expect(topKey(entries, "mẹ 60 tuổi tiêm vắc xin")).toBe("me-gia");
  });
});
