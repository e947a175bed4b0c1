/**
 * Answers from the Q&A base sent with a chat or email acknowledgement (issue 16), so a question
 * the base already answers is answered in seconds. Pure; the thresholds were measured on the
 * realistic questions (bench/kb-quality/confidence.ts, docs/kb.md): a suggestion is sent only when
 * the top hit's question holds most of what was asked and its score is high, where the top hit
 * answered the question in ≥ 90 % of cases on both batches.
 */
export interface SuggestionCandidate {
  id: string;
  question: string;
  answerText: string;
  score: number;
  /** Share of the query's syllables found in the entry's question (0–1). */
  coverage: number;
}

export const suggestionThreshold = { coverage: 0.8, score: 20, max: 2 } as const;

/** The confident hits, best first: the first must pass; a second only if it passes too. */
export function confidentSuggestions(
  hits: readonly SuggestionCandidate[],
  t: { coverage: number; score: number; max: number } = suggestionThreshold,
): SuggestionCandidate[] {
  return hits.filter((h) => h.coverage >= t.coverage && h.score >= t.score).slice(0, t.max);
}

const EXCERPT = 450;

/** The answer cut at a word boundary for a chat message (Zalo and Messenger cap a text at 2,000). */
export function excerpt(text: string, max = EXCERPT): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}

/** The part of the acknowledgement that carries the suggestions; empty when there are none. */
export function suggestionsText(suggestions: readonly SuggestionCandidate[], publicUrl: string): string {
  if (suggestions.length === 0) return "";
  const base = publicUrl.replace(/\/+$/, "");
  const items = suggestions.map(
    (s, i) =>
      `${i + 1}. Hỏi: ${s.question.replace(/\s+/g, " ").trim()}\nĐáp: ${excerpt(s.answerText)}\nXem thêm: ${base}/hoi-dap?q=${encodeURIComponent(s.question.slice(0, 120))}`,
  );
  return [
    "Câu hỏi của bạn có thể đã có câu trả lời trong bộ hỏi đáp đã công khai của Tổng đài 1022:",
    ...items,
    "Nếu câu trả lời trên đã giải đáp thắc mắc, bạn không cần làm gì thêm. Nếu chưa, hãy nhắn lại cho chúng tôi; cán bộ Tổng đài sẽ trả lời theo mã yêu cầu trên.",
  ].join("\n");
}
