import { canonicalSpelling, expandAbbreviation } from "./abbreviations.js";
import { phraseAt, spokenSyllables } from "./colloquial.js";
import { pairKey } from "./normalize.js";
import type { AnalyzedQuery } from "./search-index.js";
import type { TypoIndex } from "./typo.js";

/** What query analysis needs to know about the index: term frequencies and its vocabulary. */
export interface Vocabulary {
  df(term: string): number;
  /** `df(pairKey(a, b))`, without building the key. */
  pairDf(a: string, b: string): number;
  typos: TypoIndex;
}

interface Alternative {
  syllables: readonly string[];
  weight: number;
  /** A known syllable swapped for a neighbour-fitting one: searched, but not shown as a match. */
  guess?: true;
  /** The syllable as typed that this one spells (itself, or a correction of it); not set for an abbreviation, a split or a colloquial word. */
  spells?: string;
}

// Weights of what the caller did not literally type, below 1 so exact matches still win.
const SYNONYM = 0.8;
const SPLIT = 0.9;
const ONE_EDIT = 0.7;
const TWO_EDITS = 0.5;
/**
 * A known syllable replaced by a neighbour-fitting one ("tim" → "tiem"). Most such syllables were
 * meant as typed (regional and spoken words: "bà nội" drew "hà nội", "mạ nó" "ve", "ngoài chợ"
 * "ngai"), so the guess weighs 0.4, below a correction of an unknown syllable (issue 16, fifteenth
 * session: 0.6 → 0.4 gained two tuning queries and lost none; 0.5, 0.3, 0.2 measured too).
 */
const CONTEXT_EDIT = 0.4;
const MAX_CORRECTIONS = 3;
const ORDER_FREE_PAIR = 0.5;
const MAX_ORDER_FREE = 128;

const isNumber = (t: string) => /^[0-9]+$/.test(t);

/**
 * Long messages (a story around the question, issue 16): the story's own words — who (em, mẹ, ông,
 * vợ…), when (hôm qua, năm nay, tháng…, tuổi) and particles (thì, mà, là, ạ, nhé…) — are shared
 * with the base's long consultations, which tell their stories the same way, and draw the ranking to
 * them rather than to the entry that states the question. In a message of LONG_MESSAGE syllables or
 * more they weigh NARRATIVE, as does a pair they start ("mẹ em", "năm nay", "em bị"; an order-free
 * pair may still bring it back to 0.5; a pair they end keeps its weight: discounting those too, or
 * only pairs of two such words, lost on the tuning set). Words that fold onto a word that can carry a
 * question are left out ("chị" = "chỉ", "lắm" = "làm", "da", "hơi", "cảm", "xin" of vắc xin,
 * "nói" = "nơi", "bán", "hãng", "lo", "sợ", "ngày", "bé", "con").
 */
const LONG_MESSAGE = 20;
const NARRATIVE = 0.3;
/**
 * The coordination factor (share of the query's syllables an entry's question holds) favours, for a
 * long message, the long consultations that hold most of its story; it weighs 0.5 there, not the
 * index's 2 (issue 16, fourteenth session: 1 and 0 measured too).
 */
const LONG_MESSAGE_COORDINATION = 0.5;
const narrative = new Set(
  (
    "em anh toi minh tui chau vo chong bo me ba ong ngoai nha gia dinh trai gai xom " +
    "hom nay qua mai tuan thang nam sang chieu dem luc roi vua tuoi " +
    "a ah nhe thi ma la cung cu oi vay nhung biet nghe chao bac"
  ).split(" "),
);

/**
 * Turns what a caller typed into weighted terms (R-HA1): folded syllables, abbreviations replaced,
 * synonyms added, unknown syllables corrected (one edit, two for longer ones, or split when two
 * syllables were run together), then unigrams and adjacent pairs across every alternative.
 */
export function analyzeQuery(text: string, vocab: Vocabulary): AnalyzedQuery {
  const tokens = canonicalSpelling(spokenSyllables(text)).slice(0, 64);
  const positions: Alternative[][] = tokens.map((t) => alternativesOf(t, vocab));
  addColloquial(tokens, positions);
  addContextCorrections(tokens, positions, vocab);
  const weights = new Map<string, number>();
  const put = (term: string, w: number) => {
    if (w > (weights.get(term) ?? 0)) weights.set(term, w);
  };
  const story = tokens.length >= LONG_MESSAGE;
  const tone = (i: number) => (story && narrative.has(tokens[i] as string) ? NARRATIVE : 1);
  positions.forEach((alts, i) => {
    for (const alt of alts) {
      alt.syllables.forEach((s, j) => {
        put(s, alt.weight * tone(i));
        if (j > 0) put(pairKey(alt.syllables[j - 1] as string, s), alt.weight);
      });
      for (const next of positions[i + 1] ?? []) {
        put(
          pairKey(alt.syllables.at(-1) as string, next.syllables[0] as string),
          alt.weight * next.weight * tone(i),
        );
      }
    }
  });
  addOrderFreePairs(positions, put, vocab);
  const terms: AnalyzedQuery = [...weights]
    .filter(([term]) => vocab.df(term) > 0)
    .map(([term, weight]) => ({ term, weight }));
  if (story) terms.coordination = LONG_MESSAGE_COORDINATION;
  const shown = positions.flatMap((alts) => alts.filter((a) => !a.guess));
  terms.shown = new Set(shown.flatMap((a) => a.syllables.filter((s) => vocab.df(s) > 0)));
  const spelled = new Map<string, Set<string>>();
  for (const a of shown)
    if (a.spells !== undefined)
      for (const s of a.syllables) spelled.set(s, (spelled.get(s) ?? new Set()).add(a.spells));
  terms.spelled = spelled;
  return terms;
}

function alternativesOf(token: string, vocab: Vocabulary): Alternative[] {
  const abbreviation = expandAbbreviation(token);
  if (abbreviation) return [{ syllables: abbreviation, weight: 1 }];
  const alts: Alternative[] = [{ syllables: [token], weight: 1, spells: token }];
  if (vocab.df(token) > 0 || isNumber(token) || token.length < 3) return alts;
  const split = bestSplit(token, vocab);
  if (split) alts.push({ syllables: split, weight: SPLIT });
  let corrections = byFrequency(vocab.typos.oneEditAway(token), vocab);
  let weight = ONE_EDIT;
  if (corrections.length === 0 && token.length >= 5) {
    corrections = byFrequency(vocab.typos.twoEditsAway(token), vocab);
    weight = TWO_EDITS;
  }
  for (const c of corrections.slice(0, MAX_CORRECTIONS)) alts.push({ syllables: [c], weight, spells: token });
  return alts;
}

/** Colloquial phrases ("đi ngoài", "bầu", "chích"): what the base says instead, beside what was typed. */
function addColloquial(tokens: readonly string[], positions: Alternative[][]): void {
  tokens.forEach((_, i) => {
    for (const { alternatives } of phraseAt(tokens, i))
      for (const syllables of alternatives) positions[i]?.push({ syllables, weight: SYNONYM });
  });
}

/** "vacxin" → ["vac", "xin"] when both syllables and their pair occur in the base. */
function bestSplit(token: string, vocab: Vocabulary): string[] | undefined {
  let best: string[] | undefined;
  let bestDf = 0;
  for (let i = 1; i < token.length; i++) {
    const a = token.slice(0, i);
    const b = token.slice(i);
    const df = vocab.df(pairKey(a, b));
    if (df > bestDf) {
      best = [a, b];
      bestDf = df;
    }
  }
  return best;
}

/**
 * A typo can land on another real syllable ("tim vac xin" for "tiem"). When a known syllable forms
 * no known pair with either neighbour but a syllable one edit away does, that one is added too.
 */
function addContextCorrections(
  tokens: readonly string[],
  positions: Alternative[][],
  vocab: Vocabulary,
): void {
  // Only for text typed in order: in a shuffled bag of words most neighbours form no pair anyway.
  let known = 0;
  for (let i = 1; i < tokens.length; i++)
    if (vocab.df(pairKey(tokens[i - 1] as string, tokens[i] as string)) > 0) known++;
  if (tokens.length < 3 || known < (tokens.length - 1) / 2) return;
  tokens.forEach((token, i) => {
    const alts = positions[i] as Alternative[];
    if (alts.length !== 1 || token.length < 2 || isNumber(token) || vocab.df(token) === 0) return;
    const prev = positions[i - 1]?.[0]?.syllables.at(-1);
    const next = positions[i + 1]?.[0]?.syllables[0];
    if (prev === undefined && next === undefined) return;
    const pairs = (s: string) =>
      (prev ? vocab.df(pairKey(prev, s)) : 0) + (next ? vocab.df(pairKey(s, next)) : 0);
    if (pairs(token) > 0) return;
    const fixes = vocab.typos
      .oneEditAway(token)
      .map((c) => ({ c, n: pairs(c) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n)
      .slice(0, 2);
    for (const { c } of fixes) alts.push({ syllables: [c], weight: CONTEXT_EDIT, guess: true });
  });
}

/**
 * Callers put words in any order ("xin vac tiem"): two query syllables that form a known pair in
 * the base, in either order, still count as that two-syllable word, a little below an adjacent pair.
 */
function addOrderFreePairs(
  positions: Alternative[][],
  put: (term: string, w: number) => void,
  vocab: Vocabulary,
): void {
  const flat: { s: string; w: number }[] = [];
  for (const alts of positions.slice(0, 32))
    for (const a of alts) for (const s of a.syllables) flat.push({ s, w: a.weight });
  const found: { key: string; w: number; df: number }[] = [];
  for (let i = 0; i < flat.length; i++) {
    for (let j = 0; j < flat.length; j++) {
      const a = flat[i] as { s: string; w: number };
      const b = flat[j] as { s: string; w: number };
      if (i === j || a.s === b.s) continue;
      // The key is built only for the few pairs the base holds (issue 16, nineteenth session).
      const df = vocab.pairDf(a.s, b.s);
      if (df > 0) found.push({ key: pairKey(a.s, b.s), w: ORDER_FREE_PAIR * a.w * b.w, df });
    }
  }
  // The rarest pairs say most; a long query would otherwise bring hundreds of them.
  found.sort((x, y) => x.df - y.df);
  for (const p of found.slice(0, MAX_ORDER_FREE)) put(p.key, p.w);
}

function byFrequency(terms: string[], vocab: Vocabulary): string[] {
  return terms.sort((a, b) => vocab.df(b) - vocab.df(a));
}
