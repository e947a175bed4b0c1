import type { IndexImage, IndexOptions } from "./search-index.js";

/**
 * The index image as bytes (issue 16), so a restarted process answers from the snapshot in the
 * database instead of re-reading and re-folding every entry. Pure; compression, checksum and
 * storage are the service's. Layout: "KBX1", header length (u32 LE), JSON header (documents' keys and
 * metadata, counts, options, section sizes), then the typed arrays, each at a 4-byte boundary, in
 * host byte order (little-endian on every platform Node runs on; the header records it).
 */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = [0x4b, 0x42, 0x58, 0x31]; // "KBX1"

interface Header {
  format: number;
  littleEndian: boolean;
  options: IndexOptions;
  live: number;
  dead: number;
  sumQ: number;
  sumA: number;
  keys: (string | null)[];
  metas: unknown[];
  sections: number[];
}

type Section = Uint8Array | Uint32Array | Int32Array | Uint16Array | Float32Array;

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

/**
 * The image from the bytes; the big arrays stay views on `bytes` (no second copy). Throws
 * SnapshotError when the bytes are not a snapshot of this format and these options.
 */
export function decodeImage(bytes: Uint8Array, options: IndexOptions): IndexImage {
  if (bytes.byteOffset % 4 !== 0) throw new SnapshotError("snapshot buffer not aligned");
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new SnapshotError("not a snapshot");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(4, true);
  if (8 + jsonLength > bytes.length) throw new SnapshotError("header cut short");
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength))) as Header;
  } catch {
    throw new SnapshotError("header unreadable");
  }
  if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`format ${header.format}`);
  if (header.littleEndian !== littleEndian) throw new SnapshotError("byte order differs");
  if (JSON.stringify(header.options) !== JSON.stringify(options))
    throw new SnapshotError("index options changed since the snapshot");
  if (!Array.isArray(header.sections) || header.sections.length !== 7)
    throw new SnapshotError("sections missing");
  let at = 8 + pad4(jsonLength);
  const take = <T>(i: number, size: number, make: (buf: ArrayBufferLike, off: number, n: number) => T): T => {
    const length = header.sections[i] as number;
    if (!Number.isInteger(length) || length < 0 || length % size !== 0 || at + length > bytes.length)
      throw new SnapshotError(`section ${i} out of bounds`);
    const out = make(bytes.buffer, bytes.byteOffset + at, length / size);
    at += pad4(length);
    return out;
  };
  const image: IndexImage = {
    options,
    live: header.live,
    dead: header.dead,
    sumQ: header.sumQ,
    sumA: header.sumA,
    keys: header.keys,
    metas: header.metas,
    termBlob: take(0, 1, (b, o, n) => new Uint8Array(b, o, n)),
    termOffsets: take(1, 4, (b, o, n) => new Uint32Array(b, o, n)),
    postingOffsets: take(2, 4, (b, o, n) => new Uint32Array(b, o, n)),
    docs: take(3, 4, (b, o, n) => new Int32Array(b, o, n)),
    tfs: take(4, 2, (b, o, n) => new Uint16Array(b, o, n)),
    lenQ: take(5, 4, (b, o, n) => new Float32Array(b, o, n)),
    lenA: take(6, 4, (b, o, n) => new Float32Array(b, o, n)),
  };
  if (at !== bytes.length) throw new SnapshotError("trailing bytes");
  if (!Array.isArray(image.keys) || !Array.isArray(image.metas)) throw new SnapshotError("documents missing");
  return image;
}
