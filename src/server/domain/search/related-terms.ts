/**
 * Related terms learned from the Q&A base itself (issue 16): which question words go with a word,
 * counted over the entries. A word a caller uses (in a question or an answer of the base) is
 * associated with the words the base's questions use beside it: "hư thai" is in answers to
 * questions that say "sảy thai", "trụ sinh" in answers to questions about "kháng sinh". Query
 * analysis adds a term's related terms with a weight below 1 (query.ts), never counted as matched.
 *
 * Pure; built from the index's postings in a few passes over typed arrays, and kept as three
 * arrays: for each source term a range of (target term, strength 1–255).
 */

/** What the learning reads from the index: its terms and the postings of its live documents. */
export interface PostingSource {
  /** Term ids are 0 … terms − 1. */
  readonly terms: number;
  readonly slots: number;
  termOf(id: number): string;
  /** Calls `visit` for each live document holding the term, with its counts in question and answer. */
  postings(id: number, visit: (doc: number, tfQuestion: number, tfAnswer: number) => void): void;
}

export interface RelatedOptions {
  /** Terms in more than this share of the entries say nothing about a topic: neither side. */
  maxShare: number;
  /** A pair must be seen together in at least this many entries. */
  minCount: number;
  /** Related terms kept per term. */
  perTerm: number;
  /** Documents of a frequent source read to count (its first ones by slot): bounds the build time. */
  sample: number;
  /** Association (Dice, 0–1) below which a target is not kept. */
  minScore: number;
  /** Seen together at least this many times more often than chance. */
  minLift: number;
  /** "dice" or "confidence" (the share of the source's entries whose question holds the target). */
  measure: "dice" | "confidence";
}

export const defaultRelatedOptions: RelatedOptions = {
  maxShare: 0.05,
  minCount: 2,
  perTerm: 4,
  sample: 256,
  minScore: 0.1,
  minLift: 4,
  measure: "dice",
};

export interface Related {
  id: number;
  /** Association 0–1 (Dice coefficient of the two terms' entries, estimated). */
  score: number;
}

export class RelatedTerms {
  private constructor(
    private readonly offsets: Uint32Array,
    private readonly targets: Uint32Array,
    private readonly strengths: Uint8Array,
  ) {}

  static readonly empty = new RelatedTerms(new Uint32Array(1), new Uint32Array(0), new Uint8Array(0));

  /** The terms related to a term id, strongest first. */
  of(id: number): Related[] {
    if (id < 0 || id + 1 >= this.offsets.length) return [];
    const out: Related[] = [];
    for (let i = this.offsets[id] as number; i < (this.offsets[id + 1] as number); i++)
      out.push({ id: this.targets[i] as number, score: (this.strengths[i] as number) / 255 });
    return out;
  }

  /** Bytes held, for the memory figures. */
  get bytes(): number {
    return this.offsets.byteLength + this.targets.byteLength + this.strengths.byteLength;
  }

  get size(): number {
    return this.targets.length;
  }

  static learn(src: PostingSource, options: RelatedOptions = defaultRelatedOptions): RelatedTerms {
    const { terms, slots } = src;
    // Pass 1: in how many live entries each term is, in the question and anywhere.
    const dfQuestion = new Uint32Array(terms);
    const dfAny = new Uint32Array(terms);
    let live = 0;
    const seen = new Uint8Array(slots);
    for (let id = 0; id < terms; id++) {
      src.postings(id, (doc, tq) => {
        dfAny[id] = (dfAny[id] as number) + 1;
        if (tq > 0) dfQuestion[id] = (dfQuestion[id] as number) + 1;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          live++;
        }
      });
    }
    if (live === 0) return RelatedTerms.empty;
    const cap = Math.max(options.minCount, live * options.maxShare);
    const isTarget = (id: number) =>
      (dfQuestion[id] as number) >= options.minCount && (dfQuestion[id] as number) <= cap;
    // Pass 2: each entry's question terms that can be targets, as one array cut by slot.
    const start = new Uint32Array(slots + 1);
    for (let id = 0; id < terms; id++)
      if (isTarget(id))
        src.postings(id, (doc, tq) => {
          if (tq > 0) start[doc + 1] = (start[doc + 1] as number) + 1;
        });
    for (let d = 0; d < slots; d++) start[d + 1] = (start[d + 1] as number) + (start[d] as number);
    const forward = new Uint32Array(start[slots] as number);
    const fill = start.slice(0, slots);
    for (let id = 0; id < terms; id++)
      if (isTarget(id))
        src.postings(id, (doc, tq) => {
          if (tq <= 0) return;
          const at = fill[doc] as number;
          forward[at] = id;
          fill[doc] = at + 1;
        });
    // Pass 3: for each source term, the targets in the questions of its entries.
    const count = new Uint32Array(terms);
    const touched: number[] = [];
    const offsets = new Uint32Array(terms + 1);
    const targets: number[] = [];
    const strengths: number[] = [];
    const docs: number[] = [];
    for (let id = 0; id < terms; id++) {
      offsets[id] = targets.length;
      const df = dfAny[id] as number;
      if (df < options.minCount || df > cap) continue;
      docs.length = 0;
      src.postings(id, (doc) => {
        if (docs.length < options.sample) docs.push(doc);
      });
      for (const doc of docs)
        for (let i = start[doc] as number; i < (start[doc + 1] as number); i++) {
          const t = forward[i] as number;
          if (t === id) continue;
          if (count[t] === 0) touched.push(t);
          count[t] = (count[t] as number) + 1;
        }
      const scale = df / docs.length;
      const best: Related[] = [];
      // A target inside the source or holding it ("nguon_goc" → "goc", "thai" → "say_thai") adds nothing.
      let own: string[] | null = null;
      const nested = (t: number) => {
        own ??= src.termOf(id).split("_");
        const other = src.termOf(t).split("_");
        return other.every((x) => own?.includes(x)) || own.every((x) => other.includes(x));
      };
      for (const t of touched) {
        const together = (count[t] as number) * scale;
        count[t] = 0;
        if (together < options.minCount) continue;
        const dq = dfQuestion[t] as number;
        if ((together * live) / (df * dq) < options.minLift) continue;
        const score = options.measure === "dice" ? (2 * together) / (df + dq) : together / df;
        if (score >= options.minScore && !nested(t)) best.push({ id: t, score: Math.min(1, score) });
      }
      touched.length = 0;
      best.sort((a, b) => b.score - a.score);
      for (const r of best.slice(0, options.perTerm)) {
        targets.push(r.id);
        strengths.push(Math.max(1, Math.round(r.score * 255)));
      }
    }
    offsets[terms] = targets.length;
    return new RelatedTerms(offsets, Uint32Array.from(targets), Uint8Array.from(strengths));
  }
}
