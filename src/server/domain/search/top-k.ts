/**
 * The k best (id, score) pairs seen, kept in a min-heap so a search over many documents stays linear.
 * Typed arrays reused across searches (issue 16: a search at 100,000 entries fills a pool of 1,000
 * candidates; plain arrays and an object per candidate showed in the profile). Which of several
 * equal scores stays in a full heap depends on the order of pushes and the heap's moves, so both
 * are kept exactly as they were: rankings must not change.
 */
export class TopK {
  private ids = new Int32Array(16);
  private scores = new Float64Array(16);
  private size = 0;
  private k = 0;

  constructor(k = 0) {
    this.reset(k);
  }

  /** Empties the heap for a new search keeping at most k. */
  reset(k: number): this {
    this.k = Math.max(0, k);
    this.size = 0;
    if (this.ids.length < this.k) {
      this.ids = new Int32Array(this.k);
      this.scores = new Float64Array(this.k);
    }
    return this;
  }

  get length(): number {
    return this.size;
  }

  wouldAccept(score: number): boolean {
    return this.size < this.k || score > (this.scores[0] as number);
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      this.ids[this.size] = id;
      this.scores[this.size] = score;
      this.up(this.size++);
    } else if (score > (this.scores[0] as number)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.down(0, this.size);
    }
  }

  /**
   * Best first; ties keep the lower id first (ids are unique, so the order is total). Returns the
   * number held; read them with idAt/scoreAt until the next reset. Sorts in place (a heapsort, then
   * the runs of equal scores by id): no comparator called per pair, no push before the next reset.
   */
  sort(): number {
    const { ids, scores } = this;
    for (let end = this.size - 1; end > 0; end--) {
      this.swap(0, end);
      this.down(0, end);
    }
    for (let i = 1; i < this.size; i++) {
      const s = scores[i] as number;
      const id = ids[i] as number;
      let j = i;
      for (; j > 0 && scores[j - 1] === s && (ids[j - 1] as number) > id; j--) ids[j] = ids[j - 1] as number;
      ids[j] = id;
    }
    return this.size;
  }

  /** The id at rank i after sort(). */
  idAt(i: number): number {
    return this.ids[i] as number;
  }

  /** The score at rank i after sort(). */
  scoreAt(i: number): number {
    return this.scores[i] as number;
  }

  private swap(i: number, j: number): void {
    const { ids, scores } = this;
    const id = ids[i] as number;
    ids[i] = ids[j] as number;
    ids[j] = id;
    const s = scores[i] as number;
    scores[i] = scores[j] as number;
    scores[j] = s;
  }

  /**
   * Sifts the entry at i up. The entry is carried in a hole and written once where it stops rather
   * than swapped at every level (issue 16, nineteenth session): the same comparisons, so the same
   * places — and the same choice among equal scores — as the swaps made.
   */
  private up(i: number): void {
    const { ids, scores } = this;
    const id = ids[i] as number;
    const s = scores[i] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = scores[p] as number;
      if (ps <= s) break;
      ids[i] = ids[p] as number;
      scores[i] = ps;
      i = p;
    }
    ids[i] = id;
    scores[i] = s;
  }

  /** Sifts down within the first n, the entry carried in a hole as in `up`. */
  private down(i: number, n: number): void {
    const { ids, scores } = this;
    const id = ids[i] as number;
    const s = scores[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let ms = s;
      if (l < n && (scores[l] as number) < ms) {
        m = l;
        ms = scores[l] as number;
      }
      if (r < n && (scores[r] as number) < ms) {
        m = r;
        ms = scores[r] as number;
      }
      if (m === i) break;
      ids[i] = ids[m] as number;
      scores[i] = ms;
      i = m;
    }
    ids[i] = id;
    scores[i] = s;
  }
}
