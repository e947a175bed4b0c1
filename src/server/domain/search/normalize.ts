import { fold } from "../../../shared/fold.js";

/**
 * Vietnamese text for search (R-HA1: accent-insensitive). Pure; no I/O. Callers type without
 * diacritics ("tiem vac xin"), so documents and queries are both folded (src/shared/fold.ts, the
 * one normaliser the console's pickers use too) to lowercase ASCII letters and digits.
 */
export { fold };

const tokenPattern = /[a-z0-9]+/g;

/** Folded syllables in order. Vietnamese words are written syllable by syllable, so a token is a syllable. */
export function syllables(text: string): string[] {
  return fold(text).match(tokenPattern) ?? [];
}

/** The key of an adjacent syllable pair ("vac xin" → "vac_xin"); pairs stand in for two-syllable words. */
export function pairKey(a: string, b: string): string {
  return `${a}_${b}`;
}

/** Unigrams plus adjacent pairs of one field, the terms the index stores. */
export function termsOf(tokens: readonly string[]): string[] {
  const terms: string[] = [...tokens];
  for (let i = 1; i < tokens.length; i++) terms.push(pairKey(tokens[i - 1] as string, tokens[i] as string));
  return terms;
}

/** Plain text from safe HTML, for indexing and snippets; entities decoded for the common cases. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+\n/g, "\n")
    .trim();
}
