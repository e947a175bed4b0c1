import { describe, expect, it } from "vitest";
import { confidentSuggestions, excerpt, type SuggestionCandidate, suggestionsText } from "./suggestions.js";

const hit = (id: string, score: number, coverage: number): SuggestionCandidate => ({
  id,
  question: `Câu hỏi ${id}`,
  answerText: `Trả lời ${id}`,
  score,
  coverage,
});

describe("confident suggestions (issue 16)", () => {
  it("sends the top hit only when it covers the question and stands 1.65× above the next", () => {
    expect(confidentSuggestions([hit("a", 30, 0.8), hit("b", 10, 0.7)]).map((h) => h.id)).toEqual(["a", "b"]);
    expect(confidentSuggestions([hit("a", 30, 0.8), hit("b", 10, 0.3)]).map((h) => h.id)).toEqual(["a"]);
    expect(confidentSuggestions([hit("a", 30, 0.8), hit("b", 25, 0.9)])).toEqual([]);
    // 1.6× was enough before the ranking's entry coverage spread the scores (issue 16); no longer.
    expect(confidentSuggestions([hit("a", 32, 0.8), hit("b", 20, 0.9)])).toEqual([]);
    expect(confidentSuggestions([hit("a", 33, 0.8), hit("b", 20, 0.3)]).map((h) => h.id)).toEqual(["a"]);
    expect(confidentSuggestions([hit("a", 30, 0.5)])).toEqual([]);
    expect(confidentSuggestions([hit("a", 3, 0.6)]).map((h) => h.id)).toEqual(["a"]);
    expect(confidentSuggestions([])).toEqual([]);
  });

  it("cuts long answers at a word boundary and writes nothing without suggestions", () => {
    const long = "tiêm ".repeat(200);
    const cut = excerpt(long);
    expect(cut.length).toBeLessThanOrEqual(451);
    expect(cut.endsWith("tiêm…")).toBe(true);
    expect(suggestionsText([], "http://x")).toBe("");
    const text = suggestionsText([hit("a", 1, 1)], "https://1022.thanhhoa.gov.vn/");
    expect(text).toContain(
      "1. Hỏi: Câu hỏi a\nĐáp: Trả lời a\nXem thêm: https://1022.thanhhoa.gov.vn/hoi-dap?q=",
    );
  });
});
