import { fold } from "./normalize.js";

const wordPattern = /[\p{L}\p{N}]+/gu;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * An HTML-escaped excerpt of `text` around the densest run of query syllables, each wrapped in
 * <mark>. Matching is on folded syllables, so "tiem" marks "tiêm" as typed in the entry.
 */
export function highlight(text: string, syllables: ReadonlySet<string>, maxWords = 30): string {
  const words = [...text.matchAll(wordPattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    hit: syllables.has(fold(m[0])),
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
