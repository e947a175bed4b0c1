import { canonicalSpelling } from "./abbreviations.js";
import { Accumulators } from "./accumulators.js";
import { syllables, termsOf } from "./normalize.js";
import { type PostingRange, PostingStore, packTf } from "./postings.js";
import {
  defaultIndexOptions,
  type FacetFilter,
  type Hit,
  type IndexImage,
  type IndexInput,
  type IndexOptions,
  type WeightedTerm,
} from "./search-index-types.js";
import { TermDictionary } from "./term-dictionary.js";
import { TopK } from "./top-k.js";
import { TypoIndex } from "./typo.js";

export * from "./search-index-types.js";

/**
 * The answer weight a rare single-syllable term is scored with: the options' raised by how little
 * the base uses the term in its questions (`answerBoost`, issue 16). The share is read from the
 * postings the term is scored from anyway (the question's frequency is the high byte).
 */
export function boostedAnswerWeight(
  options: IndexOptions,
  ranges: readonly PostingRange[],
  count: number,
  df: number,
): number {
  let inQuestion = 0;
  for (let r = 0; r < count; r++) {
    const { tfs, from, to } = ranges[r] as PostingRange;
    for (let i = from; i < to; i++) if ((tfs[i] as number) >>> 8 > 0) inQuestion++;
  }
  const share = df > 0 ? inQuestion / df : 1;
  return options.answerWeight + options.answerBoost * (1 - share);
}

/**
 * Candidates come from the rare terms. When those are only pairs (every word of the query frequent,
 * "trang tri tu co hay"), an entry holding every word in another order holds none of them and was
 * never scored (issue 16, twenty-third session): the rarest word is scored in full as well.
 */
function withRarestUnigram<T extends { df: number; unigram: boolean }>(rare: T[], frequent: T[]): [T[], T[]] {
  let best: T | undefined;
  for (const t of frequent) if (t.unigram && (best === undefined || t.df < best.df)) best = t;
  if (best === undefined) return [rare, frequent];
  return [[...rare, best], frequent.filter((t) => t !== best)];
}

/** How many candidates of the rarer terms the frequent ones are scored for. */
const CANDIDATES = 1000;

/** Postings logged before they are placed; a bulk load merges every this many. */
const LOG_LIMIT = 2_000_000;

/**
 * In-process BM25 index over folded syllables and adjacent syllable pairs (R-HA1). Pure; the
 * service feeds it rows from the database, which stays the source of truth.
 *
 * Why BM25: Postgres ts_rank has no inverse document frequency, so "covid" weighs as much as
 * "sinh non". Question and answer are scored as separate BM25 fields, each saturated on its own, and
 * the answer is weighted far below: a caller describes the question, and long answers mention
 * nearly every common word (measured on the validation split, see bench/kb-quality).
 */
export class SearchIndex<M> {
  private dict = new TermDictionary();
  private store = new PostingStore();
  typos = new TypoIndex();
  private readonly slotOf = new Map<string, number>();
  private keys: (string | null)[] = [];
  private metas: (M | null)[] = [];
  /**
   * Per slot, what `facetOf` (≥ 0) makes of its metadata, -1 once removed: facet filters read it
   * instead of the object (issue 16).
   */
  private facets = new Int32Array(1024);
  private lenQ = new Float32Array(1024);
  private lenA = new Float32Array(1024);
  private readonly acc = new Accumulators();
  private readonly pool = new TopK();
  private readonly top = new TopK();
  private candidates = new Int32Array(CANDIDATES);
  private records = new Int32Array(CANDIDATES);
  private readonly ranges: PostingRange[] = [];
  private sumQ = 0;
  private sumA = 0;
  private live = 0;
  private dead = 0;

  constructor(
    readonly options: IndexOptions = defaultIndexOptions,
    private readonly facetOf: (meta: M) => number = () => 0,
  ) {
    this.acc.ensureCapacity(this.lenQ.length);
  }

  get size(): number {
    return this.live;
  }

  /** Distinct terms and postings held, for the benchmark and the logs. */
  get stats(): { terms: number; postings: number; slots: number } {
    this.flush();
    return { terms: this.dict.size, postings: this.store.merged, slots: this.keys.length };
  }

  /** Number of live documents containing the term. Removed documents count until compaction. */
  df(term: string): number {
    this.flush();
    const id = this.dict.idOf(term);
    return id < 0 ? 0 : this.store.length(id);
  }

  /** `df(pairKey(a, b))` without building the key (the order-free pairs of query analysis). */
  pairDf(a: string, b: string): number {
    this.flush();
    const id = this.dict.idOfPair(a, b);
    return id < 0 ? 0 : this.store.length(id);
  }

  /** The single-syllable terms indexed (what the typo index is built from). */
  unigrams(): string[] {
    return this.dict.unigrams();
  }

  has(key: string): boolean {
    return this.slotOf.has(key);
  }

  /** The live documents' keys and metadata. */
  *entries(): IterableIterator<[string, M]> {
    for (const [key, slot] of this.slotOf) yield [key, this.metas[slot] as M];
  }

  /** Adds or replaces the document with this key. */
  upsert(input: IndexInput<M>): void {
    this.remove(input.key);
    const slot = this.keys.length;
    this.ensureCapacity(slot + 1);
    const qTokens = canonicalSpelling(syllables([input.question, ...(input.keywords ?? [])].join(" \n ")));
    // Only the head of the answer is indexed; cutting the text first saves folding what is dropped.
    const head = input.answer.slice(0, this.options.answerMaxSyllables * 12);
    const aTokens = canonicalSpelling(syllables(head)).slice(0, this.options.answerMaxSyllables);
    const counts = new Map<string, [number, number]>();
    for (const t of termsOf(qTokens)) {
      const c = counts.get(t);
      if (c) c[0]++;
      else counts.set(t, [1, 0]);
    }
    for (const t of termsOf(aTokens)) {
      const c = counts.get(t);
      if (c) c[1]++;
      else counts.set(t, [0, 1]);
    }
    for (const [term, [q, a]] of counts) {
      const before = this.dict.size;
      const id = this.dict.intern(term);
      if (id === before && !term.includes("_")) this.typos.add(term);
      this.store.add(id, slot, packTf(q, a));
    }
    if (this.store.waiting > LOG_LIMIT) this.store.flush(this.dict.size);
    this.keys.push(input.key);
    this.metas.push(input.meta);
    this.facets[slot] = this.facetOf(input.meta);
    this.slotOf.set(input.key, slot);
    this.lenQ[slot] = qTokens.length;
    this.lenA[slot] = aTokens.length;
    this.sumQ += qTokens.length;
    this.sumA += aTokens.length;
    this.live++;
  }

  remove(key: string): void {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    this.slotOf.delete(key);
    this.keys[slot] = null;
    this.metas[slot] = null;
    this.facets[slot] = -1;
    this.sumQ -= this.lenQ[slot] as number;
    this.sumA -= this.lenA[slot] as number;
    this.live--;
    this.dead++;
    // Postings of removed slots are skipped at query time; compact once they weigh on df.
    if (this.dead > 1000 && this.dead > this.live / 4) this.compact();
  }

  private compact(): void {
    this.store.merge(this.dict.size, (doc) => this.keys[doc] !== null);
    this.dead = 0;
  }

  private flush(): void {
    if (this.store.waiting > 0) this.store.flush(this.dict.size);
  }

  /**
   * BM25 over weighted query terms; `accept` filters on the document's metadata, or on its facet.
   * Terms found in many entries ("co", "khong") would dominate the time at 100,000 entries, so they
   * are scored in a second phase, only for the best candidates the rarer terms found, by galloping
   * search in their posting lists (kept sorted by slot). Below `commonDf` entries nothing changes.
   */
  search(
    terms: readonly WeightedTerm[] & { coordination?: number },
    limit: number,
    accept: ((meta: M) => boolean) | FacetFilter<M>,
  ): Hit<M>[] {
    this.flush();
    const n = this.live;
    if (n === 0 || terms.length === 0) return [];
    const common = Math.max(this.options.commonDf, n * 0.02);
    const resolved = terms.map((t) => {
      const id = this.dict.idOf(t.term);
      // Spelled out, not `{ ...t }`: copying by spread took ~6 % of a search (issue 16, tenth session).
      return { weight: t.weight, id, df: id < 0 ? 0 : this.store.length(id), unigram: !t.term.includes("_") };
    });
    let rare = resolved.filter((t) => t.df <= common);
    let frequent = resolved.filter((t) => t.df > common);
    if (rare.length === 0) [rare, frequent] = [frequent, []];
    else if (!rare.some((t) => t.unigram && t.df > 0)) [rare, frequent] = withRarestUnigram(rare, frequent);
    let totalUnigram = 0;
    for (const t of resolved) if (t.unigram) totalUnigram += t.weight;
    const { acc, ranges, options } = this;
    // The fields' average lengths, once per query rather than per posting (the same values).
    const avgQ = this.sumQ / this.live || 1;
    const avgA = this.sumA / this.live || 1;
    acc.prepare(options, { lenQ: this.lenQ, lenA: this.lenA, slots: this.keys.length }, avgQ, avgA);
    for (const t of rare) {
      if (t.df === 0) continue;
      const w = this.termWeight(t.weight, t.df);
      const count = this.store.ranges(t.id, ranges);
      // Pairs keep the plain weights: boosting them too lost on every set (measured, docs/kb.md).
      const answerWeight =
        options.answerBoost > 0 && t.unigram
          ? boostedAnswerWeight(options, ranges, count, t.df)
          : options.answerWeight;
      const scoring = { w, weight: t.weight, unigram: t.unigram, answerWeight };
      for (let r = 0; r < count; r++) acc.addAll(ranges[r] as PostingRange, scoring);
    }
    const { touched } = acc;
    const coordination = (terms.coordination ?? options.coordination) / (totalUnigram || 1);
    const { entryCoverage } = options;
    const finalScore = (d: number) => acc.finalScore(d, coordination, entryCoverage);
    const pool = this.pool.reset(frequent.length > 0 ? Math.max(limit, CANDIDATES) : limit);
    const { facets, metas } = this;
    const byFacet = typeof accept === "function" ? null : accept;
    for (let i = 0; i < acc.count; i++) {
      const d = touched[i] as number;
      const s = acc.finalScoreOfTouched(i, coordination, entryCoverage);
      if (!pool.wouldAccept(s)) continue;
      if (byFacet) {
        const f = facets[d] as number;
        if (f >= 0 && ((f & byFacet.mask) === byFacet.want || this.asked(byFacet, f, d))) pool.push(d, s);
        continue;
      }
      const meta = metas[d];
      if (meta !== null && meta !== undefined && (accept as (meta: M) => boolean)(meta)) pool.push(d, s);
    }
    let best = pool;
    if (frequent.length > 0) {
      const found = pool.sort();
      const ids = this.candidates.length >= found ? this.candidates : new Int32Array(found);
      this.candidates = ids;
      for (let i = 0; i < found; i++) ids[i] = pool.idAt(i);
      ids.subarray(0, found).sort();
      if (this.records.length < found) this.records = new Int32Array(found);
      const ats = this.records;
      acc.recordsOf(ids, found, ats);
      for (const t of frequent) {
        if (t.df === 0) continue;
        const w = this.termWeight(t.weight, t.df);
        // A frequent term's merged postings by bitmap when it has one, those changed since by look-up.
        const bitmap = this.store.bitmap(t.id, ranges);
        const scoring = { w, weight: t.weight, unigram: t.unigram, answerWeight: options.answerWeight };
        if (bitmap) acc.addBitmap(bitmap, ids, ats, found, scoring);
        const count = bitmap ? this.store.waitingRanges(t.id, ranges, 0) : this.store.ranges(t.id, ranges);
        for (let r = 0; r < count; r++)
          acc.addCandidates(ranges[r] as PostingRange, ids, ats, found, scoring);
      }
      best = this.top.reset(limit);
      for (let i = 0; i < found; i++) best.push(pool.idAt(i), finalScore(pool.idAt(i)));
    }
    const hits: Hit<M>[] = [];
    const count = best.sort();
    for (let i = 0; i < count; i++) {
      const id = best.idAt(i);
      hits.push({
        key: this.keys[id] as string,
        meta: this.metas[id] as M,
        score: best.scoreAt(i),
        coverage: totalUnigram > 0 ? Math.min(1, acc.coverageOf(id) / totalUnigram) : 0,
      });
    }
    acc.clear();
    return hits;
  }

  /** A facet the mask did not accept, decided by the metadata when the facet says to ask. */
  private asked(filter: FacetFilter<M>, facet: number, slot: number): boolean {
    if ((facet & filter.ask) === 0) return false;
    const meta = this.metas[slot];
    return meta !== null && meta !== undefined && filter.meta(meta);
  }

  private termWeight(weight: number, df: number): number {
    const idf = Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
    return weight * idf * (this.options.k1 + 1);
  }

  /** The whole index as plain arrays, waiting changes merged first (issue 16: the snapshot). */
  toImage(encodeMeta: (meta: M) => unknown): IndexImage {
    const terms = this.dict.export();
    const postings = this.store.export(this.dict.size);
    const slots = this.keys.length;
    return {
      options: this.options,
      live: this.live,
      dead: this.dead,
      sumQ: this.sumQ,
      sumA: this.sumA,
      termBlob: terms.blob,
      termOffsets: terms.offsets,
      postingOffsets: postings.offsets,
      postingBlocks: postings.blocks,
      docs: postings.docs,
      tfs: postings.tfs,
      lenQ: this.lenQ.subarray(0, slots),
      lenA: this.lenA.subarray(0, slots),
      keys: this.keys,
      metas: this.metas.map((m) => (m === null ? null : encodeMeta(m))),
    };
  }

  /** An index from an image; throws when its parts do not fit together (a corrupt snapshot). */
  static fromImage<M>(
    image: IndexImage,
    decodeMeta: (raw: unknown) => M,
    facetOf?: (meta: M) => number,
  ): SearchIndex<M> {
    const index = new SearchIndex<M>(image.options, facetOf);
    const slots = image.keys.length;
    if (image.metas.length !== slots || image.lenQ.length !== slots || image.lenA.length !== slots)
      throw new Error("index image: slot arrays differ in length");
    index.dict = TermDictionary.import(image.termBlob, image.termOffsets);
    index.store = PostingStore.import(
      { offsets: image.postingOffsets, blocks: image.postingBlocks, docs: image.docs, tfs: image.tfs },
      index.dict.size,
      slots,
    );
    index.ensureCapacity(slots);
    index.lenQ.set(image.lenQ);
    index.lenA.set(image.lenA);
    let live = 0;
    image.keys.forEach((key, slot) => {
      index.keys.push(key);
      const raw = image.metas[slot];
      if (key === null || raw === null || raw === undefined) {
        index.metas.push(null);
        index.facets[slot] = -1;
        return;
      }
      const meta = decodeMeta(raw);
      index.metas.push(meta);
      index.facets[slot] = index.facetOf(meta);
      index.slotOf.set(key, slot);
      live++;
    });
    if (live !== image.live) throw new Error("index image: live count differs");
    index.live = live;
    index.dead = image.dead;
    index.sumQ = image.sumQ;
    index.sumA = image.sumA;
    for (const term of index.dict.unigrams()) index.typos.add(term);
    return index;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.lenQ.length) return;
    const cap = Math.max(size, this.lenQ.length * 2);
    const grow = (from: Float32Array) => {
      const to = new Float32Array(cap);
      to.set(from);
      return to;
    };
    this.lenQ = grow(this.lenQ);
    this.lenA = grow(this.lenA);
    const facets = new Int32Array(cap);
    facets.set(this.facets);
    this.facets = facets;
    this.acc.ensureCapacity(cap);
  }
}
