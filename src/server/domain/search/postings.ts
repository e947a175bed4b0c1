import { type SlotBitmap, slotBitmap } from "./bitmaps.js";

/**
 * Posting lists in compressed-sparse-row form (issue 16): for all terms one Uint16Array of document
 * slots and one Uint16Array of term frequencies (question in the high byte, answer in the low byte,
 * each capped at 255), 4 bytes a posting and no object per term or per posting. Slots are cut into
 * blocks of 65,536: a posting keeps only the slot's low 16 bits, and an offset per term and block
 * says where the term's postings of that block start (slot = block × 65,536 + low bits). Changes
 * since the last merge wait in small per-term lists (an edit touches a few hundred terms) and are
 * merged into the arrays once they grow; a bulk load is gathered in a flat log and merged in one
 * pass. Documents only ever get new, higher slots, so every list stays sorted by slot.
 */
export interface PostingRange {
  /** A posting's slot is `base + docs[i]`; every slot of the range is below `base + BLOCK`. */
  base: number;
  docs: Uint16Array;
  tfs: Uint16Array;
  from: number;
  to: number;
}

const BLOCK_BITS = 16;
export const BLOCK = 1 << BLOCK_BITS;
const blockOf = (doc: number) => doc >>> BLOCK_BITS;

class DeltaList {
  docs = new Uint16Array(4);
  tfs = new Uint16Array(4);
  length = 0;

  constructor(readonly base: number) {}

  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      this.docs = grow(this.docs, new Uint16Array(this.length * 2));
      this.tfs = grow(this.tfs, new Uint16Array(this.length * 2));
    }
    this.docs[this.length] = doc - this.base;
    this.tfs[this.length] = tf;
    this.length++;
  }
}

export const packTf = (tfQuestion: number, tfAnswer: number) =>
  (Math.min(tfQuestion, 255) << 8) | Math.min(tfAnswer, 255);
export const tfQuestionOf = (tf: number) => tf >>> 8;
export const tfAnswerOf = (tf: number) => tf & 0xff;

/**
 * Below this many waiting postings, changes go to per-term lists instead of a merge; above it a
 * merge when they are an eighth of the merged ones, and at most this many wait: past a bulk load
 * the waiting postings span most terms, and a list per term costs ~200 bytes beside its postings
 * (issue 16: 2 M postings left waiting after a 100,000-entry build held ~40 MB of such lists).
 */
const MERGE_MIN = 50_000;
const WAITING_MAX = 250_000;

/** The merged arrays as a snapshot holds them. */
export interface PostingArrays {
  /** Per term, per block: where its postings start; `terms × blocks + 1` values. */
  offsets: Uint32Array;
  blocks: number;
  docs: Uint16Array;
  tfs: Uint16Array;
}

export class PostingStore {
  private offsets: Uint32Array = new Uint32Array(1);
  private blocks = 1;
  private docs: Uint16Array = new Uint16Array(0);
  private tfs: Uint16Array = new Uint16Array(0);
  /** The highest slot ever added: the merged arrays have a block up to it. */
  private maxDoc = 0;
  /** Per term, its waiting lists, one per block, in slot order. */
  private readonly delta = new Map<number, DeltaList[]>();
  private deltaCount = 0;
  private logTerm = new Int32Array(1024);
  private logDoc = new Int32Array(1024);
  private logTf = new Uint16Array(1024);
  private logLength = 0;
  /** Bitmaps of frequent terms' merged postings, dropped whenever the merged arrays change. */
  private readonly bitmaps = new Map<number, SlotBitmap | null>();

  /** Postings in the merged arrays. */
  get merged(): number {
    return this.docs.length;
  }

  /** Terms the merged arrays have offsets for. */
  private get mergedTerms(): number {
    return (this.offsets.length - 1) / this.blocks;
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
    if (doc > this.maxDoc) this.maxDoc = doc;
  }

  /**
   * Places the logged postings: into the per-term lists when few, else everything waiting is
   * merged into the arrays. `terms` is the vocabulary size. Call before reading.
   */
  flush(terms: number): void {
    if (this.logLength === 0) return;
    const waiting = this.logLength + this.deltaCount;
    if (waiting >= Math.max(MERGE_MIN, Math.min(this.docs.length / 8, WAITING_MAX))) {
      this.merge(terms, null);
      return;
    }
    for (let i = 0; i < this.logLength; i++) {
      const t = this.logTerm[i] as number;
      const doc = this.logDoc[i] as number;
      let lists = this.delta.get(t);
      if (!lists) {
        lists = [];
        this.delta.set(t, lists);
      }
      let last = lists.at(-1);
      const base = blockOf(doc) << BLOCK_BITS;
      if (!last || last.base !== base) {
        last = new DeltaList(base);
        lists.push(last);
      }
      last.push(doc, this.logTf[i] as number);
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
    if (term < this.mergedTerms) {
      const at = term * this.blocks;
      n = (this.offsets[at + this.blocks] as number) - (this.offsets[at] as number);
    }
    for (const list of this.delta.get(term) ?? []) n += list.length;
    return n;
  }

  /**
   * The term's postings as sorted ranges, one per block (merged, then changed since), written into
   * `out` (its objects are reused: read them before the next call). Returns how many.
   */
  ranges(term: number, out: PostingRange[]): number {
    return this.waitingRanges(term, out, this.mergedRanges(term, out));
  }

  /** The term's merged postings only, one range per non-empty block; returns how many. */
  mergedRanges(term: number, out: PostingRange[]): number {
    let n = 0;
    if (term < this.mergedTerms) {
      const at = term * this.blocks;
      for (let b = 0; b < this.blocks; b++) {
        const from = this.offsets[at + b] as number;
        const to = this.offsets[at + b + 1] as number;
        if (to > from) putRange(out, n++, b << BLOCK_BITS, this.docs, this.tfs, from, to);
      }
    }
    return n;
  }

  /** The term's postings changed since the last merge, written into `out` from `n`; returns the new count. */
  waitingRanges(term: number, out: PostingRange[], n: number): number {
    for (const list of this.delta.get(term) ?? [])
      if (list.length > 0) putRange(out, n++, list.base, list.docs, list.tfs, 0, list.length);
    return n;
  }

  /**
   * The term's merged postings as a bitmap of slots (bitmaps.ts), built on first use and kept until
   * the next merge; null when the term is too rare for one to pay. Postings waiting since the merge
   * are not in it: read them with `waitingRanges`.
   */
  bitmap(term: number, scratch: PostingRange[]): SlotBitmap | null {
    let b = this.bitmaps.get(term);
    if (b === undefined) {
      b = slotBitmap(scratch, this.mergedRanges(term, scratch), this.blocks);
      this.bitmaps.set(term, b);
    }
    return b;
  }

  /**
   * Rebuilds the arrays with everything waiting; with `alive`, postings of removed documents are
   * dropped. One counting pass over (term, block): new postings of a term come after its merged
   * ones in the same block (higher slots).
   */
  merge(terms: number, alive: ((doc: number) => boolean) | null): void {
    const oldBlocks = this.blocks;
    const oldTerms = this.mergedTerms;
    const blocks = Math.max(oldBlocks, blockOf(this.maxDoc) + 1);
    const keys = terms * blocks;
    const counts = new Uint32Array(keys + 1);
    const count = (key: number) => {
      counts[key] = (counts[key] as number) + 1;
    };
    // Each source in placing order: merged arrays, then per-term lists, then the log.
    const visitMerged = (each: (key: number, doc: number, tf: number) => void) => {
      for (let t = 0; t < oldTerms; t++) {
        for (let b = 0; b < oldBlocks; b++) {
          const key = t * blocks + b;
          const base = b << BLOCK_BITS;
          const to = this.offsets[t * oldBlocks + b + 1] as number;
          for (let i = this.offsets[t * oldBlocks + b] as number; i < to; i++)
            each(key, base + (this.docs[i] as number), this.tfs[i] as number);
        }
      }
    };
    const visitWaiting = (each: (key: number, doc: number, tf: number) => void) => {
      for (const [t, lists] of this.delta) {
        for (const list of lists) {
          const key = t * blocks + blockOf(list.base);
          for (let i = 0; i < list.length; i++)
            each(key, list.base + (list.docs[i] as number), list.tfs[i] as number);
        }
      }
      for (let i = 0; i < this.logLength; i++) {
        const doc = this.logDoc[i] as number;
        each((this.logTerm[i] as number) * blocks + blockOf(doc), doc, this.logTf[i] as number);
      }
    };
    if (!alive && oldBlocks === blocks) {
      // Nothing dropped, same blocks: the merged counts are the offsets' differences.
      for (let key = 0; key < oldTerms * blocks; key++)
        counts[key] = (this.offsets[key + 1] as number) - (this.offsets[key] as number);
    } else visitMerged((key, doc) => (!alive || alive(doc)) && count(key));
    visitWaiting((key, doc) => (!alive || alive(doc)) && count(key));
    const offsets = new Uint32Array(keys + 1);
    for (let key = 0; key < keys; key++)
      offsets[key + 1] = (offsets[key] as number) + (counts[key] as number);
    const total = offsets[keys] as number;
    const docs = new Uint16Array(total);
    const tfs = new Uint16Array(total);
    const cursor = counts; // reused: next free position of each (term, block)
    cursor.set(offsets.subarray(0, keys));
    const place = (key: number, doc: number, tf: number) => {
      if (alive && !alive(doc)) return;
      const p = cursor[key] as number;
      cursor[key] = p + 1;
      docs[p] = doc & (BLOCK - 1);
      tfs[p] = tf;
    };
    visitMerged(place);
    visitWaiting(place);
    this.offsets = offsets;
    this.blocks = blocks;
    this.docs = docs;
    this.tfs = tfs;
    this.bitmaps.clear();
    this.delta.clear();
    this.deltaCount = 0;
    this.clearLog();
  }

  /** The merged arrays, everything waiting merged first, for a snapshot. */
  export(terms: number): PostingArrays {
    if (this.logLength > 0 || this.deltaCount > 0 || this.mergedTerms !== terms) this.merge(terms, null);
    return { offsets: this.offsets, blocks: this.blocks, docs: this.docs, tfs: this.tfs };
  }

  /** A store on a snapshot's arrays; throws when they do not fit together or name a slot ≥ `slots`. */
  static import(a: PostingArrays, terms: number, slots: number): PostingStore {
    const { offsets, blocks, docs, tfs } = a;
    const n = offsets.length - 1;
    if (!Number.isInteger(blocks) || blocks < 1 || n !== terms * blocks)
      throw new Error("postings: offsets do not match the vocabulary");
    if (offsets[0] !== 0 || offsets[n] !== docs.length || docs.length !== tfs.length)
      throw new Error("postings: offsets do not match the arrays");
    for (let key = 0; key < n; key++) {
      const from = offsets[key] as number;
      const to = offsets[key + 1] as number;
      if (to < from) throw new Error("postings: offsets decrease");
      // Only a block reaching past the last slot can name a slot that does not exist.
      const base = (key % blocks) << BLOCK_BITS;
      if (base + BLOCK > slots)
        for (let i = from; i < to; i++)
          if (base + (docs[i] as number) >= slots)
            throw new Error("postings: a posting outside the documents");
    }
    const store = new PostingStore();
    store.offsets = offsets;
    store.blocks = blocks;
    store.docs = docs;
    store.tfs = tfs;
    store.maxDoc = (blocks - 1) << BLOCK_BITS;
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
 * The first position in [from, to) whose low bits are >= `low` (`to` when none): a galloping
 * search, since a block's list is sorted and the candidates are visited in slot order.
 */
export function seek(docs: Uint16Array, low: number, from: number, to: number): number {
  let step = 1;
  let hi = from;
  while (hi < to && (docs[hi] as number) < low) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, to);
  while (from < hi) {
    const mid = (from + hi) >> 1;
    if ((docs[mid] as number) < low) from = mid + 1;
    else hi = mid;
  }
  return from;
}

function putRange(
  out: PostingRange[],
  n: number,
  base: number,
  docs: Uint16Array,
  tfs: Uint16Array,
  from: number,
  to: number,
): void {
  const r = out[n];
  if (r) {
    r.base = base;
    r.docs = docs;
    r.tfs = tfs;
    r.from = from;
    r.to = to;
  } else out[n] = { base, docs, tfs, from, to };
}

function grow<T extends Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
