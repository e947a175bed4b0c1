import type { Accumulators } from "./accumulators.js";
import { type PostingRange, type PostingStore, tfQuestionOf } from "./postings.js";
import type { IndexOptions } from "./search-index-types.js";
import type { TopK } from "./top-k.js";

/** A frequent query term as the second phase scores it. */
export interface FrequentTerm {
  id: number;
  /** BM25 weight: query weight × idf × (k1 + 1). */
  w: number;
  /** The query weight (coverage and held). */
  weight: number;
  unigram: boolean;
}

/**
 * What a search's second phase needs of its index: the accumulators the first phase filled, the
 * posting lists, the final score of a candidate and the question lengths (for the bound).
 */
export interface SecondPhase {
  acc: Accumulators;
  store: PostingStore;
  options: IndexOptions;
  lenQ: Float32Array;
  coordination: number;
  finalScore(d: number): number;
}

/**
 * The largest question and answer frequency of each frequent term (packed as in the postings),
 * read once from its list and kept until postings are added (a removal leaves a maximum that is
 * still an upper bound). Issue 16, sixth round: the bound below needs it.
 */
export class TermMaxima {
  private readonly known = new Map<number, number>();
  private readonly ranges: PostingRange[] = [];

  /** Postings were added: every maximum may have grown. */
  invalidate(): void {
    if (this.known.size > 0) this.known.clear();
  }

  of(store: PostingStore, term: number): number {
    const found = this.known.get(term);
    if (found !== undefined) return found;
    let q = 0;
    let a = 0;
    const count = store.ranges(term, this.ranges);
    for (let r = 0; r < count; r++) {
      const { tfs, from, to } = this.ranges[r] as PostingRange;
      for (let i = from; i < to; i++) {
        const tf = tfs[i] as number;
        if (tf >>> 8 > q) q = tf >>> 8;
        if ((tf & 0xff) > a) a = tf & 0xff;
      }
    }
    const packed = (q << 8) | a;
    this.known.set(term, packed);
    return packed;
  }
}

/**
 * Relative margin on the bound: the final score is a product of sums rounded at every step, and the
 * bound, computed with other operands, must not fall an ulp short of it.
 */
const MARGIN = 1 + 1e-9;
/** Candidates scored in full, in pool order, before any is left out by its bound. */
const FIRST_CHUNK = 32;

/** Off: every pool candidate is scored, as before (the tests and `KB_BOUNDS=off` compare). */
export const frequentBounds = { enabled: true };

/**
 * The page from the pool (issue 16, sixth round). The pool's candidates are pushed into the page's
 * heap in pool order, as before, but one is left out as soon as its upper bound cannot beat the
 * lowest score of the page filled by the first candidates: the heap keeps only a score strictly
 * above its lowest, which only rises, so its push would have changed nothing. The bound is the
 * candidate's score so far with the terms not yet looked up counted as matching with their largest
 * frequencies (question and answer; coverage and held alike). Terms are looked up in the query's
 * order for every candidate, so the sums, the page, its order and which of equal scores it keeps
 * are those of scoring every candidate. Returns how many postings look-ups were made.
 */
export function pageFromPool(
  p: SecondPhase,
  terms: readonly FrequentTerm[],
  maxima: TermMaxima,
  pool: TopK,
  found: number,
  page: TopK,
  limit: number,
  buffers: {
    ids: Int32Array;
    ranks: Int32Array;
    rest: Float64Array;
    bounds: Float64Array;
    ranges: PostingRange[];
  },
): number {
  const { acc, store, options, lenQ, coordination } = p;
  const { scores, coverage, held } = acc;
  const { ids, ranks, rest, ranges } = buffers;
  const maxTf = terms.map((t) => maxima.of(store, t.id));
  // Per term: what it can add at most to coverage and held, whatever the candidate.
  const coverageOf = terms.map((t, i) => (t.unigram && tfQuestionOf(maxTf[i] as number) > 0 ? t.weight : 0));
  const heldOf = terms.map((t, i) => (t.unigram ? t.weight * tfQuestionOf(maxTf[i] as number) : 0));
  const lookUp = (n: number, t: FrequentTerm) => {
    const count = store.ranges(t.id, ranges);
    for (let r = 0; r < count; r++)
      acc.addCandidates(options, ranges[r] as PostingRange, ids, n, t.w, t.weight, t.unigram);
  };
  // The first candidates in full: the page's lowest score after them is the floor.
  const head = frequentBounds.enabled ? Math.min(found, Math.max(FIRST_CHUNK, limit)) : found;
  for (let r = 0; r < head; r++) ids[r] = pool.idAt(r);
  ids.subarray(0, head).sort();
  for (const t of terms) lookUp(head, t);
  for (let r = 0; r < head; r++) page.push(pool.idAt(r), p.finalScore(pool.idAt(r)));
  let lookups = head * terms.length;
  if (head === found) return lookups;
  const floor = page.length >= limit ? page.lowest : Number.NEGATIVE_INFINITY;
  // The rest by slot, with beside each its pool rank (for the pushes) and in `rest` what the terms
  // not yet looked up can add to its score. Slot and rank sort as one number (ranks < 2^16).
  let n = 0;
  for (let r = head; r < found; r++) rest[n++] = pool.idAt(r) * 65_536 + r;
  rest.subarray(0, n).sort();
  for (let j = 0; j < n; j++) {
    const key = rest[j] as number;
    ids[j] = Math.floor(key / 65_536);
    ranks[j] = key % 65_536;
  }
  let coverageLeft = 0;
  let heldLeft = 0;
  for (let i = 0; i < terms.length; i++) {
    coverageLeft += coverageOf[i] as number;
    heldLeft += heldOf[i] as number;
  }
  const { entryCoverage } = options;
  // Per candidate and term, at most what the term adds to its score (the posting arithmetic with
  // the term's largest frequencies); `rest` their sum over the terms not yet looked up.
  const T = terms.length;
  const each = buffers.bounds.length >= n * T ? buffers.bounds : new Float64Array(n * T);
  buffers.bounds = each;
  const { normQ, normA } = acc;
  const { k1, questionWeight, answerWeight } = options;
  for (let j = 0; j < n; j++) {
    const d = ids[j] as number;
    const nq = normQ[d] as number;
    const na = normA[d] as number;
    let b = 0;
    for (let i = 0; i < T; i++) {
      const tf = maxTf[i] as number;
      const x = (tf >>> 8) / nq;
      const y = (tf & 0xff) / na;
      const v =
        (terms[i] as FrequentTerm).w * ((questionWeight * x) / (k1 + x) + (answerWeight * y) / (k1 + y));
      each[j * T + i] = v;
      b += v;
    }
    rest[j] = b;
  }
  const alive = (j: number) => {
    const d = ids[j] as number;
    const h = Math.min(1, ((held[d] as number) + heldLeft) / ((lenQ[d] as number) || 1));
    const s = ((scores[d] as number) + (rest[j] as number)) * MARGIN;
    return (
      s * (1 + coordination * ((coverage[d] as number) + coverageLeft)) * (1 + entryCoverage * h) * MARGIN >
      floor
    );
  };
  const keep = () => {
    let m = 0;
    for (let j = 0; j < n; j++)
      if (alive(j)) {
        ids[m] = ids[j] as number;
        ranks[m] = ranks[j] as number;
        rest[m] = rest[j] as number;
        if (m !== j) each.copyWithin(m * T, j * T, j * T + T);
        m++;
      }
    n = m;
  };
  keep();
  for (let i = 0; i < terms.length && n > 0; i++) {
    const t = terms[i] as FrequentTerm;
    lookUp(n, t);
    lookups += n;
    coverageLeft -= coverageOf[i] as number;
    heldLeft -= heldOf[i] as number;
    for (let j = 0; j < n; j++) rest[j] = (rest[j] as number) - (each[j * T + i] as number);
    if (i < terms.length - 1) keep();
  }
  // The survivors, pushed in pool order.
  ranks.subarray(0, n).sort();
  for (let j = 0; j < n; j++) {
    const d = pool.idAt(ranks[j] as number);
    page.push(d, p.finalScore(d));
  }
  return lookups;
}
