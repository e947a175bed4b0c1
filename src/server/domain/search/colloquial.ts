import { phraseTable, spokenTable } from "./colloquial-tables.js";
import { fold } from "./normalize.js";

/**
 * How citizens say it (issue 16): regional and colloquial words, read before folding, mapped to the
 * words the Q&A base uses. The tables are in colloquial-tables.ts; this reads them.
 *
 * Two kinds:
 * - Words of speech (Thanh Hóa, Nghệ Tĩnh, the South) whose folded form collides with another word
 *   ("rứa" = so, but folded "rua" is also "rửa", to wash), so they are recognised only when typed
 *   with their marks, and replaced: they carry no topic of their own.
 * - Colloquial phrases whose meaning the base writes otherwise ("đi ngoài" → "tiêu chảy"),
 *   recognised on folded syllables and searched beside the original, with a weight below 1.
 */
const spoken = new Map(Object.entries(spokenTable).map(([k, v]) => [k.normalize("NFC"), v.split(" ")]));
const phrases = new Map<string, string[][]>(
  Object.entries(phraseTable).map(([k, v]) => [k, v.split("|").map((alt) => alt.split(" "))]),
);
const longestPhrase = Math.max(...Object.keys(phraseTable).map((k) => k.split(" ").length));

const wordPattern = /[\p{L}\p{N}]+/gu;
const tokenPattern = /[a-z0-9]+/g;

/**
 * Folded syllables of what was typed, words of speech typed with their marks replaced ("răng" →
 * "sao", "bựa ni" → "hom nay"); everything else folded as the index folds it.
 */
export function spokenSyllables(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase().normalize("NFC");
  const words = [...lower.matchAll(wordPattern)].map(([w]) => w);
  // Typed with marks, a bare "chi" is the Nghệ/Thanh Hóa "gì" ("ăn chi", "là chi"), not "chỉ".
  const marked = fold(lower) !== lower;
  words.forEach((word, i) => {
    const replaced =
      word === "chi" && marked && !chiCompounds.has(fold(words[i + 1] ?? ""))
        ? ["gi"]
        : word === "mô"
          ? [whereMo(words[i - 1], words[i + 1])]
          : spoken.get(word);
    if (replaced) out.push(...replaced);
    else out.push(...(fold(word).match(tokenPattern) ?? []));
  });
  return out;
}

/**
 * The Nghệ/Thanh Hóa "mô" is "đâu" after a verb of place or movement ("ở mô", "đi mô", "về mô") and
 * at the start ("mô có"), and "nào" after anything else ("khi mô", "chỗ mô", "bộ phận mô"): "khi
 * đâu" and "phận đâu" are pairs the base does not use; before "hình", "tả", "phỏng", "tế" it is the
 * standard "mô" (model, describe, tissue), which the old table also read as "đâu" (issue 16,
 * sixteenth session).
 */
function whereMo(previous: string | undefined, next: string | undefined): string {
  if (next !== undefined && moCompounds.has(fold(next))) return "mo";
  return previous === undefined || placeVerbs.has(fold(previous)) ? "dau" : "nao";
}

/** "mô hình", "mô tả", "mô phỏng", "mô tế bào": the standard words, kept as typed. */
const moCompounds = new Set(["hinh", "ta", "phong", "te"]);

const placeVerbs = new Set([
  "o",
  "di",
  "ve",
  "toi",
  "den",
  "vo",
  "vao",
  "ra",
  "tu",
  "sang",
  "qua",
  "len",
  "xuong",
]);

/** Words after which "chi" is to spend or a branch ("chi phí", "chi trả"), not "gì". */
const chiCompounds = new Set([
  "phi",
  "tra",
  "tieu",
  "tiet",
  "nhanh",
  "cuc",
  "hoi",
  "bo",
  "vien",
  "tien",
  "tri",
]);

/** A colloquial phrase starting at token i: its length and what the base says instead. */
export function phraseAt(
  tokens: readonly string[],
  i: number,
): { length: number; alternatives: string[][] }[] {
  const found: { length: number; alternatives: string[][] }[] = [];
  for (let n = 1; n <= longestPhrase && i + n <= tokens.length; n++) {
    const alternatives = phrases.get(tokens.slice(i, i + n).join(" "));
    if (alternatives) found.push({ length: n, alternatives });
  }
  return found;
}
