/**
 * Vietnamese text folded for matching — lower case, no tone or vowel marks, đ → d — with a map
 * back to the original, so every hit is reported on the text the user wrote.
 */
export interface FoldedText {
  /** The folded text. */
  text: string;
  /** map[i] is the index in the original of folded character i; map[text.length] is its length. */
  map: number[];
}

const MARKS = /[\u0300-\u036f]/g;

/** One string folded: "Nguyễn Văn Đức" → "nguyen van duc". */
export const fold = (s: string): string =>
  s.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();

export function foldWithMap(s: string): FoldedText {
  let text = "";
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const folded = fold(s.charAt(i));
    // A combining mark (text in decomposed form) belongs to the letter before it.
    if (folded === "") continue;
    text += folded.charAt(0);
    map.push(i);
  }
  map.push(s.length);
  return { text, map };
}

/** The original span of the folded span [start, end). */
export function originalSpan(f: FoldedText, start: number, end: number): { start: number; end: number } {
  return { start: f.map[start] ?? 0, end: f.map[end] ?? f.map[f.map.length - 1] ?? 0 };
}

/** A word of the original text with its folded form and case. */
export interface Word {
  /** As written (NFC). */
  raw: string;
  /** Lower case, marks kept. */
  lower: string;
  folded: string;
  start: number;
  end: number;
  /** "Title", "UPPER", "lower" or "mixed"; a one-letter capital ("A", "B") counts as Title. */
  shape: "title" | "upper" | "lower" | "mixed";
  /** Whether the word carries Vietnamese marks (folding changed it). */
  marked: boolean;
}

function shapeOf(w: string): Word["shape"] {
  const first = w.charAt(0);
  const rest = w.slice(1);
  const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
  if (w === w.toLowerCase()) return "lower";
  if (w === w.toUpperCase()) return w.length === 1 ? "title" : "upper";
  if (isUpper(first) && rest === rest.toLowerCase()) return "title";
  return "mixed";
}

/** The words (letters only) of a text, with positions in the original. */
export function wordsOf(s: string): Word[] {
  const out: Word[] = [];
  for (const m of s.matchAll(/[\p{L}\p{M}]+/gu)) {
    const raw = m[0].normalize("NFC");
    const lower = raw.toLowerCase();
    const folded = fold(raw);
    out.push({
      raw,
      lower,
      folded,
      start: m.index,
      end: m.index + m[0].length,
      shape: shapeOf(raw),
      marked: folded !== lower,
    });
  }
  return out;
}
