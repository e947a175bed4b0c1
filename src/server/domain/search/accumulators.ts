import { popcount, type SlotBitmap } from "./bitmaps.js";
import { BLOCK, type PostingRange, seek } from "./postings.js";
import type { IndexOptions } from "./search-index-types.js";

/**
 * What a search adds up per document, in typed arrays owned by the index and reused by every
 * search (issue 16): BM25 score, the query's unigram weight found in the question (coverage) and
 * that weight times its frequency there (held). Only the touched slots are cleared afterwards.
 *
 * The arithmetic is the one of search-index.ts before, operation for operation, so scores are the
 * same to the last bit: the length normalisation `1 − b + b × len / avg` is computed once per
 * document and index state instead of once per posting, which gives the same double.
 */
export class Accumulators {
  /**
   * Per slot, one record of `STRIDE` doubles: score, coverage, held, then the slot's length
   * normalisations and its question length (at least 1), so a posting touches one or two cache lines
   * instead of one per array (issue 16, ninth session).
   */
  private rec = new Float64Array(0);
  touched = new Int32Array(0);
  count = 0;
  private normsFor = { avgQ: 0, avgA: 0, slots: -1 };

  ensureCapacity(cap: number): void {
    if (this.touched.length >= cap) return;
    this.rec = new Float64Array(cap * STRIDE);
    this.touched = new Int32Array(cap);
    this.normsFor.slots = -1;
  }

  /**
   * The fields' length normalisation per slot, recomputed when a slot was added or the averages
   * changed (a slot's lengths never change: an edit takes a new slot).
   */
  prepare(
    o: IndexOptions,
    lens: { lenQ: Float32Array; lenA: Float32Array; slots: number },
    avgQ: number,
    avgA: number,
  ): void {
    const f = this.normsFor;
    if (f.avgQ === avgQ && f.avgA === avgA && f.slots === lens.slots) return;
    const { lenQ, lenA, slots } = lens;
    const { rec } = this;
    const { bQuestion, bAnswer } = o;
    for (let d = 0; d < slots; d++) {
      const at = d * STRIDE;
      rec[at + NORM_Q] = 1 - bQuestion + (bQuestion * (lenQ[d] as number)) / avgQ;
      rec[at + NORM_A] = 1 - bAnswer + (bAnswer * (lenA[d] as number)) / avgA;
      rec[at + LEN_Q] = (lenQ[d] as number) || 1;
    }
    this.normsFor = { avgQ, avgA, slots };
  }

  /** Question and answer scored as separate saturated BM25 fields, the answer weighted far below. */
  private fieldScore(o: IndexOptions, packed: number, at: number): number {
    const tq = packed >>> 8;
    const ta = packed & 0xff;
    let s = 0;
    if (tq > 0) {
      const tf = tq / (this.rec[at + NORM_Q] as number);
      s += (o.questionWeight * tf) / (o.k1 + tf);
    }
    if (ta > 0) {
      const tf = ta / (this.rec[at + NORM_A] as number);
      s += (o.answerWeight * tf) / (o.k1 + tf);
    }
    return s;
  }

  private add(o: IndexOptions, d: number, tf: number, w: number, weight: number, unigram: boolean): void {
    const { rec } = this;
    const at = d * STRIDE;
    rec[at + SCORE] = (rec[at + SCORE] as number) + w * this.fieldScore(o, tf, at);
    const tq = tf >>> 8;
    if (unigram && tq > 0) {
      rec[at + COVERAGE] = (rec[at + COVERAGE] as number) + weight;
      rec[at + HELD] = (rec[at + HELD] as number) + weight * tq;
    }
  }

  /** Every posting of the range, slots touched for the first time remembered. */
  addAll(o: IndexOptions, r: PostingRange, w: number, weight: number, unigram: boolean): void {
    const { base, docs, tfs, from, to } = r;
    const { rec, touched } = this;
    for (let i = from; i < to; i++) {
      const d = base + (docs[i] as number);
      if (rec[d * STRIDE + SCORE] === 0) touched[this.count++] = d;
      this.add(o, d, tfs[i] as number, w, weight, unigram);
    }
  }

  /**
   * The score with the coordination factor (share of the query's unigram weight found in the
   * question) and the entry-coverage factor (share of the question the query holds).
   */
  finalScore(d: number, coordination: number, entryCoverage: number): number {
    const { rec } = this;
    const at = d * STRIDE;
    return (
      (rec[at + SCORE] as number) *
      (1 + coordination * (rec[at + COVERAGE] as number)) *
      (1 + entryCoverage * Math.min(1, (rec[at + HELD] as number) / (rec[at + LEN_Q] as number)))
    );
  }

  /** The query's unigram weight found in the slot's question. */
  coverageOf(d: number): number {
    return this.rec[d * STRIDE + COVERAGE] as number;
  }

  /** The candidates' postings (`ids`, sorted slots) of a frequent term's merged lists, by bitmap. */
  addBitmap(o: IndexOptions, b: SlotBitmap, ids: Int32Array, n: number, t: TermScoring): void {
    const { bits, rank, starts, tfs } = b;
    const { w, weight, unigram } = t;
    const words = bits.length;
    for (let j = 0; j < n; j++) {
      const d = ids[j] as number;
      const word = d >>> 5;
      if (word >= words) return;
      const x = bits[word] as number;
      const bit = d & 31;
      if (((x >>> bit) & 1) === 0) continue;
      const i = (starts[d >>> 16] as number) + (rank[word] as number) + popcount(x & ((1 << bit) - 1));
      this.add(o, d, tfs[i] as number, w, weight, unigram);
    }
  }

  /**
   * The range's postings of the candidates only (`ids`, sorted slots): a merge when the list is
   * not much longer than the candidates, else a galloping search per candidate. Either finds the
   * same postings in the same order.
   */
  addCandidates(
    o: IndexOptions,
    r: PostingRange,
    ids: Int32Array,
    n: number,
    w: number,
    weight: number,
    unigram: boolean,
  ): void {
    const { base, docs, tfs, to } = r;
    let j = 0;
    while (j < n && (ids[j] as number) < base) j++;
    let end = j;
    while (end < n && (ids[end] as number) < base + BLOCK) end++;
    let from = r.from;
    const merge = to - from <= MERGE_RATIO * (end - j);
    for (; j < end; j++) {
      const d = ids[j] as number;
      const low = d - base;
      let i = from;
      if (merge) while (i < to && (docs[i] as number) < low) i++;
      else i = seek(docs, low, from, to);
      if (i >= to) return;
      from = i;
      if (docs[i] === low) this.add(o, d, tfs[i] as number, w, weight, unigram);
    }
  }

  /** Clears what the last search touched. */
  clear(): void {
    const { rec, touched } = this;
    for (let i = 0; i < this.count; i++) {
      const at = (touched[i] as number) * STRIDE;
      rec[at + SCORE] = 0;
      rec[at + COVERAGE] = 0;
      rec[at + HELD] = 0;
    }
    this.count = 0;
  }
}

/** Postings per candidate below which stepping through the list beats a galloping search. */
const MERGE_RATIO = 16;
/** A slot's record: where each value sits, and its length (8 doubles, a cache line). */
const [SCORE, COVERAGE, HELD, NORM_Q, NORM_A, LEN_Q, STRIDE] = [0, 1, 2, 3, 4, 5, 8];

/** What one term adds: its BM25 weight (idf included), its query weight, whether it is one syllable. */
export interface TermScoring {
  w: number;
  weight: number;
  unigram: boolean;
}
