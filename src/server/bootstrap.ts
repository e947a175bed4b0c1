import { mkdir } from "node:fs/promises";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { type AppContext, systemClock } from "./context.js";
import { openDatabase } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { seedReference } from "./db/seed/reference.js";

/**
 * The database the server and the CLIs share (DATABASE_URL, else the embedded one under DATA_DIR),
 * migrated and with the reference data of a first start: one way in for `npm start`,
 * `npm run kb` and `npm run admin`, so an import onto a new database merges with the seed.
 */
export async function openAppContext(
  config: Config,
  logger: Logger,
  options: {
    poolSize?: number /** false: open as is, without migrating or seeding (backup/restore). */;
    prepare?: boolean;
  } = {},
): Promise<AppContext> {
  if (!config.DATABASE_URL) await mkdir(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: options.poolSize ?? config.DATABASE_POOL_SIZE,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: config.DATABASE_QUERY_TIMEOUT_MS,
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS === "on",
    onIdleError: (error) => logger.warn({ err: error }, "idle database connection lost"),
  });
  if (options.prepare === false) return { config, database, db: database.db, clock: systemClock, logger };
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ applied }, "migrations applied");
  const seeded = await seedReference(database.db);
  if (seeded.agencies + seeded.fields + seeded.refusalReasons > 0)
    logger.info(seeded, "reference data seeded");
  return { config, database, db: database.db, clock: systemClock, logger };
}
