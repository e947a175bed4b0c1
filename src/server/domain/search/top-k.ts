/** The k best (id, score) pairs seen, kept in a min-heap so a search over many documents stays linear. */
export class TopK {
  private ids: number[] = [];
  private scores: number[] = [];

  constructor(private readonly k: number) {}

  wouldAccept(score: number): boolean {
    return this.ids.length < this.k || score > (this.scores[0] as number);
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.ids.length < this.k) {
      this.ids.push(id);
      this.scores.push(score);
      this.up(this.ids.length - 1);
    } else if (score > (this.scores[0] as number)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** Best first; ties keep the earlier-added document first. */
  sorted(): { id: number; score: number }[] {
    return this.ids
      .map((id, i) => ({ id, score: this.scores[i] as number }))
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private swap(i: number, j: number): void {
    [this.ids[i], this.ids[j]] = [this.ids[j] as number, this.ids[i] as number];
    [this.scores[i], this.scores[j]] = [this.scores[j] as number, this.scores[i] as number];
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.scores[p] as number) <= (this.scores[i] as number)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.ids.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && (this.scores[l] as number) < (this.scores[m] as number)) m = l;
      if (r < n && (this.scores[r] as number) < (this.scores[m] as number)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
