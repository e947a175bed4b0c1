/** A growable posting list: document slots with the term's frequency in the question and the answer. */
export class Postings {
  docs = new Int32Array(4);
  tfQuestion = new Uint16Array(4);
  tfAnswer = new Uint16Array(4);
  length = 0;

  push(doc: number, tfQ: number, tfA: number): void {
    if (this.length === this.docs.length) {
      const size = this.length * 2;
      this.docs = grow(this.docs, new Int32Array(size));
      this.tfQuestion = grow(this.tfQuestion, new Uint16Array(size));
      this.tfAnswer = grow(this.tfAnswer, new Uint16Array(size));
    }
    this.docs[this.length] = doc;
    this.tfQuestion[this.length] = Math.min(tfQ, 65_535);
    this.tfAnswer[this.length] = Math.min(tfA, 65_535);
    this.length++;
  }

  /**
   * The first position at or after `from` whose document is >= `doc` (length when none): a
   * galloping search, since documents are appended in slot order and so stay sorted.
   */
  seek(doc: number, from: number): number {
    let step = 1;
    let hi = from;
    while (hi < this.length && (this.docs[hi] as number) < doc) {
      from = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, this.length);
    while (from < hi) {
      const mid = (from + hi) >> 1;
      if ((this.docs[mid] as number) < doc) from = mid + 1;
      else hi = mid;
    }
    return from;
  }

  /** Drops the postings of removed documents, in place. */
  retain(alive: (doc: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      const doc = this.docs[r] as number;
      if (!alive(doc)) continue;
      this.docs[w] = doc;
      this.tfQuestion[w] = this.tfQuestion[r] as number;
      this.tfAnswer[w] = this.tfAnswer[r] as number;
      w++;
    }
    this.length = w;
  }
}

function grow<T extends Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** A growable Float64 column indexed by document slot. */
export class Column {
  values = new Float64Array(1024);
  set(i: number, v: number): void {
    if (i >= this.values.length) {
      const next = new Float64Array(Math.max(i + 1, this.values.length * 2));
      next.set(this.values);
      this.values = next;
    }
    this.values[i] = v;
  }
}
