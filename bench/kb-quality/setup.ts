import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { testConfig } from "../../src/server/config.js";
import type { AppContext } from "../../src/server/context.js";
import { systemClock } from "../../src/server/context.js";
import { type Database, openDatabase } from "../../src/server/db/client.js";
import { migrate } from "../../src/server/db/migrate.js";
import { seedReference } from "../../src/server/db/seed/reference.js";
import { createLogger } from "../../src/server/logger.js";
import { importKbFile } from "../../src/server/services/kb-import.service.js";

/** Shared by the kb benchmarks: the research-only dataset stays in ../shared, never in the repo. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const datasetDir = path.resolve(repoRoot, "../shared/data/UIT-ViCoV19QA/2_ans");
export const splits = ["train", "val", "test"] as const;
export const splitFile = (s: (typeof splits)[number]) => path.join(datasetDir, `UIT-ViCoV19QA_${s}.csv`);

export function requireDataset(): void {
  const missing = splits.map(splitFile).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(
      `UIT-ViCoV19QA not found: ${missing.join(", ")}\nPut the dataset in ${datasetDir} (research licence: it is never copied into the repository).`,
    );
    process.exit(2);
  }
}

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh, migrated database: in-memory PGlite, or a throw-away PostgreSQL database dropped by close(). */
export async function freshContext(
  kind: "pglite" | "postgres",
): Promise<AppContext & { close(): Promise<void> }> {
  let database: Database;
  let drop = async () => {};
  if (kind === "pglite") database = await openDatabase({ dataDir: "memory" });
  else {
    const name = `bench_kb_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 8 });
    drop = async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  await migrate(database);
  await seedReference(database.db);
  const config = testConfig({ LOG_LEVEL: "silent" });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    clock: systemClock,
    logger: createLogger(config),
  };
  return {
    ...ctx,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** The CLI's import, as `npm run kb -- import FILE --delimiter '|' --question Question --answer Answer_1 --external-id id --status published`. */
export async function importDataset(ctx: AppContext): Promise<number> {
  let total = 0;
  for (const s of splits) {
    const summary = await importKbFile(ctx, splitFile(s), {
      delimiter: "|",
      question: "Question",
      answer: "Answer_1",
      externalId: "id",
      status: "published",
    });
    total += summary.imported + summary.updated + summary.unchanged;
    if (summary.rejected.length)
      console.warn(`${s}: ${summary.rejected.length} rows rejected`, summary.rejected.slice(0, 3));
  }
  return total;
}
