import { describe, expect, it } from "vitest";
import { packTf } from "./postings.js";
import { topKey } from "./search.fixture.js";
import { boostedAnswerWeight, defaultIndexOptions, type IndexOptions, SearchIndex } from "./search-index.js";
import { decodeImage, encodeImage } from "./snapshot.js";

// Issue 16, sixth round: a caller's word the base's questions do not use ("mùi vị") is often the
// word its answers use; such a word is searched in the answers at more than their usual weight.
const entries = [
  {
    key: "vi-giac",
    question: "Sau khi mắc COVID-19 tôi bị mất vị giác, nên làm gì?",
    answer: "Nên ăn món có mùi vị đậm, tập ngửi lại mùi thơm của chanh, sả, cà phê mỗi ngày.",
  },
  {
    key: "mat-ngu",
    question: "Khỏi COVID-19 rồi mà tôi bị mất ngủ, làm sao cho hết?",
    answer: "Ngủ đúng giờ, hạn chế dùng điện thoại buổi tối.",
  },
  {
    key: "an-uong",
    question: "Mắc COVID-19 nên ăn uống thế nào cho mau khỏi?",
    answer: "Ăn đủ chất, uống nhiều nước, nghỉ ngơi.",
  },
  ...[
    "Tiêm vắc xin ở đâu?",
    "F1 cách ly bao nhiêu ngày?",
    "Xét nghiệm PCR có mất tiền không?",
    "Đi đường có cần giấy không?",
  ].map((question, i) => ({ key: `khac-${i}`, question, answer: "Theo hướng dẫn của Bộ Y tế." })),
];

const query = "ăn chi cũng nhạt, không còn mùi vị";

describe("answer weight of words the questions do not use (issue 16)", () => {
  it("finds the entry whose answer holds the caller's word", () => {
    expect(topKey(entries, query)).toBe("vi-giac");
  });

  it("is what makes the difference: without it a question sharing the chatter wins", () => {
    expect(topKey(entries, query, { ...defaultIndexOptions, answerBoost: 0 })).not.toBe("vi-giac");
  });

  it("leaves a query in the questions' own words where it was", () => {
    expect(topKey(entries, "mất ngủ sau khi khỏi covid")).toBe("mat-ngu");
    expect(topKey(entries, "mắc covid nên ăn uống thế nào")).toBe("an-uong");
  });

  it("raises the answer weight by the share of the term's entries that hold it only in the answer", () => {
    const o = { ...defaultIndexOptions, answerWeight: 0.05, answerBoost: 1 };
    const range = (tfs: number[]) => ({
      base: 0,
      docs: Uint16Array.from(tfs.map((_, i) => i)),
      tfs: Uint16Array.from(tfs),
      from: 0,
      to: tfs.length,
    });
    const weight = (tfs: number[]) => boostedAnswerWeight(o, [range(tfs)], 1, tfs.length);
    expect(weight([packTf(0, 2), packTf(0, 1)])).toBeCloseTo(1.05);
    expect(weight([packTf(1, 0), packTf(0, 1)])).toBeCloseTo(0.55);
    expect(weight([packTf(1, 3), packTf(2, 0)])).toBeCloseTo(0.05);
    // The same for a term whose postings span two blocks of slots.
    expect(boostedAnswerWeight(o, [range([packTf(0, 1)]), range([packTf(1, 0)])], 2, 2)).toBeCloseTo(0.55);
  });

  it("is part of the index options, so a snapshot indexed without it is rebuilt", () => {
    const base = new SearchIndex<{ key: string }>();
    base.upsert({ key: "a", question: "Tiêm vắc xin ở đâu?", answer: "Trạm y tế.", meta: { key: "a" } });
    const { answerBoost: _, ...before } = defaultIndexOptions;
    const { parts } = encodeImage({ ...base.toImage((m) => m), options: before as IndexOptions });
    const image = new Uint8Array(Buffer.concat(parts));
    expect(() => decodeImage(image, defaultIndexOptions)).toThrow(/options changed/);
  });
});
