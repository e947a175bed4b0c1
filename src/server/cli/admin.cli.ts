import { mkdir } from "node:fs/promises";
import { AppError } from "../../shared/errors.js";
import { loadConfig } from "../config.js";
import { systemClock } from "../context.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { seedReference } from "../db/seed/reference.js";
import { createLogger } from "../logger.js";
import { runAdminCommand } from "./admin-commands.js";

/** `npm run admin -- <command>` on the same database as the server (DATABASE_URL or DATA_DIR). */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.DATABASE_URL) await mkdir(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await migrate(database);
    // Same first-start state as the server, so an import onto a new database merges with the seed.
    await seedReference(database.db);
    const logger = createLogger({ LOG_LEVEL: "warn" });
    const ctx = { config, database, db: database.db, clock: systemClock, logger };
    return await runAdminCommand(ctx, process.argv.slice(2), (line) => console.log(line));
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof AppError ? `${error.code}: ${error.message}` : error);
    process.exit(1);
  },
);
