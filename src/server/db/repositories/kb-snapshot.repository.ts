import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Db, type Executor, poolOf, select, selectOne } from "../client.js";
import { base64Of, oneRow, selectValue } from "../queries.js";

/** The search index's snapshot (issue 16, migration 0028): a header row and compressed chunks. */
export const snapshotHeaderRow = z.object({
  seq: col.number,
  format: col.number,
  bytes: col.number,
  chunks: col.number,
  checksum: z.string(),
  entries: col.number,
  seq_sum: col.number,
});
export type SnapshotHeader = z.infer<typeof snapshotHeaderRow>;

export const readSnapshotHeader = oneRow(
  snapshotHeaderRow,
  () =>
    sql`select seq, format, bytes, chunks, checksum, entries, seq_sum from kb_search_snapshot where id = 1`,
);

const chunkRow = z.object({ data: z.instanceof(Uint8Array) });

/**
 * One chunk; read one at a time so the driver never holds the whole snapshot. On PostgreSQL the
 * bytes come as base64 (a third more than the bytes): bytea as text is hex, twice their size to
 * send and to parse, and pg's binary mode reads bytea as a UTF-8 string, which damages it.
 */
export async function readSnapshotChunk(db: Executor, n: number): Promise<Uint8Array | undefined> {
  if (poolOf(db)) {
    return selectValue(
      db,
      "data",
      col.base64Bytes,
      sql`select ${base64Of(sql`data`)} as data from kb_search_snapshot_chunks where n = ${n}`,
    );
  }
  return (await selectOne(db, chunkRow, sql`select data from kb_search_snapshot_chunks where n = ${n}`))
    ?.data;
}

/**
 * Replaces the snapshot, all or nothing, unless the stored one is at least as recent (another
 * process got there first). Returns whether it was written.
 */
export async function writeSnapshot(
  db: Db,
  header: SnapshotHeader,
  chunks: readonly Uint8Array[],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`insert into kb_search_snapshot (id, seq, format, bytes, chunks, checksum, entries, seq_sum)
      values (1, 0, 0, 1, 1, ${"0".repeat(64)}, 0, 0) on conflict (id) do nothing`);
    const [current] = await select(
      tx,
      z.object({ seq: col.number, format: col.number }),
      sql`select seq, format from kb_search_snapshot where id = 1 for update`,
    );
    if (current && current.format === header.format && current.seq >= header.seq) return false;
    await tx.execute(sql`delete from kb_search_snapshot_chunks`);
    for (const [n, data] of chunks.entries())
      await tx.execute(sql`insert into kb_search_snapshot_chunks (n, data) values (${n}, ${data})`);
    await tx.execute(sql`update kb_search_snapshot set seq = ${header.seq}, format = ${header.format},
      bytes = ${header.bytes}, chunks = ${header.chunks}, checksum = ${header.checksum},
      entries = ${header.entries}, seq_sum = ${header.seq_sum}, written_at = now() where id = 1`);
    return true;
  });
}

/** Drops a snapshot found unusable, so no other process trusts it either. */
export async function deleteSnapshot(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from kb_search_snapshot`);
    await tx.execute(sql`delete from kb_search_snapshot_chunks`);
  });
}

const fingerprintRow = z.object({ entries: col.number, seq_sum: col.number });

/**
 * What an index caught up to `seq` must hold: the entries not archived with search_seq ≤ seq,
 * their count and the sum of their search_seq. An entry deleted or changed without the counter
 * (a restore, a hand edit) makes it differ.
 */
export async function indexFingerprint(
  db: Executor,
  seq: number,
): Promise<{ entries: number; seq_sum: number }> {
  const row = await selectOne(
    db,
    fingerprintRow,
    sql`select count(*)::int as entries, coalesce(sum(search_seq), 0) as seq_sum
        from kb_entries where status <> 'archived' and search_seq <= ${seq}`,
  );
  return row ?? { entries: 0, seq_sum: 0 };
}
