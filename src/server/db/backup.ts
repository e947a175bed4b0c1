import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import {
  appliedMigrations,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupHeader,
  catalog,
  ident,
  inTransaction,
  type SequenceInfo,
  type TableInfo,
} from "./backup-catalog.js";
import type { Database } from "./client.js";
import { migrate, migrationNames, migrationSeededTables } from "./migrate.js";

/**
 * `npm run admin -- backup FILE` / `restore FILE` (issue 14) on either driver, and across them.
 *
 * The file is gzip'd NDJSON: a header line {format, version, createdAt, migrations, tables (name,
 * columns, rows in load order), sequences}, then one line per row `{"t":"<table>","r":<row>}` where
 * the row is PostgreSQL's own `to_jsonb(row)` text, written verbatim (timestamps to the microsecond
 * with their offset, numerics and jsonb exactly as stored, bytea as "\x…" hex), then a trailer
 * {"end":true,"rows":N}. schema_migrations is not copied: restore re-runs the listed migrations.
 */
const BATCH = 500;

/**
 * Writes one consistent snapshot (REPEATABLE READ, read only) of every application table to FILE,
 * streamed through cursors, via FILE.tmp (mode 0600: it holds personal data) renamed when complete.
 */
export async function backupDatabase(
  database: Database,
  file: string,
  now = new Date(),
): Promise<BackupHeader> {
  const tmp = `${file}.tmp`;
  await rm(tmp, { force: true }); // so the mode below applies to a new file
  const gzip = createGzip();
  // flush: fsync before close, so the renamed file is complete on disk.
  const sink = createWriteStream(tmp, { mode: 0o600, flags: "wx", flush: true });
  const done = new Promise<void>((resolve, reject) => {
    sink.on("close", resolve);
    sink.on("error", reject);
    gzip.on("error", reject);
  });
  gzip.pipe(sink);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  };
  try {
    const header = await inTransaction(
      database,
      "begin isolation level repeatable read read only",
      async (q) => {
        await q(`set local timezone = 'UTC'`);
        const migrations = await appliedMigrations(q);
        if (!migrations)
          throw new BackupError("the database has no schema (no migrations applied): nothing to back up");
        const { tables, order } = await catalog(q);
        const infos: TableInfo[] = [];
        for (const name of order) {
          const [c] = await q(`select count(*)::text as n from ${ident(name)}`);
          infos.push({ name, columns: tables.get(name) ?? [], rows: Number(c?.n) });
        }
        // Read after the snapshot is taken, so each value is at least what the copied rows used.
        const sequences: SequenceInfo[] = [];
        const seqs =
          await q(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'S' order by 1`);
        for (const s of seqs) {
          const [v] = await q(`select last_value::text as v, is_called as c from ${ident(String(s.name))}`);
          sequences.push({ name: String(s.name), lastValue: String(v?.v), isCalled: Boolean(v?.c) });
        }
        const h: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: now.toISOString(),
          database: database.kind,
          migrations,
          tables: infos,
          sequences,
        };
        await write(JSON.stringify(h));
        let total = 0;
        for (const t of infos) {
          await q(
            `declare backup_rows no scroll cursor for select to_jsonb(x)::text as r from ${ident(t.name)} x`,
          );
          for (;;) {
            const rows = await q(`fetch ${BATCH} from backup_rows`);
            for (const r of rows) await write(`{"t":${JSON.stringify(t.name)},"r":${String(r.r)}}`);
            total += rows.length;
            if (rows.length < BATCH) break;
          }
          await q(`close backup_rows`);
        }
        await write(JSON.stringify({ end: true, rows: total }));
        return h;
      },
    );
    gzip.end();
    await done;
    await rename(tmp, file);
    return header;
  } catch (error) {
    gzip.destroy();
    sink.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
}

const rowLine = /^\{"t":"([a-z_][a-z0-9_]*)","r":(\{.*\})\}$/;

/**
 * Reads a backup line by line, checking everything a load relies on; `onRow` sees each row's
 * verbatim JSON text. Throws BackupError for a truncated, corrupted or foreign file.
 */
async function readBackup(
  file: string,
  onHeader: (h: BackupHeader) => Promise<void>,
  onRow: (table: string, row: string) => Promise<void>,
): Promise<BackupHeader> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  let streamError: Error | undefined;
  input.on("error", (e) => {
    streamError = e;
    gunzip.destroy(e);
  });
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  let header: BackupHeader | undefined;
  let index = 0; // table being read
  let seen = 0;
  let total = 0;
  let ended = false;
  let n = 0;
  const bad = (why: string) => new BackupError(`${file}: line ${n}: ${why}`);
  try {
    for await (const line of lines) {
      n++;
      if (ended) throw bad("data after the end marker");
      if (!header) {
        let h: BackupHeader;
        try {
          h = JSON.parse(line) as BackupHeader;
        } catch {
          throw bad("not a backup header");
        }
        if (h?.format !== BACKUP_FORMAT) throw bad(`not a ${BACKUP_FORMAT} file`);
        if (h.version !== BACKUP_VERSION) throw bad(`backup format version ${h.version} is not supported`);
        if (!Array.isArray(h.migrations) || !Array.isArray(h.tables) || !Array.isArray(h.sequences))
          throw bad("incomplete header");
        header = h;
        await onHeader(h);
        continue;
      }
      const m = rowLine.exec(line);
      if (!m) {
        let end: { end?: unknown; rows?: unknown } | undefined;
        try {
          end = JSON.parse(line);
        } catch {
          throw bad("corrupted line");
        }
        if (end?.end !== true) throw bad("corrupted line");
        while (header.tables[index] && seen === header.tables[index]?.rows) {
          index++;
          seen = 0;
        }
        if (index < header.tables.length || end.rows !== total)
          throw bad("the end marker does not match the row counts in the header");
        ended = true;
        continue;
      }
      const [, table = "", row = ""] = m;
      while (
        header.tables[index] &&
        header.tables[index]?.name !== table &&
        seen === header.tables[index]?.rows
      ) {
        index++;
        seen = 0;
      }
      const expected = header.tables[index];
      if (!expected || expected.name !== table || seen >= expected.rows)
        throw bad(`unexpected row for table ${table}`);
      try {
        const parsed: unknown = JSON.parse(row);
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error();
      } catch {
        throw bad("corrupted row");
      }
      seen++;
      total++;
      await onRow(table, row);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file}: cannot be read (${(streamError ?? (error as Error)).message})`);
  }
  if (streamError) throw new BackupError(`${file}: cannot be read (${streamError.message})`);
  if (!header) throw new BackupError(`${file}: empty file`);
  if (!ended) throw new BackupError(`${file}: truncated (no end marker after line ${n})`);
  return header;
}

export interface RestoreResult {
  header: BackupHeader;
  rows: number;
  /** Migrations of this code newer than the backup, applied after the load. */
  upgraded: string[];
}

/**
 * Loads FILE into an empty database: checks the whole file first, applies exactly the backup's
 * migrations, then loads every table in foreign-key order in ONE transaction with the tables' own
 * triggers (hash chains, append-only guards) disabled so stored hashes stay as they were, sets every
 * sequence to its backed-up value, and finally applies this code's newer migrations.
 */
export async function restoreDatabase(database: Database, file: string): Promise<RestoreResult> {
  const known = await migrationNames();
  // 1. The whole file, before anything is written.
  const header = await readBackup(
    file,
    async (h) => {
      const unknown = h.migrations.filter((m) => !known.includes(m));
      if (unknown.length > 0)
        throw new BackupError(
          `the backup is newer than this code (unknown migrations: ${unknown.join(", ")}); restore with the newer version`,
        );
    },
    async () => undefined,
  );
  // 2. The target must hold no application data.
  const targetMigrations = await inTransaction(database, "begin", async (q) => {
    const applied = await appliedMigrations(q);
    if (!applied) return [];
    const { tables } = await catalog(q);
    const busy: string[] = [];
    for (const t of tables.keys()) {
      if ((migrationSeededTables as readonly string[]).includes(t)) continue;
      const [r] = await q(`select exists (select 1 from ${ident(t)}) as any`);
      if (r?.any) busy.push(t);
    }
    if (busy.length > 0)
      throw new BackupError(
        `the target database is not empty (rows in ${busy.slice(0, 5).join(", ")}${busy.length > 5 ? ", …" : ""}); restore only into a new database or an empty data directory`,
      );
    return applied;
  });
  const beyond = targetMigrations.filter((m) => !header.migrations.includes(m));
  if (beyond.length > 0)
    throw new BackupError(
      `the target database is migrated beyond the backup (${beyond.join(", ")}); restore into a new database or an empty data directory`,
    );
  // 3. The backup's schema, exactly.
  await migrate(database, { only: new Set(header.migrations) });
  // 4. The data, all or nothing.
  let rows = 0;
  await inTransaction(database, "begin", async (q) => {
    await q(`set local timezone = 'UTC'`);
    const { tables } = await catalog(q);
    const names = header.tables.map((t) => t.name);
    if (names.length !== tables.size || names.some((t) => !tables.has(t)))
      throw new BackupError("the backup's tables do not match the schema of its migrations");
    for (const t of header.tables) {
      const columns = tables.get(t.name) ?? [];
      if ([...t.columns].sort().join() !== [...columns].sort().join())
        throw new BackupError(`the columns of ${t.name} in the backup do not match the schema`);
    }
    // The file's order must respect this schema's foreign keys (it was computed the same way).
    const { deps } = await catalog(q);
    for (const [t, refs] of deps)
      for (const d of refs)
        if (names.indexOf(d) > names.indexOf(t))
          throw new BackupError(`the backup loads ${t} before ${d}, which it references`);
    for (const t of names) await q(`alter table ${ident(t)} disable trigger user`);
    for (const t of migrationSeededTables) if (tables.has(t)) await q(`delete from ${ident(t)}`);
    await q(`create temp table restore_rows (r jsonb) on commit drop`);
    let current: string | undefined;
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await q(`insert into restore_rows (r) select jsonb_array_elements($1::jsonb)`, [
        `[${batch.join(",")}]`,
      ]);
      batch = [];
    };
    // Rows are staged, then moved in one statement per table, so a self-reference (obligations'
    // parent) is checked when the whole table is there.
    const move = async (t: string) => {
      await flush();
      const cols = (tables.get(t) ?? []).map(ident).join(", ");
      await q(`insert into ${ident(t)} (${cols}) select ${cols.replace(/"([^"]+)"/g, 'x."$1"')}
          from restore_rows s cross join lateral jsonb_populate_record(null::${ident(t)}, s.r) x`);
      await q(`truncate restore_rows`);
    };
    await readBackup(
      file,
      async () => undefined,
      async (table, row) => {
        if (current !== table) {
          if (current) await move(current);
          current = table;
        }
        batch.push(row);
        rows++;
        if (batch.length >= BATCH) await flush();
      },
    );
    if (current) await move(current);
    for (const s of header.sequences) {
      const [ok] = await q(`select to_regclass($1) is not null as ok`, [`public.${ident(s.name)}`]);
      if (!ok?.ok) throw new BackupError(`sequence ${s.name} of the backup does not exist in the schema`);
      await q(`select setval($1::regclass, $2::bigint, $3)`, [
        `public.${ident(s.name)}`,
        s.lastValue,
        s.isCalled,
      ]);
    }
    for (const t of names) await q(`alter table ${ident(t)} enable trigger user`);
    for (const t of header.tables) {
      const [c] = await q(`select count(*)::text as n from ${ident(t.name)}`);
      if (Number(c?.n) !== t.rows)
        throw new BackupError(`${t.name}: ${c?.n} rows loaded, ${t.rows} expected`);
    }
  });
  // 5. This code's newer migrations, as a normal start would apply them.
  const upgraded = await migrate(database);
  return { header, rows, upgraded };
}

export { BACKUP_FORMAT, BACKUP_VERSION, BackupError, type BackupHeader };
