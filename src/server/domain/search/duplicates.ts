import { analyzeQuery } from "./query.js";
import { type IndexOptions, SearchIndex } from "./search-index.js";

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
  coordination: 2,
  commonDf: 1000,
};

/**
 * The share at or above which a request is suggested as a duplicate; measured on
 * bench/duplicates/pairs.jsonl (`npm run bench:duplicates` prints precision and recall at it).
 */
export const DUPLICATE_THRESHOLD = 0.4;

const SELF = "\u0000self";

export interface DuplicateHit<M> {
  key: string;
  meta: M;
  /** Similarity share in [0, 1]: the candidate's score over the text's score against itself. */
  score: number;
}

/** The index's metadata: a candidate, or the text being compared (indexed for the call only). */
type Doc<M> = { self: false; key: string; meta: M } | { self: true };

export class DuplicateFinder<M> {
  private readonly index = new SearchIndex<Doc<M>>(requestIndexOptions);

  /** `documents` are the candidates and the background that gives words their weight (idf). */
  constructor(documents: Iterable<{ key: string; text: string; meta: M }>) {
    for (const d of documents)
      this.index.upsert({
        key: d.key,
        question: d.text,
        answer: "",
        meta: { self: false, key: d.key, meta: d.meta },
      });
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
      const terms = analyzeQuery(text, this.index);
      const [self] = this.index.search(terms, 1, (d) => d.self);
      const scale = self?.score ?? 0;
      if (scale <= 0) return [];
      const hits = this.index.search(
        terms,
        options.limit,
        (d) => !d.self && d.key !== options.exclude && accept(d.meta, d.key),
      );
      const found: DuplicateHit<M>[] = [];
      for (const h of hits) {
        const score = Math.min(1, h.score / scale);
        if (!h.meta.self && score >= options.minScore) found.push({ key: h.key, meta: h.meta.meta, score });
      }
      return found;
    } finally {
      this.index.remove(SELF);
    }
  }
}
