import { popcount, type SlotBitmap } from "./bitmaps.js";
import { BLOCK, type PostingRange, seek } from "./postings.js";
import type { IndexOptions } from "./search-index-types.js";

/**
 * What a search adds up per document, in typed arrays owned by the index and reused by every
 * search (issue 16): BM25 score, the query's unigram weight found in the question (coverage) and
 * that weight times its frequency there (held), kept for the slots a search touches only.
 *
 * The arithmetic is the one of search-index.ts before, operation for operation, so scores are the
 * same to the last bit: the length normalisation `1 − b + b × len / avg` is computed once per
 * document and index state instead of once per posting, which gives the same double.
 */
export class Accumulators {
  /**
   * Per slot two ints: the number of its record when this search touched it (valid when `touched`
   * names the slot back: a sparse set, so nothing is cleared), and its lengths as one key,
   * `lenQ × (longest answer + 1) + lenA` (−1 when the lengths do not fit one), side by side so a
   * slot touched for the first time costs one cache line of 800 KB at 100,000 slots.
   */
  private slots = new Int32Array(0);
  /**
   * The length normalisation `1 − b + b × len / avg` of every question and answer length up to the
   * longest: a slot's is its length's, the same double as computed for the slot itself.
   */
  private normQ = new Float64Array(0);
  private normA = new Float64Array(0);
  private widthA = 1;
  private lens: { lenQ: Float32Array; lenA: Float32Array } = {
    lenQ: new Float32Array(0),
    lenA: new Float32Array(0),
  };
  private avg = { q: 1, a: 1, bQ: 0, bA: 0 };
  /**
   * The options' BM25 constants, held here rather than read from an options object per posting: the
   * rare terms are scored with two shapes of options (plain and answer-boosted), and reading a number
   * from either shape in the posting loop boxed it — ~16,000 heap numbers, ~250 KB a search at
   * 100,000 entries (issue 16, seventeenth session). The same doubles, read once.
   */
  private k1 = 0;
  private questionWeight = 0;
  /**
   * Per touched slot, in the order first touched, one record of `STRIDE` doubles: score, coverage,
   * held, then the slot's normalisations (issue 16, tenth session: records of the touched slots side
   * by side instead of one per slot of the index, so filling the pool reads them in a row and
   * nothing is cleared slot by slot; a search touches ~9,400 of 100,000 slots).
   */
  private rec = new Float64Array(0);
  /** The slots touched, in the order first touched: record k is slot `touched[k]`. */
  touched = new Int32Array(0);
  count = 0;
  private normsFor = { avgQ: 0, avgA: 0, slots: -1 };

  ensureCapacity(cap: number): void {
    if (this.touched.length >= cap) return;
    this.slots = new Int32Array(cap * 2);
    this.touched = new Int32Array(cap);
    this.normsFor.slots = -1;
  }

  /**
   * The fields' length normalisations, recomputed when a slot was added or the averages changed (a
   * slot's lengths never change: an edit takes a new slot).
   */
  prepare(
    o: IndexOptions,
    lens: { lenQ: Float32Array; lenA: Float32Array; slots: number },
    avgQ: number,
    avgA: number,
  ): void {
    this.k1 = o.k1;
    this.questionWeight = o.questionWeight;
    const f = this.normsFor;
    if (f.avgQ === avgQ && f.avgA === avgA && f.slots === lens.slots) return;
    const { lenQ, lenA, slots } = lens;
    this.lens = lens;
    this.avg = { q: avgQ, a: avgA, bQ: o.bQuestion, bA: o.bAnswer };
    let maxQ = 0;
    let maxA = 0;
    let whole = true;
    for (let d = 0; d < slots; d++) {
      const q = lenQ[d] as number;
      const a = lenA[d] as number;
      if (!Number.isInteger(q) || !Number.isInteger(a) || q < 0 || a < 0) whole = false;
      else {
        if (q > maxQ) maxQ = q;
        if (a > maxA) maxA = a;
      }
    }
    const widthA = maxA + 1;
    const fits = whole && (maxQ + 1) * widthA <= 0x7fffffff;
    this.normQ = new Float64Array(fits ? maxQ + 1 : 0);
    this.normA = new Float64Array(fits ? widthA : 0);
    for (let len = 0; len < this.normQ.length; len++) this.normQ[len] = this.normOf(len, true);
    for (let len = 0; len < this.normA.length; len++) this.normA[len] = this.normOf(len, false);
    this.widthA = widthA;
    const info = this.slots;
    for (let d = 0; d < slots; d++)
      info[2 * d + 1] = fits ? (lenQ[d] as number) * widthA + (lenA[d] as number) : -1;
    this.normsFor = { avgQ, avgA, slots };
  }

  /** `1 − b + b × len / avg` of the question or the answer, as computed per slot before. */
  private normOf(len: number, question: boolean): number {
    const { q, a, bQ, bA } = this.avg;
    return question ? 1 - bQ + (bQ * len) / q : 1 - bA + (bA * len) / a;
  }

  /** Where the slot's record starts, or -1 when this search has not touched it. */
  private recordOf(d: number): number {
    const k = this.slots[2 * d] as number;
    return k < this.count && this.touched[k] === d ? k * STRIDE : -1;
  }

  /** A record for a slot touched for the first time: zero sums, its normalisations. */
  private touch(d: number): number {
    const k = this.count++;
    let { rec } = this;
    if ((k + 1) * STRIDE > rec.length) {
      rec = new Float64Array(Math.max(4096, (k + 1) * 2) * STRIDE);
      rec.set(this.rec);
      this.rec = rec;
    }
    this.touched[k] = d;
    this.slots[2 * d] = k;
    const key = this.slots[2 * d + 1] as number;
    const at = k * STRIDE;
    rec[at + SCORE] = 0;
    rec[at + COVERAGE] = 0;
    rec[at + HELD] = 0;
    if (key >= 0) {
      const q = Math.floor(key / this.widthA);
      rec[at + NORM_Q] = this.normQ[q] as number;
      rec[at + NORM_A] = this.normA[key - q * this.widthA] as number;
      rec[at + LEN_Q] = q || 1;
    } else {
      const q = this.lens.lenQ[d] as number;
      rec[at + NORM_Q] = this.normOf(q, true);
      rec[at + NORM_A] = this.normOf(this.lens.lenA[d] as number, false);
      rec[at + LEN_Q] = q || 1;
    }
    return at;
  }

  /** Question and answer scored as separate saturated BM25 fields, the answer weighted far below. */
  private fieldScore(packed: number, at: number, answerWeight: number): number {
    const { k1 } = this;
    const tq = packed >>> 8;
    const ta = packed & 0xff;
    let s = 0;
    if (tq > 0) {
      const tf = tq / (this.rec[at + NORM_Q] as number);
      s += (this.questionWeight * tf) / (k1 + tf);
    }
    if (ta > 0) {
      const tf = ta / (this.rec[at + NORM_A] as number);
      s += (answerWeight * tf) / (k1 + tf);
    }
    return s;
  }

  private add(
    at: number,
    tf: number,
    w: number,
    weight: number,
    unigram: boolean,
    answerWeight: number,
  ): void {
    const { rec } = this;
    rec[at + SCORE] = (rec[at + SCORE] as number) + w * this.fieldScore(tf, at, answerWeight);
    const tq = tf >>> 8;
    if (unigram && tq > 0) {
      rec[at + COVERAGE] = (rec[at + COVERAGE] as number) + weight;
      rec[at + HELD] = (rec[at + HELD] as number) + weight * tq;
    }
  }

  /** Every posting of the range, slots touched for the first time remembered. */
  addAll(r: PostingRange, t: TermScoring): void {
    const { base, docs, tfs, from, to } = r;
    const { slots, touched } = this;
    const { w, weight, unigram, answerWeight } = t;
    for (let i = from; i < to; i++) {
      const d = base + (docs[i] as number);
      const k = slots[2 * d] as number;
      const at = k < this.count && touched[k] === d ? k * STRIDE : this.touch(d);
      this.add(at, tfs[i] as number, w, weight, unigram, answerWeight);
    }
  }

  /**
   * The score with the coordination factor (share of the query's unigram weight found in the
   * question) and the entry-coverage factor (share of the question the query holds).
   */
  finalScore(d: number, coordination: number, entryCoverage: number): number {
    return this.finalScoreAt(this.recordOf(d), coordination, entryCoverage);
  }

  /** `finalScore` of the k-th slot touched (`touched[k]`), its record read in touch order. */
  finalScoreOfTouched(k: number, coordination: number, entryCoverage: number): number {
    return this.finalScoreAt(k * STRIDE, coordination, entryCoverage);
  }

  private finalScoreAt(at: number, coordination: number, entryCoverage: number): number {
    const { rec } = this;
    return (
      (rec[at + SCORE] as number) *
      (1 + coordination * (rec[at + COVERAGE] as number)) *
      (1 + entryCoverage * Math.min(1, (rec[at + HELD] as number) / (rec[at + LEN_Q] as number)))
    );
  }

  /** The query's unigram weight found in the slot's question. */
  coverageOf(d: number): number {
    const at = this.recordOf(d);
    return at < 0 ? 0 : (this.rec[at + COVERAGE] as number);
  }

  /**
   * Where each candidate's record starts (`ids`: slots this search touched), found once per search
   * rather than once per frequent term's posting (issue 16, nineteenth session).
   */
  recordsOf(ids: Int32Array, n: number, out: Int32Array): void {
    for (let j = 0; j < n; j++) out[j] = this.recordOf(ids[j] as number);
  }

  /**
   * The candidates' postings (`ids`, sorted slots; `ats`, their records from `recordsOf`) of a
   * frequent term's merged lists, by bitmap.
   */
  addBitmap(b: SlotBitmap, ids: Int32Array, ats: Int32Array, n: number, t: TermScoring): void {
    const { bits, rank, starts, tfs } = b;
    const { w, weight, unigram, answerWeight } = t;
    const words = bits.length;
    for (let j = 0; j < n; j++) {
      const d = ids[j] as number;
      const word = d >>> 5;
      if (word >= words) return;
      const x = bits[word] as number;
      const bit = d & 31;
      if (((x >>> bit) & 1) === 0) continue;
      const i = (starts[d >>> 16] as number) + (rank[word] as number) + popcount(x & ((1 << bit) - 1));
      this.add(ats[j] as number, tfs[i] as number, w, weight, unigram, answerWeight);
    }
  }

  /**
   * The range's postings of the candidates only (`ids`, sorted slots): a merge when the list is
   * not much longer than the candidates, else a galloping search per candidate. Either finds the
   * same postings in the same order.
   */
  addCandidates(r: PostingRange, ids: Int32Array, ats: Int32Array, n: number, t: TermScoring): void {
    const { base, docs, tfs, to } = r;
    const { w, weight, unigram, answerWeight } = t;
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
      if (docs[i] === low) this.add(ats[j] as number, tfs[i] as number, w, weight, unigram, answerWeight);
    }
  }

  /** Forgets what the last search touched (each record is set afresh when its slot is next touched). */
  clear(): void {
    this.count = 0;
  }
}

/** Postings per candidate below which stepping through the list beats a galloping search. */
const MERGE_RATIO = 16;
/** A touched slot's record: where each value sits, and its length (8 doubles, a cache line). */
const [SCORE, COVERAGE, HELD, NORM_Q, NORM_A, LEN_Q, STRIDE] = [0, 1, 2, 3, 4, 5, 8];

/**
 * What one term adds: its BM25 weight (idf included), its query weight, whether it is one syllable,
 * and the answer field's weight it is scored with (the options', or raised by the answer boost).
 */
export interface TermScoring {
  w: number;
  weight: number;
  unigram: boolean;
  answerWeight: number;
}
