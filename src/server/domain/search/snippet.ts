import { expandAbbreviation, spellingOf } from "./abbreviations.js";
import { spokenSyllables } from "./colloquial.js";
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
 * The words of a search that matter, each with the spellings a public answer may write it in:
 * folded, words of speech read as the Q&A search reads them ("bịnh" → benh), a spoken synonym
 * beside what was typed ("chích" → chich or tiem), filler words of a spoken question dropped ("ko"
 * too, as "không"), each once, in order ("có được tiêm vắc xin sởi không" → tiem, vac, xin, soi).
 * All filler: all kept.
 */
export function significantWords(text: string, max = 8): string[][] {
  const all = [...new Set(spokenSyllables(text))].map((s) => {
    const [read, ...more] = expandAbbreviation(s) ?? spellingOf(s) ?? [];
    return read !== undefined && more.length === 0 && read !== s ? [s, read] : [s];
  });
  const kept = all.filter((spellings) => !spellings.some((s) => FILLER_SYLLABLES.has(s)));
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

/**
 * What a snippet marks: folded syllables, and for those the caller typed with their marks, the forms
 * typed (`markKey`). A syllable typed as "đề" marks "đề", not "để" or "dè"; typed bare ("de") it marks
 * every form. A correction of a typo typed with marks keeps the word's marks ("tiêmm" marks "tiêm");
 * a whole syllable typed with marks is a word the base lacks, not a typo, and its corrections mark
 * nothing ("sởi" does not mark "sở" of "cơ sở", "vùng" not "ủng"); what stands for an abbreviation
 * or a colloquial word marks every form.
 */
export interface Marks {
  syllables: ReadonlySet<string>;
  /** Folded syllable → the `markKey`s it may be written with, or `*|marks` for any letters with those marks. */
  typed: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * A word's letters and its marks, independent of where the tone mark was put ("hòa" = "hoà") and of
 * composed or decomposed input: the folded letters, then the marks sorted (đ counts as a mark).
 */
export function markKey(word: string): string {
  const lower = word.toLowerCase().normalize("NFD");
  const marks = [...lower.matchAll(/[\u0300-\u036f]/g)].map(([m]) => m);
  if (lower.includes("đ")) marks.push("đ");
  return `${fold(lower)}|${marks.sort().join("")}`;
}

const anyLetters = (key: string) => `*${key.slice(key.indexOf("|"))}`;

/**
 * Folded letters that can spell one Vietnamese syllable: initial, vowels, final ("soi", "vung"; not
 * "tiemm"). Loose (a few non-syllables pass), it only tells a typo from a word typed whole.
 */
const SYLLABLE =
  /^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?(?:uy[aeu]|uo[iu]|oa[iy]|oeo|uay|[iy]eu|[aeiouy][aeiouy]?)(?:ch|ng|nh|[ckmnpt])?$/;

/**
 * The marks of a search: `shown` syllables, narrowed to the marks typed where a syllable spells a
 * word the caller typed with marks (`spelled`: by default each syllable spells itself). Spelled as
 * typed, the word's own form; a correction of a typo, any letters with the word's marks; a correction
 * of a whole syllable, none.
 */
export function marksOf(
  query: string,
  shown: ReadonlySet<string>,
  spelled: ReadonlyMap<string, ReadonlySet<string>> = new Map([...shown].map((s) => [s, new Set([s])])),
): Marks {
  const keysByFold = new Map<string, string[]>();
  for (const [word] of query.matchAll(wordPattern)) {
    const folded = fold(word);
    keysByFold.set(folded, [...(keysByFold.get(folded) ?? []), markKey(word)]);
  }
  const typed = new Map<string, Set<string>>();
  for (const [syllable, sources] of spelled) {
    const keys = [...sources].flatMap((source) => keysByFold.get(source) ?? []);
    // Typed bare somewhere, or not found as typed (a spoken form replaced): every form.
    if (keys.length === 0 || keys.some((key) => key.endsWith("|"))) continue;
    // A correction: the typed word's marks on other letters, unless what was typed is a syllable.
    const forms = keys.flatMap((key) => {
      if (key.startsWith(`${syllable}|`)) return [key];
      return SYLLABLE.test(key.slice(0, key.indexOf("|"))) ? [] : [anyLetters(key)];
    });
    typed.set(syllable, new Set(forms));
  }
  return { syllables: shown, typed };
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

const markKeys = new Map<string, string>();

/**
 * A word of the text that is another spelling of marked syllables ("vaccine", "vacxin" for vắc-xin;
 * abbreviations.ts): the search found it as those syllables, so the snippet marks it too, as written.
 */
function isSpelledHit(folded: string, marks: Marks): boolean {
  const spelled = spellingOf(folded);
  return spelled?.every((s) => marks.syllables.has(s) && !FILLER_SYLLABLES.has(s)) ?? false;
}

function isMarked(word: string, folded: string, marks: Marks): boolean {
  if (!marks.syllables.has(folded)) return isSpelledHit(folded, marks);
  if (FILLER_SYLLABLES.has(folded)) return false;
  const forms = marks.typed.get(folded);
  if (!forms) return true;
  let key = markKeys.get(word);
  if (key === undefined) {
    if (markKeys.size >= FOLDED_MAX) markKeys.clear();
    key = markKey(word);
    markKeys.set(word, key);
  }
  return forms.has(key) || forms.has(anyLetters(key));
}

/** Hyphens that join the syllables of one word ("vắc-xin", "Covid-19"): ASCII, U+2010, U+2011. */
const HYPHENS = new Set(["-", "\u2010", "\u2011"]);

type Word = { start: number; end: number; hit: boolean };

/** The index of the last word of the hyphenated word starting at `words[i]` (`i` when none). */
function hyphenatedEnd(text: string, words: readonly Word[], i: number): number {
  let last = i;
  for (let next = words[last + 1]; next; next = words[last + 1]) {
    const end = words[last]?.end ?? 0;
    if (next.start !== end + 1 || !HYPHENS.has(text.charAt(end))) break;
    last++;
  }
  return last;
}

/**
 * A hyphenated word is marked as one (thirty-fifth session: «vắc-xin» read as two marks) when every
 * syllable of it is, or when it is another spelling of syllables searched ("vac-cine" as vaccine).
 */
function wholeWordHit(text: string, parts: readonly Word[], marks: Marks): boolean {
  return (
    parts.every((p) => p.hit) ||
    isSpelledHit(parts.map((p) => foldWord(text.slice(p.start, p.end))).join(""), marks)
  );
}

/**
 * An HTML-escaped excerpt of `text` around the densest run of query syllables, each wrapped in
 * <mark>. Matching is on folded syllables, so "tiem" marks "tiêm" as typed in the entry; a syllable
 * typed with its marks marks only that form (`Marks`); a hyphenated word searched whole is one mark.
 */
export function highlight(text: string, marked: ReadonlySet<string> | Marks, maxWords = 30): string {
  const marks = "typed" in marked ? marked : { syllables: marked, typed: new Map() };
  const words: Word[] = [...text.matchAll(wordPattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    hit: isMarked(m[0], foldWord(m[0]), marks),
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
  // Words after the window: cut after its last word and say so; none: the text's own end (its "."),
  // not "…" after an answer that is whole.
  const more = best + maxWords < words.length;
  const to = more ? (window.at(-1)?.end ?? text.length) : text.length;
  let out = best > 0 ? "… " : "";
  let cursor = from;
  const mark = (start: number, end: number) => {
    out += `${escapeHtml(text.slice(cursor, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    cursor = end;
  };
  for (let i = 0; i < window.length; i++) {
    const last = hyphenatedEnd(text, window, i);
    if (last > i && wholeWordHit(text, window.slice(i, last + 1), marks)) {
      mark(window[i]?.start ?? 0, window[last]?.end ?? 0);
      i = last;
      continue;
    }
    const w = window[i];
    if (w?.hit) mark(w.start, w.end);
  }
  out += escapeHtml(text.slice(cursor, to));
  if (more) out += " …";
  return out.replace(/\s+/g, " ").trim();
}
