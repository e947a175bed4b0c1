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
  scores = new Float64Array(0);
  coverage = new Float64Array(0);
  held = new Float64Array(0);
  touched = new Int32Array(0);
  count = 0;
  private normQ = new Float64Array(0);
  private normA = new Float64Array(0);
  private normsFor = { avgQ: 0, avgA: 0, slots: -1 };

  ensureCapacity(cap: number): void {
    if (this.scores.length >= cap) return;
    this.scores = new Float64Array(cap);
    this.coverage = new Float64Array(cap);
    this.held = new Float64Array(cap);
    this.touched = new Int32Array(cap);
    this.normQ = new Float64Array(cap);
    this.normA = new Float64Array(cap);
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
    const { normQ, normA } = this;
    const { bQuestion, bAnswer } = o;
    for (let d = 0; d < slots; d++) {
      normQ[d] = 1 - bQuestion + (bQuestion * (lenQ[d] as number)) / avgQ;
      normA[d] = 1 - bAnswer + (bAnswer * (lenA[d] as number)) / avgA;
    }
    this.normsFor = { avgQ, avgA, slots };
  }

  /** Question and answer scored as separate saturated BM25 fields, the answer weighted far below. */
  private fieldScore(o: IndexOptions, packed: number, d: number): number {
    const tq = packed >>> 8;
    const ta = packed & 0xff;
    let s = 0;
    if (tq > 0) {
      const tf = tq / (this.normQ[d] as number);
      s += (o.questionWeight * tf) / (o.k1 + tf);
    }
    if (ta > 0) {
      const tf = ta / (this.normA[d] as number);
      s += (o.answerWeight * tf) / (o.k1 + tf);
    }
    return s;
  }

  private add(o: IndexOptions, d: number, tf: number, w: number, weight: number, unigram: boolean): void {
    const { scores, coverage, held } = this;
    scores[d] = (scores[d] as number) + w * this.fieldScore(o, tf, d);
    const tq = tf >>> 8;
    if (unigram && tq > 0) {
      coverage[d] = (coverage[d] as number) + weight;
      held[d] = (held[d] as number) + weight * tq;
    }
  }

  /** Every posting of the range, slots touched for the first time remembered. */
  addAll(o: IndexOptions, r: PostingRange, w: number, weight: number, unigram: boolean): void {
    const { base, docs, tfs, from, to } = r;
    const { scores, touched } = this;
    for (let i = from; i < to; i++) {
      const d = base + (docs[i] as number);
      if (scores[d] === 0) touched[this.count++] = d;
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
    const { scores, coverage, held, touched } = this;
    for (let i = 0; i < this.count; i++) {
      const d = touched[i] as number;
      scores[d] = 0;
      coverage[d] = 0;
      held[d] = 0;
    }
    this.count = 0;
  }
}

/** Postings per candidate below which stepping through the list beats a galloping search. */
const MERGE_RATIO = 16;
