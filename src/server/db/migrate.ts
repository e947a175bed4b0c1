import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./client.js";

export const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

const ledger =
  "create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())";

/**
 * Applies every SQL file of db/migrations not yet applied, in name order (forward-only, never
 * edited once landed): on PGlite each in its own transaction; on PostgreSQL all pending ones in one
 * transaction under a transaction-level advisory lock, so two processes starting at once never
 * race and nothing session-level is left (PgBouncer transaction mode).
 */
/** The migrations this code ships, in the order they apply. */
export async function migrationNames(): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((f) => f.endsWith(".sql")).sort();
}

/**
 * Tables a migration itself fills (singleton state rows, statutory defaults): a freshly migrated
 * database has rows there and nowhere else. `npm run admin -- restore` replaces them with the backup's.
 */
export const migrationSeededTables = [
  "kb_search_state",
  "log_chain_heads",
  "retention_settings",
  "time_limits",
] as const;

export async function migrate(
  database: Database,
  options: { only?: ReadonlySet<string> } = {},
): Promise<string[]> {
  const files = (await migrationNames()).filter((f) => !options.only || options.only.has(f));
  const scripts = await Promise.all(
    files.map(async (name) => ({ name, text: await readFile(path.join(migrationsDir, name), "utf8") })),
  );
  const applied: string[] = [];
  const record = (name: string) =>
    `insert into schema_migrations (name) values ('${name.replace(/'/g, "''")}')`;
  const { raw } = database;
  if (raw.kind === "pglite") {
    await raw.client.exec(ledger);
    const done = new Set(
      (await raw.client.query<{ name: string }>("select name from schema_migrations")).rows.map(
        (r) => r.name,
      ),
    );
    for (const { name, text } of scripts) {
      if (done.has(name)) continue;
      await raw.client.transaction(async (tx) => {
        await tx.exec(text);
        await tx.exec(record(name));
      });
      applied.push(name);
    }
    return applied;
  }
  // One transaction under a transaction-level advisory lock (issue 15): two processes starting at
  // once apply each migration once, and no session state is left behind (PgBouncer transaction mode).
  const client = await raw.pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(1022)");
    await client.query(ledger);
    const done = new Set(
      (await client.query<{ name: string }>("select name from schema_migrations")).rows.map((r) => r.name),
    );
    for (const { name, text } of scripts) {
      if (done.has(name)) continue;
      try {
        await client.query(`${text}\n;${record(name)};`);
      } catch (error) {
        throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    applied.length = 0;
    throw error;
  } finally {
    client.release();
  }
  return applied;
}
