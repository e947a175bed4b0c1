import type { Database } from "./client.js";

/** The backup file's header, the catalogue it is read from, and the raw transactions (see backup.ts). */
export const BACKUP_FORMAT = "tongdai-1022-backup";
export const BACKUP_VERSION = 1;
export class BackupError extends Error {}

export interface TableInfo {
  name: string;
  columns: string[];
  rows: number;
}
export interface SequenceInfo {
  name: string;
  lastValue: string;
  isCalled: boolean;
}
export interface BackupHeader {
  format: string;
  version: number;
  createdAt: string;
  database: "pglite" | "postgres";
  migrations: string[];
  tables: TableInfo[];
  sequences: SequenceInfo[];
}

export type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** One transaction on the raw driver; `begin` is the statement that opens it. */
export async function inTransaction<T>(
  database: Database,
  begin: string,
  fn: (q: Query) => Promise<T>,
): Promise<T> {
  const { raw } = database;
  if (raw.kind === "pglite") {
    return raw.client.transaction(async (tx) => {
      // PGlite has already said BEGIN; the mode must be the transaction's first statement.
      if (begin !== "begin") await tx.query(`set transaction ${begin.replace(/^begin /, "")}`);
      return fn(async (text, params) => (await tx.query<Record<string, unknown>>(text, params)).rows);
    });
  }
  const client = await raw.pool.connect();
  try {
    await client.query(begin);
    const result = await fn(async (text, params) => (await client.query(text, params)).rows);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Application tables (public schema, schema_migrations aside) and their foreign keys. */
export async function catalog(
  q: Query,
): Promise<{ tables: Map<string, string[]>; order: string[]; deps: Map<string, Set<string>> }> {
  const cols = await q(`select c.relname as t, a.attname as c from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'
      order by c.relname, a.attnum`);
  const tables = new Map<string, string[]>();
  for (const r of cols) {
    const list = tables.get(String(r.t)) ?? [];
    list.push(String(r.c));
    tables.set(String(r.t), list);
  }
  const fks = await q(`select c.relname as t, r.relname as ref from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`);
  const deps = new Map<string, Set<string>>([...tables.keys()].map((t) => [t, new Set<string>()]));
  for (const f of fks) if (f.t !== f.ref) deps.get(String(f.t))?.add(String(f.ref));
  // Referenced tables first (self-references are loaded in one statement, see restore).
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: string) => {
    if (state.get(t) === "done") return;
    if (state.get(t) === "visiting") throw new BackupError(`foreign keys form a cycle through ${t}`);
    state.set(t, "visiting");
    for (const d of [...(deps.get(t) ?? [])].sort()) if (tables.has(d)) visit(d);
    state.set(t, "done");
    order.push(t);
  };
  for (const t of [...tables.keys()].sort()) visit(t);
  return { tables, order, deps };
}

export async function appliedMigrations(q: Query): Promise<string[] | null> {
  const exists = await q(`select to_regclass('public.schema_migrations') is not null as ok`);
  if (!exists[0]?.ok) return null;
  return (await q(`select name from schema_migrations order by name`)).map((r) => String(r.name));
}
