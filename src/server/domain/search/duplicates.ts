import { canonicalSpelling } from "./abbreviations.js";
import { syllables } from "./normalize.js";
import { analyzeQuery } from "./query.js";
import { defaultIndexOptions, type IndexOptions, SearchIndex } from "./search-index.js";

/**
 * Issue 19: which earlier requests ask the same thing as a new one. The Q&A search's machinery
 * (folding, abbreviations, regional words, typo tolerance, syllable pairs, BM25 with coordination)
 * over request contents, with one change: the score is divided by the score the new text would get
 * against itself, so it reads as a share in [0, 1] and one threshold works for short and long texts.
 */

/** Requests are one field of text (no answer): the Q&A index options with the answer field unused. */
const requestIndexOptions: IndexOptions = {
  k1: 1.2,
  questionWeight: 1,
  answerWeight: 0,
  bQuestion: 0.5,
  bAnswer: 0.75,
  answerMaxSyllables: 0,
  // No answer field, so nothing to shift weight to (issue 16, sixth round).
  answerBoost: 0,
  coordination: 2,
  // Off: the score is read as a share of the text's score against itself (issue 16's ranking factor
  // for Q&A entries would move that scale, and the threshold was measured without it).
  entryCoverage: 0,
  commonDf: 1000,
  spellings: defaultIndexOptions.spellings,
};

/**
 * The query's terms without the syllable pairs: a paraphrase shares words, rarely their order, and
 * pairs made a text's score against itself (the scale) far above any paraphrase's (measured on
 * bench/duplicates: F1 0.81 with pairs, 0.83 without). Typo, abbreviation and regional alternatives
 * stay.
 */
const analyze = (text: string, vocab: Parameters<typeof analyzeQuery>[1]) =>
  analyzeQuery(text, vocab).filter((t) => !t.term.includes("_"));

/**
 * The share at or above which a request is suggested as a duplicate; measured on
 * bench/duplicates/pairs.jsonl (`npm run bench:duplicates` prints precision and recall at it).
 */
export const DUPLICATE_THRESHOLD = 0.3;

const SELF = "\u0000self";

/**
 * Both directions count: a short message repeating a long one covers little of it, but the long one
 * covers all of it. The larger share is the similarity (bench/duplicates: recall on long/short
 * pairs 0 → most, for a few more false suggestions).
 */
const combine = (forward: number, back: number) => Math.max(forward, back);

export interface DuplicateHit<M> {
  key: string;
  meta: M;
  /** Similarity share in [0, 1]: the candidate's score over the text's score against itself. */
  score: number;
}

/** The index's metadata: a candidate, or the text being compared (indexed for the call only). */
type Doc<M> = { self: false; key: string; text: string; meta: M } | { self: true };

export class DuplicateFinder<M> {
  private readonly index = new SearchIndex<Doc<M>>(requestIndexOptions);

  /** `documents` are the candidates and the background that gives words their weight (idf). */
  constructor(documents: Iterable<{ key: string; text: string; meta: M }>) {
    for (const d of documents)
      this.index.upsert({
        key: d.key,
        question: d.text,
        answer: "",
        meta: { self: false, key: d.key, text: d.text, meta: d.meta },
      });
  }

  /** The share of `text` (a candidate, key `own`) the indexed SELF text matches, on text's own scale. */
  private share(text: string, own: string): number {
    const terms = analyze(text, this.index);
    const hits = this.index.search(terms, 1, (d) => !d.self && d.key === own);
    const scale = hits[0]?.score ?? 0;
    if (scale <= 0) return 0;
    const [self] = this.index.search(terms, 1, (d) => d.self);
    return Math.min(1, (self?.score ?? 0) / scale);
  }

  get size(): number {
    return this.index.size;
  }

  /**
   * The candidates `accept` lets through whose share is at least `minScore`, best first. The text
   * is indexed for the duration of the call so that its own score is the scale.
   */
  similar(
    text: string,
    accept: (meta: M, key: string) => boolean,
    options: { limit: number; minScore: number; exclude?: string },
  ): DuplicateHit<M>[] {
    if (text.trim() === "") return [];
    this.index.upsert({ key: SELF, question: text, answer: "", meta: { self: true } });
    try {
      const terms = analyze(text, this.index);
      const [self] = this.index.search(terms, 1, (d) => d.self);
      const scale = self?.score ?? 0;
      if (scale <= 0) return [];
      const hits = this.index.search(
        terms,
        Math.max(options.limit * 4, 20),
        (d) => !d.self && d.key !== options.exclude && accept(d.meta, d.key),
      );
      const found: DuplicateHit<M>[] = [];
      for (const h of hits) {
        if (h.meta.self) continue;
        const forward = Math.min(1, h.score / scale);
        // The other way round: how much of the candidate the text covers, on the candidate's scale.
        const back = this.share(h.meta.text, h.key);
        const score = combine(forward, back);
        if (score >= options.minScore) found.push({ key: h.key, meta: h.meta.meta, score });
      }
      return found.sort((a, b) => b.score - a.score).slice(0, options.limit);
    } finally {
      this.index.remove(SELF);
    }
  }
}

/**
 * Whether `text` contains every syllable of one of the phrases (folded: no diacritics, the usual
 * spellings), in any order: how a mass event's keywords ("lich tiem soi", "vỡ đê") pick out the
 * requests about it, however they are typed.
 */
export function mentionsAnyPhrase(text: string, phrases: readonly string[]): boolean {
  const words = new Set(canonicalSpelling(syllables(text)));
  return phrases.some((p) => {
    const needed = canonicalSpelling(syllables(p));
    return needed.length > 0 && needed.every((w) => words.has(w));
  });
}
