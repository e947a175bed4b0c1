/** The shapes of the in-process index (search-index.ts): its options, inputs, hits and snapshot image. */

export interface IndexOptions {
  k1: number;
  /** Weight of a term in the question (and keywords) against one in the answer. */
  questionWeight: number;
  answerWeight: number;
  bQuestion: number;
  bAnswer: number;
  /** Answers are long; indexing only their first syllables bounds memory at 100,000 entries. */
  answerMaxSyllables: number;
  /**
   * Coordination: a score is multiplied by 1 + c × (share of the query's syllables found in the
   * question), so an entry matching most of a short query beats one matching a rare word many times.
   */
  coordination: number;
  /**
   * The other way round: × 1 + r × (share of the entry question's syllables the query holds), so a
   * long message finds the short entry that states its question rather than a long story sharing
   * its chatter (issue 16).
   */
  entryCoverage: number;
  /** Terms in more entries than this (or 2 % of them) are scored only for the best candidates. */
  commonDf: number;
  /**
   * Version of the spellings folded when indexing (abbreviations.ts). Part of the options so a
   * snapshot indexed with other spellings is rebuilt once (issue 16, fifth round: "chích" → "tiêm").
   */
  spellings: number;
  /**
   * A single-syllable term the base mostly writes in its answers, not its questions, is a caller's
   * word the questions do not use, so the answers are the evidence: its answer weight is raised by
   * `answerBoost × (1 − share of its entries holding it in the question)` (issue 16, sixth round).
   */
  answerBoost: number;
}

export const defaultIndexOptions: IndexOptions = {
  k1: 1.2,
  questionWeight: 1,
  answerWeight: 0.05,
  bQuestion: 0.75,
  bAnswer: 0.75,
  answerMaxSyllables: 120,
  coordination: 2,
  entryCoverage: 1.5,
  commonDf: 1000,
  spellings: 2,
  answerBoost: 1,
};

export interface IndexInput<M> {
  key: string;
  question: string;
  answer: string;
  keywords?: readonly string[];
  meta: M;
}

/**
 * A search's filter on the entries' facets (the ints `facetOf` gives their metadata): an entry is
 * accepted when `(facet & mask) === want`; when not and its facet has a bit of `ask`, `meta` decides.
 */
export interface FacetFilter<M> {
  mask: number;
  want: number;
  ask: number;
  meta: (meta: M) => boolean;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * What query analysis hands the index: the weighted terms, and for a long message (a story around
 * the question, issue 16) a coordination to use instead of the index's own.
 */
export type AnalyzedQuery = WeightedTerm[] & {
  coordination?: number;
  /**
   * The syllables a snippet may mark: those typed, and what stands for an abbreviation, a colloquial
   * word or an unknown syllable — not a guess that replaced a known syllable ("vùng" → "ủng").
   */
  shown?: ReadonlySet<string>;
  /**
   * Of `shown`, those that spell a syllable typed — the syllable itself, or a correction of it — by
   * the folded syllable typed; a snippet keeps the marks it was typed with (snippet.ts `marksOf`).
   */
  spelled?: ReadonlyMap<string, ReadonlySet<string>>;
};

export interface Hit<M> {
  key: string;
  meta: M;
  score: number;
  /** Share of the query's single-syllable weight found in the entry's question (0–1). */
  coverage: number;
}

/** Everything a snapshot of the index holds (issue 16); `metas` as the caller encoded them. */
export interface IndexImage {
  options: IndexOptions;
  live: number;
  dead: number;
  sumQ: number;
  sumA: number;
  termBlob: Uint8Array;
  termOffsets: Uint32Array;
  postingOffsets: Uint32Array;
  /** Slots are cut into blocks of 65,536; `postingOffsets` has one offset per term and block. */
  postingBlocks: number;
  /** A posting's slot, less its block's first slot. */
  docs: Uint16Array;
  tfs: Uint16Array;
  lenQ: Float32Array;
  lenA: Float32Array;
  keys: (string | null)[];
  metas: unknown[];
}
