import type { PostingRange } from "./postings.js";

/**
 * A frequent term's merged postings as a bitmap of slots (issue 16, ninth session): finding a pool
 * candidate's posting is one bit test and, when set, a rank (set bits before it) that gives the
 * posting's position, instead of a galloping search or a walk through a list of tens of thousands.
 * `rank` counts the set bits of the earlier words of the same 65,536-slot block (so it fits in 16
 * bits), `starts` where the term's postings of each block begin in `tfs`: a slot's posting is
 * `tfs[starts[slot >>> 16] + rank[slot >>> 5] + set bits below it in its word]`.
 */
export interface SlotBitmap {
  bits: Uint32Array;
  rank: Uint16Array;
  starts: Uint32Array;
  tfs: Uint16Array;
}

const WORDS_PER_BLOCK = 1 << 11;

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * The bitmap of a term's merged ranges (one per block, sorted, from one `tfs` array), or null when it
 * would take more than twice the bytes of the postings it stands for: 6 bytes per 32 slots up to the
 * term's last one, against 4 a posting.
 */
export function slotBitmap(
  ranges: readonly PostingRange[],
  count: number,
  blocks: number,
): SlotBitmap | null {
  const last = ranges[count - 1];
  if (!last || last.to <= last.from) return null;
  let postings = 0;
  for (let r = 0; r < count; r++)
    postings += (ranges[r] as PostingRange).to - (ranges[r] as PostingRange).from;
  const words = ((last.base + (last.docs[last.to - 1] as number)) >>> 5) + 1;
  if (words * 6 > postings * 8) return null;
  const bits = new Uint32Array(words);
  const starts = new Uint32Array(blocks);
  for (let r = 0; r < count; r++) {
    const { base, docs, from, to } = ranges[r] as PostingRange;
    starts[base >>> 16] = from;
    for (let i = from; i < to; i++) {
      const slot = base + (docs[i] as number);
      bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
    }
  }
  const rank = new Uint16Array(words);
  let before = 0;
  for (let w = 0; w < words; w++) {
    if (w % WORDS_PER_BLOCK === 0) before = 0;
    rank[w] = before;
    before += popcount(bits[w] as number);
  }
  return { bits, rank, starts, tfs: last.tfs };
}
