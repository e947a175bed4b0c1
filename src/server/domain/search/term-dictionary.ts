/**
 * The index's vocabulary in a few typed arrays (issue 16): term text as bytes in one blob, an
 * offset per term, and an open-addressing hash table from text to term id. At 100,000 entries the
 * index holds over a million distinct terms (syllable pairs mostly); a JavaScript Map of strings
 * would cost ~100 bytes a term, this ~14. Terms are folded ASCII ([a-z0-9_]), one byte a character.
 */
const EMPTY = -1;

export class TermDictionary {
  private blob: Uint8Array = new Uint8Array(1 << 16);
  private blobLength = 0;
  private offsets: Uint32Array = new Uint32Array(1 << 12);
  private table = new Int32Array(1 << 13).fill(EMPTY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The id of the term, or -1 when it is not in the vocabulary. */
  idOf(term: string): number {
    const mask = this.table.length - 1;
    for (let h = hash(term) & mask; ; h = (h + 1) & mask) {
      const id = this.table[h] as number;
      if (id === EMPTY) return EMPTY;
      if (this.equals(id, term)) return id;
    }
  }

  /**
   * The id of the pair `a_b` (`pairKey(a, b)`), or -1, without building the key: the same hash and
   * the same comparison over a, "_" and b (issue 16, nineteenth session: a query's order-free pairs
   * try ~1,000 keys, a few dozen of which exist).
   */
  idOfPair(a: string, b: string): number {
    const mask = this.table.length - 1;
    const h = hashOn(hashOn(hashOn(0x811c9dc5, a), "_"), b) >>> 0;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = this.table[at] as number;
      if (id === EMPTY) return EMPTY;
      const from = this.offsets[id] as number;
      if ((this.offsets[id + 1] as number) - from !== a.length + 1 + b.length) continue;
      if (
        this.matches(from, a) &&
        this.blob[from + a.length] === UNDERSCORE &&
        this.matches(from + a.length + 1, b)
      )
        return id;
    }
  }

  /** The id of the term, added when new. */
  intern(term: string): number {
    const mask = this.table.length - 1;
    let h = hash(term) & mask;
    for (; ; h = (h + 1) & mask) {
      const id = this.table[h] as number;
      if (id === EMPTY) break;
      if (this.equals(id, term)) return id;
    }
    const id = this.count;
    this.append(term);
    this.table[h] = id;
    if (this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
    return id;
  }

  termOf(id: number): string {
    const from = this.offsets[id] as number;
    const to = this.offsets[id + 1] as number;
    let s = "";
    for (let i = from; i < to; i++) s += String.fromCharCode(this.blob[i] as number);
    return s;
  }

  /** The single-syllable terms (no "_"), the typo index's vocabulary; pairs are not turned into strings. */
  unigrams(): string[] {
    const out: string[] = [];
    for (let id = 0; id < this.count; id++) {
      const from = this.offsets[id] as number;
      const to = this.offsets[id + 1] as number;
      if (this.blob.subarray(from, to).indexOf(UNDERSCORE) < 0) out.push(this.termOf(id));
    }
    return out;
  }

  /** Blob and offsets, trimmed, for a snapshot. */
  export(): { blob: Uint8Array; offsets: Uint32Array } {
    return {
      blob: this.blob.subarray(0, this.blobLength),
      offsets: this.offsets.subarray(0, this.count + 1),
    };
  }

  static import(blob: Uint8Array, offsets: Uint32Array): TermDictionary {
    const d = new TermDictionary();
    const count = offsets.length - 1;
    if (count < 0 || offsets[0] !== 0 || (offsets[count] as number) !== blob.length)
      throw new Error("term dictionary: offsets do not match the blob");
    // Views on the snapshot's buffer, not copies; the first new term reallocates.
    d.blob = blob;
    d.blobLength = blob.length;
    d.offsets = offsets;
    d.count = count;
    let size = 1 << 13;
    while (size < count * 2 + 2) size *= 2;
    d.rehash(size);
    return d;
  }

  private equals(id: number, term: string): boolean {
    const from = this.offsets[id] as number;
    if ((this.offsets[id + 1] as number) - from !== term.length) return false;
    return this.matches(from, term);
  }

  /** Whether the blob holds `text` from `from` on. */
  private matches(from: number, text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.blob[from + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private append(term: string): void {
    if (this.blobLength + term.length > this.blob.length) {
      const next = new Uint8Array(Math.max(this.blob.length * 2, this.blobLength + term.length));
      next.set(this.blob.subarray(0, this.blobLength));
      this.blob = next;
    }
    for (let i = 0; i < term.length; i++) this.blob[this.blobLength++] = term.charCodeAt(i) & 0xff;
    if (this.count + 2 > this.offsets.length) {
      const next = new Uint32Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
    }
    this.count++;
    this.offsets[this.count] = this.blobLength;
  }

  private rehash(size: number): void {
    const table = new Int32Array(size).fill(EMPTY);
    const mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      let h = hashBytes(this.blob, this.offsets[id] as number, this.offsets[id + 1] as number) & mask;
      while (table[h] !== EMPTY) h = (h + 1) & mask;
      table[h] = id;
    }
    this.table = table;
  }
}

const UNDERSCORE = 95;

/** FNV-1a over the character codes (one byte each for folded terms). */
function hash(term: string): number {
  return hashOn(0x811c9dc5, term) >>> 0;
}

/** FNV-1a continued from `h` over the text's character codes (`hash` of a concatenation, in parts). */
function hashOn(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ (text.charCodeAt(i) & 0xff), 0x01000193);
  return h;
}

function hashBytes(blob: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (blob[i] as number), 0x01000193);
  return h >>> 0;
}
