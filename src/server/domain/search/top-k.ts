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
  private order = new Int32Array(16);

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
      this.order = new Int32Array(this.k);
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
      this.down(0);
    }
  }

  /**
   * Best first; ties keep the lower id first (ids are unique, so the order is total). Returns the
   * number held; read them with idAt/scoreAt until the next reset.
   */
  sort(): number {
    const { ids, scores, order } = this;
    for (let i = 0; i < this.size; i++) order[i] = i;
    order
      .subarray(0, this.size)
      .sort(
        (a, b) => (scores[b] as number) - (scores[a] as number) || (ids[a] as number) - (ids[b] as number),
      );
    return this.size;
  }

  /** The id at rank i after sort(). */
  idAt(i: number): number {
    return this.ids[this.order[i] as number] as number;
  }

  /** The score at rank i after sort(). */
  scoreAt(i: number): number {
    return this.scores[this.order[i] as number] as number;
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

  private up(i: number): void {
    const scores = this.scores;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((scores[p] as number) <= (scores[i] as number)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.size;
    const scores = this.scores;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && (scores[l] as number) < (scores[m] as number)) m = l;
      if (r < n && (scores[r] as number) < (scores[m] as number)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
