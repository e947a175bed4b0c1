/**
 * Answers from the Q&A base sent with a chat or email acknowledgement (issue 16), so a question
 * the base already answers is answered in seconds. Pure; the thresholds were measured on the
 * realistic questions (bench/kb-quality/confidence.ts, docs/kb.md): a suggestion is sent only when
 * the top hit's question holds most of what was asked and it stands clearly above the next hit.
 */
export interface SuggestionCandidate {
  id: string;
  question: string;
  answerText: string;
  score: number;
  /** Share of the query's syllables found in the entry's question (0–1). */
  coverage: number;
}

/**
 * Measured on bench/kb-quality/realistic.jsonl (published and held entries): with the top hit's
 * question holding ≥ 60 % of the query and scoring ≥ 1.65× the second hit, 18.0 % of batch 1 and
 * 21.4 % of batch 2 get suggestions; the top one answers in 94.3 % / 93.3 % of them, one of the
 * two in 97.1 % / 96.7 %. The lead was 1.5 before the ranking's entry coverage (issue 16) spread
 * the scores; 1.65 keeps batch 1's share where it was (docs/kb.md has the grid).
 */
export const suggestionThreshold = { coverage: 0.6, lead: 1.65, max: 2 } as const;

/** The confident hits, best first: the top one must stand out; the next is added if it matches as well. */
export function confidentSuggestions(
  hits: readonly SuggestionCandidate[],
  t: { coverage: number; lead: number; max: number } = suggestionThreshold,
): SuggestionCandidate[] {
  const [top, second] = hits;
  if (!top || top.coverage < t.coverage || top.score < t.lead * (second?.score ?? 0)) return [];
  return hits.slice(0, t.max).filter((h) => h.coverage >= t.coverage);
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
