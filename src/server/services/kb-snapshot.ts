import { createHash } from "node:crypto";
import { constants, createDeflate, createInflate } from "node:zlib";
import type { Db } from "../db/client.js";
import {
  readSnapshotChunk,
  readSnapshotHeader,
  type SnapshotHeader,
  writeSnapshot,
} from "../db/repositories/kb-snapshot.repository.js";
import type { IndexImage, IndexOptions } from "../domain/search/search-index.js";
import { encodeImage, ImageReader, SNAPSHOT_FORMAT, SnapshotError } from "../domain/search/snapshot.js";

/**
 * Storing and reading the search index's snapshot (issue 16): the image's bytes deflated (level 1:
 * the arrays compress ~3×, and speed matters more at start-up than the last megabytes), cut into
 * 4 MB chunks, with a SHA-256 over the chunks so a damaged snapshot is never trusted.
 */
const CHUNK = 4 << 20;

export interface SavedSnapshot {
  seq: number;
  entries: number;
  seqSum: number;
}

export async function saveSnapshot(db: Db, image: IndexImage, saved: SavedSnapshot): Promise<boolean> {
  const { parts, bytes } = encodeImage(image);
  const chunks = await deflateToChunks(parts);
  const hash = createHash("sha256");
  for (const c of chunks) hash.update(c);
  const header: SnapshotHeader = {
    seq: saved.seq,
    format: SNAPSHOT_FORMAT,
    bytes,
    chunks: chunks.length,
    checksum: hash.digest("hex"),
    entries: saved.entries,
    seq_sum: saved.seqSum,
  };
  return writeSnapshot(db, header, chunks);
}

/**
 * The stored image and the header it came with, or why it cannot be used: `missing`, or a reason
 * (checksum, format, damaged bytes) after which the caller rebuilds from the entries. Chunks are
 * read one at a time (the next one requested while this one is inflated) and inflated straight into
 * the index's arrays; nothing is used before the checksum over every chunk has been checked.
 */
export async function loadSnapshot(
  db: Db,
  options: IndexOptions,
): Promise<{ image: IndexImage; header: SnapshotHeader } | { unusable: string }> {
  const header = await readSnapshotHeader(db);
  if (!header) return { unusable: "missing" };
  if (header.format !== SNAPSHOT_FORMAT) return { unusable: `format ${header.format}` };
  const reader = new ImageReader(options, header.bytes);
  let damaged: string | null = null;
  const inflate = createInflate({ chunkSize: 1 << 20 });
  inflate.on("data", (piece: Buffer) => {
    if (damaged !== null) return;
    try {
      reader.write(piece);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      damaged = error.message;
    }
  });
  let unreadable: string | null = null;
  const done = new Promise<void>((resolve) => {
    inflate.once("end", resolve);
    inflate.once("error", (error) => {
      unreadable = `unreadable: ${error.message}`;
      resolve();
    });
  });
  const hash = createHash("sha256");
  const read = (n: number) =>
    readSnapshotChunk(db, n).then(
      (chunk) => ({ chunk }),
      (error: unknown) => ({ error }),
    );
  let next = header.chunks > 0 ? read(0) : null;
  for (let n = 0; n < header.chunks && next; n++) {
    const got = await next;
    next = n + 1 < header.chunks ? read(n + 1) : null;
    if ("error" in got) {
      await next;
      inflate.destroy();
      throw got.error;
    }
    if (!got.chunk) {
      await next;
      inflate.destroy();
      return { unusable: `chunk ${n} missing` };
    }
    hash.update(got.chunk);
    // Once the stream failed only the checksum goes on (a damaged snapshot says why it is unusable).
    if (unreadable === null && !inflate.write(got.chunk))
      await Promise.race([new Promise((r) => inflate.once("drain", r)), done]);
  }
  if (unreadable === null) inflate.end();
  await done;
  if (hash.digest("hex") !== header.checksum) return { unusable: "checksum differs" };
  if (unreadable) return { unusable: unreadable };
  if (damaged !== null) return { unusable: damaged };
  try {
    return { image: reader.finish(), header };
  } catch (error) {
    if (error instanceof SnapshotError) return { unusable: error.message };
    throw error;
  }
}

async function deflateToChunks(parts: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const deflate = createDeflate({ level: 1, chunkSize: 1 << 20, strategy: constants.Z_DEFAULT_STRATEGY });
  const chunks: Uint8Array[] = [];
  let current: Buffer[] = [];
  let size = 0;
  const cut = () => {
    if (size > 0) chunks.push(Buffer.concat(current, size));
    current = [];
    size = 0;
  };
  deflate.on("data", (piece: Buffer) => {
    current.push(piece);
    size += piece.length;
    if (size >= CHUNK) cut();
  });
  const done = new Promise<void>((resolve, reject) => {
    deflate.once("end", resolve);
    deflate.once("error", reject);
  });
  for (const p of parts) {
    // Slices of 1 MB so the event loop keeps serving between them.
    for (let at = 0; at < p.length; at += 1 << 20) {
      if (!deflate.write(p.subarray(at, at + (1 << 20)))) await new Promise((r) => deflate.once("drain", r));
    }
  }
  deflate.end();
  await done;
  cut();
  return chunks;
}
