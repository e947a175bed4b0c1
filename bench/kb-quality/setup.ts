import { existsSync } from "node:fs";
import path from "node:path";
import { testConfig } from "../../src/server/config.js";
import type { AppContext } from "../../src/server/context.js";
import { systemClock } from "../../src/server/context.js";
import { type Database, openDatabase } from "../../src/server/db/client.js";
import { migrate } from "../../src/server/db/migrate.js";
import { seedReference } from "../../src/server/db/seed/reference.js";
import { createLogger } from "../../src/server/logger.js";
import { importKbFile } from "../../src/server/services/kb-import.service.js";
import { freshDatabase, repoRoot } from "../lib/server.js";

/**
 * Shared by the kb benchmarks: the research-only dataset stays in ../shared, never in the repo
 * (`KB_DATASET_DIR` names another folder, e.g. from a worktree one level deeper than main).
 */
export { repoRoot };
export const datasetDir = path.resolve(
  process.env.KB_DATASET_DIR ?? path.resolve(repoRoot, "../shared/data/UIT-ViCoV19QA/2_ans"),
);
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

/** A fresh, migrated database: in-memory PGlite, or a throw-away PostgreSQL database dropped by close(). */
export async function freshContext(
  kind: "pglite" | "postgres",
): Promise<AppContext & { url?: string; close(): Promise<void> }> {
  let database: Database;
  let drop = async () => {};
  let url: string | undefined;
  if (kind === "pglite") database = await openDatabase({ dataDir: "memory" });
  else {
    const fresh = await freshDatabase("bench_kb");
    database = await openDatabase({ url: fresh.url, poolSize: 8 });
    drop = fresh.drop;
    url = fresh.url;
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
    url,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/**
 * The CLI's import, as `npm run kb -- import FILE --delimiter '|' --question Question --answer Answer_1 --external-id id --status published`.
 * Rows the personal-data guard holds for review (issue 13) come in as `proposed`; they are counted
 * and printed, and the bench searches them too: it measures retrieval, not the review workflow.
 */
export async function importDataset(ctx: AppContext): Promise<number> {
  let total = 0;
  let held = 0;
  for (const s of splits) {
    const summary = await importKbFile(ctx, splitFile(s), {
      delimiter: "|",
      question: "Question",
      answer: "Answer_1",
      externalId: "id",
      status: "published",
    });
    total += summary.imported + summary.updated + summary.unchanged;
    held += summary.held.length;
    if (summary.rejected.length)
      console.warn(`${s}: ${summary.rejected.length} rows rejected`, summary.rejected.slice(0, 3));
  }
  console.log(`${held} of ${total} rows held as proposed by the personal-data guard (searched all the same)`);
  return total;
}
