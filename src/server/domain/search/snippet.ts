import { fold } from "./normalize.js";

const wordPattern = /[\p{L}\p{N}]+/gu;

/**
 * Filler syllables of a spoken question ("có … không", "là gì", "được không"), folded. They still
 * count for ranking, but a snippet never marks them (issue 18.9): marking every "không" and "có"
 * hides the words that matter. Only syllables whose folded forms are almost never the point of a
 * question: "cho" (chợ), "ma" (mã), "dang" (đăng ký), "vay" (vay vốn), "chi" (chi phí) stay markable.
 */
export const FILLER_SYLLABLES: ReadonlySet<string> = new Set([
  "khong",
  "co",
  "la",
  "duoc",
  "gi",
  "thi",
  "va",
  "cua",
  "nhu",
  "nao",
  "nay",
  "ai",
  "toi",
  "oi",
  "voi",
  "cac",
  "nhung",
  "mot",
  "se",
  "hay",
  "hoac",
  "khi",
  "neu",
  "o",
  "a",
  "nhe",
]);

/**
 * The folded syllables of a search that matter: filler words of a spoken question dropped, each
 * once, in order ("có được tiêm vắc xin sởi không" → tiem, vac, xin, soi). All filler: all kept.
 */
export function significantSyllables(text: string, max = 8): string[] {
  const all = [...new Set(fold(text).match(/[a-z0-9]+/g) ?? [])];
  const kept = all.filter((s) => !FILLER_SYLLABLES.has(s));
  return (kept.length > 0 ? kept : all).slice(0, max);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function isMarked(folded: string, syllables: ReadonlySet<string>): boolean {
  return syllables.has(folded) && !FILLER_SYLLABLES.has(folded);
}

/**
 * Words folded before, by their text as written (issue 16: folding each word of ten answers, a
 * Unicode normalisation per word, was most of a snippet's time). Answers reuse a small vocabulary;
 * the memo is emptied when it grows past a bound.
 */
const foldedWords = new Map<string, string>();
const FOLDED_MAX = 50_000;

function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    if (foldedWords.size >= FOLDED_MAX) foldedWords.clear();
    folded = fold(word);
    foldedWords.set(word, folded);
  }
  return folded;
}

/**
 * An HTML-escaped excerpt of `text` around the densest run of query syllables, each wrapped in
 * <mark>. Matching is on folded syllables, so "tiem" marks "tiêm" as typed in the entry.
 */
export function highlight(text: string, syllables: ReadonlySet<string>, maxWords = 30): string {
  const words = [...text.matchAll(wordPattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    hit: isMarked(foldWord(m[0]), syllables),
  }));
  if (words.length === 0) return escapeHtml(text.slice(0, 200));
  let best = 0;
  let bestHits = -1;
  let hits = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i]?.hit) hits++;
    if (i >= maxWords && words[i - maxWords]?.hit) hits--;
    const start = Math.max(0, i - maxWords + 1);
    if (hits > bestHits) {
      bestHits = hits;
      best = start;
    }
  }
  const window = words.slice(best, best + maxWords);
  const from = window[0]?.start ?? 0;
  const to = window.at(-1)?.end ?? text.length;
  let out = best > 0 ? "… " : "";
  let cursor = from;
  for (const w of window) {
    if (!w.hit) continue;
    out += `${escapeHtml(text.slice(cursor, w.start))}<mark>${escapeHtml(text.slice(w.start, w.end))}</mark>`;
    cursor = w.end;
  }
  out += escapeHtml(text.slice(cursor, to));
  if (to < text.trimEnd().length) out += " …";
  return out.replace(/\s+/g, " ").trim();
}
