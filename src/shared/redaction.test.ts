import { describe, expect, it } from "vitest";
import { applyRedactions, REDACTION_MARK, redactionSegments, redactionsOf, wordSpans } from "./redaction.js";

const original = "Chị Lê Thị Hoa, số nhà 12 Lê Lợi, hỏi về lịch tiêm. Không tiêm vào Chủ nhật.";

describe("redaction only (Art. 12, 14.7)", () => {
  it("accepts the original, and the original with spans replaced by the mark", () => {
    expect(redactionsOf(original, original)).toEqual([]);
    expect(redactionsOf(original, `  ${original}\r\n`)).toEqual([]);
    expect(redactionsOf(original, "Chị […], số nhà […], hỏi về lịch tiêm. Không tiêm vào Chủ nhật.")).toEqual(
      [
        { start: 4, end: 14, text: "Lê Thị Hoa" },
        { start: 23, end: 32, text: "12 Lê Lợi" },
      ],
    );
    expect(redactionsOf(original, "[…] hỏi về lịch tiêm. Không tiêm vào […]")).toEqual([
      { start: 0, end: 33, text: "Chị Lê Thị Hoa, số nhà 12 Lê Lợi," },
      { start: 67, end: 76, text: "Chủ nhật." },
    ]);
    expect(redactionsOf(original, REDACTION_MARK)).toEqual([
      { start: 0, end: original.length, text: original },
    ]);
  });

  it("finds a match when a kept piece also occurs earlier in the text", () => {
    // "Lê" occurs twice; the kept " Lợi" must be matched after the second one.
    expect(redactionsOf("Lê A ở Lê Lợi", "[…] Lợi")).toEqual([{ start: 0, end: 9, text: "Lê A ở Lê" }]);
    expect(redactionsOf("a b a b c", "a […] c")).toEqual([{ start: 2, end: 7, text: "b a b" }]);
  });

  it("treats composed and decomposed Vietnamese letters as the same text", () => {
    expect(redactionsOf(original.normalize("NFD"), original.normalize("NFC"))).toEqual([]);
  });

  it("refuses any other change: rewording, additions, deletions, an empty mark, a moved piece", () => {
    for (const edited of [
      "Chị […] hỏi về lịch tiêm. Có tiêm vào Chủ nhật.",
      `${original} Cảm ơn.`,
      "Chị […], số nhà […], hỏi về lịch tiêm. Tiêm vào Chủ nhật.",
      "Chị Lê Thị Hoa[…], số nhà 12 Lê Lợi, hỏi về lịch tiêm. Không tiêm vào Chủ nhật.",
      "Không tiêm vào Chủ nhật. […]",
      "",
    ]) {
      expect(redactionsOf(original, edited), edited).toBeNull();
    }
  });

  it("builds the text from clicked spans, merging touching ones, and cuts it for the diff", () => {
    const words = wordSpans("Gọi Lê Thị Hoa nhé");
    expect(words.filter((w) => w.word).map((w) => w.text)).toEqual(["Gọi", "Lê", "Thị", "Hoa", "nhé"]);
    const picked = words.filter((w) => ["Hoa", "Lê", "Thị"].includes(w.text));
    const text = applyRedactions("Gọi Lê Thị Hoa nhé", picked);
    expect(text).toBe("Gọi […] nhé");
    const spans = redactionsOf("Gọi Lê Thị Hoa nhé", text) ?? [];
    expect(redactionSegments("Gọi Lê Thị Hoa nhé", spans)).toEqual([
      { text: "Gọi ", redacted: false },
      { text: "Lê Thị Hoa", redacted: true },
      { text: " nhé", redacted: false },
    ]);
  });
});
