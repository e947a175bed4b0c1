import { fold, type Word, wordsOf } from "./fold.js";
import type { Hit } from "./kinds.js";
import { middleNames, notGivenNames, personTitles, strongFamilyNames, weakFamilyNames } from "./lexicon.js";
import { placeWords, publicNames, streetAfterWords } from "./lexicon-places.js";

/**
 * A word list matched as written, or by its folded form when the text is written without marks
 * ("nguyen van an"): in a text with marks, "do" is not "Đỗ" nor "chi" "chị".
 */
function wordSet(list: readonly string[]) {
  const marked = new Set(list);
  const bare = new Set(list.map(fold));
  return (w: Word, bareText: boolean) => marked.has(w.lower) || (bareText && !w.marked && bare.has(w.folded));
}

const isStrong = wordSet(strongFamilyNames);
const isWeak = wordSet(weakFamilyNames);
const isMiddle = wordSet(middleNames);
const isNotGiven = wordSet(notGivenNames);
const isTitle = wordSet(personTitles);
const strongBare = new Set(strongFamilyNames.map(fold));
const familyAsWritten = new Set<string>([...strongFamilyNames, ...weakFamilyNames]);
const placeSet = new Set(placeWords.map(fold));
const placeMarked = new Set<string>(placeWords);
const streetAfter = new Set<string>(streetAfterWords);
const publicByFirst = new Map<string, string[]>();
for (const name of publicNames.map(fold)) {
  const first = name.split(" ")[0] ?? name;
  publicByFirst.set(first, [...(publicByFirst.get(first) ?? []), name]);
}

/** One Vietnamese syllable, folded ("nguyen", "thuong", "quoc"); keeps out "BHYT", "COVID". */
const SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

type Mode = "title" | "upper" | "lower";

/** Whether `w` can be a given name in a name written in `mode`. */
function givenFits(w: Word, mode: Mode, bareText: boolean): boolean {
  const letter = w.raw.length === 1 && w.shape === "title";
  if (letter) return mode !== "lower";
  if (!SYLLABLE.test(w.folded)) return false;
  if (mode === "title") return w.shape === "title";
  if (mode === "upper") return w.shape === "upper";
  return w.shape === "lower" && (!isNotGiven(w, bareText) || isMiddle(w, bareText));
}

/**
 * Personal names: a Vietnamese family name followed by one to three given names, "Nguyễn Văn
 * An", "TRẦN THỊ B", "nguyen van an", "anh lê văn tám". Not the names of places and of the
 * historical figures streets and schools are named after ("đường Trần Phú", "Hồ Chí Minh",
 * "Bệnh viện Phạm Ngọc Thạch", "Lê Lợi street").
 */
export function findNames(text: string): Hit[] {
  const words = wordsOf(text);
  const hits: Hit[] = [];
  const bareText = !/[\u0300-\u036fđĐ]/.test(text.normalize("NFD"));
  const joined = (a: Word | undefined, b: Word | undefined) =>
    a !== undefined && b !== undefined && /^[ \t\u00a0]+$/.test(text.slice(a.end, b.start));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    // A name written without marks inside a text with marks ("Tên: Nguyen Van An") still counts
    // when capitalised and followed by two given names without marks.
    const bareWord = bareText || (w.shape !== "lower" && !w.marked);
    const strong = isStrong(w, bareWord);
    if (!strong && !isWeak(w, bareWord)) continue;
    if (w.shape === "mixed") continue;
    const mode: Mode = w.shape === "title" ? "title" : w.shape === "upper" ? "upper" : "lower";
    const given: Word[] = [];
    for (let j = i + 1; j < words.length && given.length < 3; j++) {
      const g = words[j] as Word;
      if (!joined(words[j - 1], g) || !givenFits(g, mode, bareWord)) break;
      given.push(g);
    }
    const last = given[given.length - 1];
    if (!last) continue;
    const asWritten = familyAsWritten.has(w.lower);
    if (!bareText && !asWritten && !(given.length >= 2 && given.every((g) => !g.marked))) continue;

    const p1 = joined(words[i - 1], w) ? words[i - 1] : undefined;
    const p2 = p1 && joined(words[i - 2], p1) ? words[i - 2] : undefined;
    const titled =
      (p1 !== undefined && p1.shape !== "mixed" && isTitle(p1, bareText)) ||
      (p1?.folded === "la" && p2?.folded === "ten");
    const middleFirst = given.length >= 2 && isMiddle(given[0] as Word, bareWord);
    const before = text.slice(0, w.start);
    const sentenceStart = /(^|[.!?:;\n–—-]\s*|["“(]\s*)$/.test(before);

    if (mode === "title" && !strong && sentenceStart && given.length < 2 && !titled) continue;
    if (mode === "upper" && !titled && !middleFirst) continue;
    if (mode === "lower") {
      // Lower case is a name only when it reads as one: "anh lê văn tám", "nguyen van an".
      if (w.marked && !titled && !(strong && middleFirst)) continue;
      if (!w.marked && !(titled && given.length >= 2) && !(strongBare.has(w.folded) && middleFirst)) continue;
    }
    if (isPlace(p1, p2)) continue;
    if (!titled && isPublicName(text, w)) continue;
    const next = words[i + given.length + 1];
    if (next && joined(last, next) && streetAfter.has(next.folded)) continue;

    hits.push({ kind: "name", start: w.start, end: last.end, text: text.slice(w.start, last.end) });
    i += given.length;
  }
  return hits;

  function isPlace(p1: Word | undefined, p2: Word | undefined): boolean {
    if (!p1) return false;
    const one = (x: Word) => placeMarked.has(x.lower) || (bareText && placeSet.has(x.folded));
    if (one(p1)) return true;
    if (!p2) return false;
    const two = `${p2.lower} ${p1.lower}`;
    return placeMarked.has(two) || (bareText && placeSet.has(`${p2.folded} ${p1.folded}`));
  }
}

/** Whether a public name ("Hồ Chí Minh", "Đoàn Thanh niên") starts at word `w`. */
function isPublicName(text: string, w: Word): boolean {
  const candidates = publicByFirst.get(w.folded);
  if (!candidates) return false;
  const ahead = fold(text.slice(w.start, w.start + 80)).replace(/\s+/g, " ");
  return candidates.some((name) => ahead.startsWith(name) && !/[a-z]/.test(ahead.charAt(name.length)));
}
