import type { IndexImage, IndexOptions } from "./search-index.js";

/**
 * The index image as bytes (issue 16), so a restarted process answers from the snapshot in the
 * database instead of re-reading and re-folding every entry. Pure; compression, checksum and
 * storage are the service's. Layout: "KBX1", header length (u32 LE), JSON header (documents' keys and
 * metadata, counts, options, section sizes), then the typed arrays, each at a 4-byte boundary, in
 * host byte order (little-endian on every platform Node runs on; the header records it). Format 2:
 * posting slots as their low 16 bits, with an offset per term and block of 65,536 slots.
 */
export const SNAPSHOT_FORMAT = 2;
const MAGIC = [0x4b, 0x42, 0x58, 0x31]; // "KBX1"

interface Header {
  format: number;
  littleEndian: boolean;
  options: IndexOptions;
  live: number;
  dead: number;
  sumQ: number;
  sumA: number;
  postingBlocks: number;
  keys: (string | null)[];
  metas: unknown[];
  sections: number[];
}

type Section = Uint8Array | Uint32Array | Uint16Array | Float32Array;

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const pad4 = (n: number) => (n + 3) & ~3;

/** The parts of the snapshot in order (views, no copies) and their total length. */
export function encodeImage(image: IndexImage): { parts: Uint8Array[]; bytes: number } {
  const sections: Section[] = [
    image.termBlob,
    image.termOffsets,
    image.postingOffsets,
    image.docs,
    image.tfs,
    image.lenQ,
    image.lenA,
  ];
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    littleEndian,
    options: image.options,
    live: image.live,
    dead: image.dead,
    sumQ: image.sumQ,
    sumA: image.sumA,
    postingBlocks: image.postingBlocks,
    keys: image.keys,
    metas: image.metas,
    sections: sections.map((s) => s.byteLength),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(8 + pad4(json.length));
  head.set(MAGIC, 0);
  new DataView(head.buffer).setUint32(4, json.length, true);
  head.set(json, 8);
  const parts: Uint8Array[] = [head];
  for (const s of sections) {
    parts.push(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
    const gap = pad4(s.byteLength) - s.byteLength;
    if (gap > 0) parts.push(new Uint8Array(gap));
  }
  return { parts, bytes: parts.reduce((n, p) => n + p.length, 0) };
}

export class SnapshotError extends Error {}

type SectionKind = "u8" | "u32" | "u16" | "f32";
const sectionKinds: SectionKind[] = ["u8", "u32", "u32", "u16", "u16", "f32", "f32"];
const elementSize: Record<SectionKind, number> = { u8: 1, u32: 4, u16: 2, f32: 4 };

/**
 * Reads a snapshot as it is inflated, piece by piece (issue 16): the header is parsed as soon as it
 * is complete, then each section is copied straight into an array of its own, so there is never a
 * second buffer of the whole image and the header's text is dropped once parsed. `total` is the
 * image's length as the snapshot's row records it. Throws SnapshotError on anything that is not a
 * snapshot of this format and these options.
 */
export class ImageReader {
  private stage = 0;
  private target: Uint8Array | null = new Uint8Array(8);
  private filled = 0;
  private skip = 0;
  /** Padding after the current target, skipped once it is filled. */
  private padAfter = 0;
  private read = 0;
  private header: Header | null = null;
  private readonly arrays: Section[] = [];

  constructor(
    private readonly options: IndexOptions,
    private readonly total: number,
  ) {}

  write(piece: Uint8Array): void {
    this.read += piece.length;
    if (this.read > this.total) throw new SnapshotError("longer than recorded");
    let at = 0;
    while (at < piece.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, piece.length - at);
        this.skip -= n;
        at += n;
        continue;
      }
      const target = this.target;
      if (!target) throw new SnapshotError("trailing bytes");
      const n = Math.min(target.length - this.filled, piece.length - at);
      target.set(piece.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === target.length) this.next(target);
    }
  }

  finish(): IndexImage {
    const h = this.header;
    if (!h || this.target || this.skip > 0 || this.read !== this.total) throw new SnapshotError("cut short");
    const [termBlob, termOffsets, postingOffsets, docs, tfs, lenQ, lenA] = this.arrays;
    const image: IndexImage = {
      options: this.options,
      live: h.live,
      dead: h.dead,
      sumQ: h.sumQ,
      sumA: h.sumA,
      postingBlocks: h.postingBlocks,
      keys: h.keys,
      metas: h.metas,
      termBlob: termBlob as Uint8Array,
      termOffsets: termOffsets as Uint32Array,
      postingOffsets: postingOffsets as Uint32Array,
      docs: docs as Uint16Array,
      tfs: tfs as Uint16Array,
      lenQ: lenQ as Float32Array,
      lenA: lenA as Float32Array,
    };
    if (!Array.isArray(image.keys) || !Array.isArray(image.metas))
      throw new SnapshotError("documents missing");
    return image;
  }

  /** The target just filled: what it says, and what to fill next. */
  private next(filled: Uint8Array): void {
    this.filled = 0;
    this.skip += this.padAfter;
    this.padAfter = 0;
    if (this.stage === 0) {
      if (MAGIC.some((b, i) => filled[i] !== b)) throw new SnapshotError("not a snapshot");
      const jsonLength = new DataView(filled.buffer).getUint32(4, true);
      if (8 + pad4(jsonLength) > this.total) throw new SnapshotError("header cut short");
      this.stage = 1;
      this.target = new Uint8Array(jsonLength);
      this.padAfter = pad4(jsonLength) - jsonLength;
      if (jsonLength === 0) this.next(this.target);
      return;
    }
    if (this.stage === 1) {
      this.header = this.parseHeader(filled, 8 + pad4(filled.length));
      const sizes = this.header.sections;
      for (const [i, kind] of sectionKinds.entries()) {
        const size = sizes[i] as number;
        const buffer = new ArrayBuffer(size);
        this.arrays.push(
          kind === "u8"
            ? new Uint8Array(buffer)
            : kind === "u16"
              ? new Uint16Array(buffer)
              : kind === "u32"
                ? new Uint32Array(buffer)
                : new Float32Array(buffer),
        );
      }
      this.stage = 2;
    } else this.stage++;
    // Stages 2… fill the sections in order, each followed by its padding.
    const section = this.stage - 2;
    const array = this.arrays[section];
    if (!array) {
      this.target = null;
      return;
    }
    this.target = new Uint8Array(array.buffer);
    this.padAfter = pad4(array.byteLength) - array.byteLength;
    if (this.target.length === 0) this.next(this.target);
  }

  private parseHeader(json: Uint8Array, at: number): Header {
    let header: Header;
    try {
      header = JSON.parse(new TextDecoder().decode(json)) as Header;
    } catch {
      throw new SnapshotError("header unreadable");
    }
    if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`format ${header.format}`);
    if (header.littleEndian !== littleEndian) throw new SnapshotError("byte order differs");
    if (JSON.stringify(header.options) !== JSON.stringify(this.options))
      throw new SnapshotError("index options changed since the snapshot");
    if (!Array.isArray(header.sections) || header.sections.length !== sectionKinds.length)
      throw new SnapshotError("sections missing");
    let end = at;
    for (const [i, kind] of sectionKinds.entries()) {
      const length = header.sections[i] as number;
      if (!Number.isInteger(length) || length < 0 || length % elementSize[kind] !== 0)
        throw new SnapshotError(`section ${i} out of bounds`);
      end += pad4(length);
    }
    if (end !== this.total) throw new SnapshotError("sections do not add up to the length");
    return header;
  }
}

/** The image from the bytes at once (tests, the bench): the same reader, fed one piece. */
export function decodeImage(bytes: Uint8Array, options: IndexOptions): IndexImage {
  const reader = new ImageReader(options, bytes.length);
  reader.write(bytes);
  return reader.finish();
}
