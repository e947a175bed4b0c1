import { fold } from "./normalize.js";

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
 * Whether a UTF-16 unit (or, for a surrogate pair, the code point) is a letter or digit as
 * `[\p{L}\p{N}]` with the `u` flag decides, memoised per unit: the words of an answer are found by
 * one scan into reused arrays rather than a match object and a record per word (issue 16,
 * seventeenth session: ~430 KB allocated for the ten snippets of a search).
 */
const wordChar = /^[\p{L}\p{N}]$/u;
const unitKind = new Uint8Array(0x10000); // 0 not yet known, 1 word, 2 not
function isWordUnit(c: number): boolean {
  let k = unitKind[c] as number;
  if (k === 0) {
    k = wordChar.test(String.fromCharCode(c)) ? 1 : 2;
    unitKind[c] = k;
  }
  return k === 1;
}

/** Length in units of the word character at `i` (2 for a letter outside the BMP), or 0. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return isWordUnit(c) ? 1 : 0;
  const low = text.charCodeAt(i + 1);
  if (low < 0xdc00 || low > 0xdfff) return isWordUnit(c) ? 1 : 0;
  return wordChar.test(text.slice(i, i + 2)) ? 2 : 0;
}

/** The words of the last text scanned: start, end and whether marked; grown, never shrunk. */
let starts = new Int32Array(256);
let ends = new Int32Array(256);
let marked = new Uint8Array(256);

function scanWords(text: string, syllables: ReadonlySet<string>): number {
  let n = 0;
  for (let i = 0; i < text.length; ) {
    let len = wordCharAt(text, i);
    if (len === 0) {
      i++;
      continue;
    }
    const start = i;
    while (len > 0) {
      i += len;
      len = i < text.length ? wordCharAt(text, i) : 0;
    }
    if (n === starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, to: T): T => {
        to.set(a);
        return to;
      };
      starts = grow(starts, new Int32Array(n * 2));
      ends = grow(ends, new Int32Array(n * 2));
      marked = grow(marked, new Uint8Array(n * 2));
    }
    starts[n] = start;
    ends[n] = i;
    marked[n] = isMarked(foldWord(text.slice(start, i)), syllables) ? 1 : 0;
    n++;
  }
  return n;
}

/**
 * An HTML-escaped excerpt of `text` around the densest run of query syllables, each wrapped in
 * <mark>. Matching is on folded syllables, so "tiem" marks "tiêm" as typed in the entry.
 */
export function highlight(text: string, syllables: ReadonlySet<string>, maxWords = 30): string {
  const n = scanWords(text, syllables);
  if (n === 0) return escapeHtml(text.slice(0, 200));
  let best = 0;
  let bestHits = -1;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (marked[i] === 1) hits++;
    if (i >= maxWords && marked[i - maxWords] === 1) hits--;
    const start = Math.max(0, i - maxWords + 1);
    if (hits > bestHits) {
      bestHits = hits;
      best = start;
    }
  }
  const last = Math.min(n, best + maxWords) - 1;
  const from = starts[best] as number;
  const to = ends[last] as number;
  let out = best > 0 ? "… " : "";
  let cursor = from;
  for (let w = best; w <= last; w++) {
    if (marked[w] !== 1) continue;
    const start = starts[w] as number;
    const end = ends[w] as number;
    out += `${escapeHtml(text.slice(cursor, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    cursor = end;
  }
  out += escapeHtml(text.slice(cursor, to));
  if (to < text.trimEnd().length) out += " …";
  return out.replace(/\s+/g, " ").trim();
}
