/**
 * Posting lists in compressed-sparse-row form (issue 16): one Int32Array of document slots and one
 * Uint16Array of term frequencies (question in the high byte, answer in the low byte, each capped
 * at 255) for all terms, with an offset per term. 6 bytes a posting and no object per term or per
 * posting. Changes since the last merge wait in small per-term lists (an edit touches a few hundred
 * terms) and are merged into the arrays once they grow; a bulk load is gathered in a flat log and
 * merged in one pass. Documents only ever get new, higher slots, so every list stays sorted by slot.
 */
export interface PostingRange {
  docs: Int32Array;
  tfs: Uint16Array;
  from: number;
  to: number;
}

class DeltaList {
  docs = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;

  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Uint16Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.length] = doc;
    this.tfs[this.length] = tf;
    this.length++;
  }
}

export const packTf = (tfQuestion: number, tfAnswer: number) =>
  (Math.min(tfQuestion, 255) << 8) | Math.min(tfAnswer, 255);
export const tfQuestionOf = (tf: number) => tf >>> 8;
export const tfAnswerOf = (tf: number) => tf & 0xff;

/** Below this many waiting postings, changes go to per-term lists instead of a merge. */
const MERGE_MIN = 50_000;

export class PostingStore {
  private offsets: Uint32Array = new Uint32Array(1);
  private docs: Int32Array = new Int32Array(0);
  private tfs: Uint16Array = new Uint16Array(0);
  private readonly delta = new Map<number, DeltaList>();
  private deltaCount = 0;
  private logTerm = new Int32Array(1024);
  private logDoc = new Int32Array(1024);
  private logTf = new Uint16Array(1024);
  private logLength = 0;

  /** Postings in the merged arrays. */
  get merged(): number {
    return this.docs.length;
  }

  add(term: number, doc: number, tf: number): void {
    if (this.logLength === this.logTerm.length) {
      const size = this.logLength * 2;
      this.logTerm = grow(this.logTerm, new Int32Array(size));
      this.logDoc = grow(this.logDoc, new Int32Array(size));
      this.logTf = grow(this.logTf, new Uint16Array(size));
    }
    this.logTerm[this.logLength] = term;
    this.logDoc[this.logLength] = doc;
    this.logTf[this.logLength] = tf;
    this.logLength++;
  }

  /**
   * Places the logged postings: into the per-term lists when few, else everything waiting is
   * merged into the arrays. `terms` is the vocabulary size. Call before reading.
   */
  flush(terms: number): void {
    if (this.logLength === 0) return;
    const waiting = this.logLength + this.deltaCount;
    if (waiting >= Math.max(MERGE_MIN, this.docs.length / 8)) {
      this.merge(terms, null);
      return;
    }
    for (let i = 0; i < this.logLength; i++) {
      const t = this.logTerm[i] as number;
      let list = this.delta.get(t);
      if (!list) {
        list = new DeltaList();
        this.delta.set(t, list);
      }
      list.push(this.logDoc[i] as number, this.logTf[i] as number);
    }
    this.deltaCount += this.logLength;
    this.clearLog();
  }

  /** Postings logged and not yet placed. */
  get waiting(): number {
    return this.logLength;
  }

  /** Number of postings of the term (removed documents included until compaction). */
  length(term: number): number {
    let n = 0;
    if (term + 1 < this.offsets.length)
      n = (this.offsets[term + 1] as number) - (this.offsets[term] as number);
    const d = this.delta.get(term);
    return d ? n + d.length : n;
  }

  /** The term's postings as at most two sorted ranges: merged, then changed since. */
  ranges(term: number, out: PostingRange[]): number {
    let n = 0;
    if (term + 1 < this.offsets.length) {
      const from = this.offsets[term] as number;
      const to = this.offsets[term + 1] as number;
      if (to > from) out[n++] = { docs: this.docs, tfs: this.tfs, from, to };
    }
    const d = this.delta.get(term);
    if (d && d.length > 0) out[n++] = { docs: d.docs, tfs: d.tfs, from: 0, to: d.length };
    return n;
  }

  /**
   * Rebuilds the arrays with everything waiting; with `alive`, postings of removed documents are
   * dropped. One counting pass: new postings of a term come after its merged ones (higher slots).
   */
  merge(terms: number, alive: ((doc: number) => boolean) | null): void {
    const counts = new Uint32Array(terms + 1);
    const baseTerms = this.offsets.length - 1;
    const count = (t: number) => {
      counts[t] = (counts[t] as number) + 1;
    };
    for (let t = 0; t < baseTerms; t++) {
      const from = this.offsets[t] as number;
      const to = this.offsets[t + 1] as number;
      if (!alive) counts[t] = to - from;
      else for (let i = from; i < to; i++) if (alive(this.docs[i] as number)) count(t);
    }
    for (const [t, list] of this.delta)
      for (let i = 0; i < list.length; i++) if (!alive || alive(list.docs[i] as number)) count(t);
    for (let i = 0; i < this.logLength; i++)
      if (!alive || alive(this.logDoc[i] as number)) count(this.logTerm[i] as number);
    const offsets = new Uint32Array(terms + 1);
    for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t] as number) + (counts[t] as number);
    const total = offsets[terms] as number;
    const docs = new Int32Array(total);
    const tfs = new Uint16Array(total);
    const cursor = counts; // reused: next free position of each term
    cursor.set(offsets.subarray(0, terms));
    for (let t = 0; t < baseTerms; t++) {
      for (let i = this.offsets[t] as number; i < (this.offsets[t + 1] as number); i++) {
        const d = this.docs[i] as number;
        if (alive && !alive(d)) continue;
        const p = (cursor[t] as number) + 0;
        cursor[t] = p + 1;
        docs[p] = d;
        tfs[p] = this.tfs[i] as number;
      }
    }
    // Per-term lists hold lower slots than the log (they were placed earlier).
    for (const [t, list] of this.delta) {
      for (let i = 0; i < list.length; i++) {
        const d = list.docs[i] as number;
        if (alive && !alive(d)) continue;
        const p = (cursor[t] as number) + 0;
        cursor[t] = p + 1;
        docs[p] = d;
        tfs[p] = list.tfs[i] as number;
      }
    }
    for (let i = 0; i < this.logLength; i++) {
      const d = this.logDoc[i] as number;
      if (alive && !alive(d)) continue;
      const t = this.logTerm[i] as number;
      const p = (cursor[t] as number) + 0;
      cursor[t] = p + 1;
      docs[p] = d;
      tfs[p] = this.logTf[i] as number;
    }
    this.offsets = offsets;
    this.docs = docs;
    this.tfs = tfs;
    this.delta.clear();
    this.deltaCount = 0;
    this.clearLog();
  }

  /** The merged arrays, everything waiting merged first, for a snapshot. */
  export(terms: number): { offsets: Uint32Array; docs: Int32Array; tfs: Uint16Array } {
    if (this.logLength > 0 || this.deltaCount > 0 || this.offsets.length !== terms + 1)
      this.merge(terms, null);
    return { offsets: this.offsets, docs: this.docs, tfs: this.tfs };
  }

  static import(offsets: Uint32Array, docs: Int32Array, tfs: Uint16Array): PostingStore {
    const n = offsets.length - 1;
    if (n < 0 || offsets[0] !== 0 || offsets[n] !== docs.length || docs.length !== tfs.length)
      throw new Error("postings: offsets do not match the arrays");
    for (let t = 0; t < n; t++) {
      if ((offsets[t + 1] as number) < (offsets[t] as number)) throw new Error("postings: offsets decrease");
    }
    const store = new PostingStore();
    store.offsets = offsets;
    store.docs = docs;
    store.tfs = tfs;
    return store;
  }

  private clearLog(): void {
    this.logLength = 0;
    // A bulk load's log is large; keep a small one for the edits that follow.
    if (this.logTerm.length > 1 << 16) {
      this.logTerm = new Int32Array(1024);
      this.logDoc = new Int32Array(1024);
      this.logTf = new Uint16Array(1024);
    }
  }
}

/**
 * The first position in [from, to) whose document is >= `doc` (`to` when none): a galloping
 * search, since lists are sorted by slot and the candidates are visited in slot order.
 */
export function seek(docs: Int32Array, doc: number, from: number, to: number): number {
  let step = 1;
  let hi = from;
  while (hi < to && (docs[hi] as number) < doc) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, to);
  while (from < hi) {
    const mid = (from + hi) >> 1;
    if ((docs[mid] as number) < doc) from = mid + 1;
    else hi = mid;
  }
  return from;
}

function grow<T extends Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
