import { mkdir } from "node:fs/promises";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { systemClock } from "./context.js";
import { openDatabase } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { demoLoginLines, seedDemo } from "./db/seed/demo.js";
import { seedReference } from "./db/seed/reference.js";
import { startChannelJobs } from "./jobs/channel-jobs.js";
import { startMaintenanceJobs } from "./jobs/maintenance.js";
import { createLogger } from "./logger.js";
import { createServices } from "./services/index.js";

/** Process entry: configuration, database, migrations, seed, listen, signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (!config.DATABASE_URL) await mkdir(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
    onIdleError: (error) => logger.warn({ err: error }, "idle database connection lost"),
  });
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ applied }, "migrations applied");
  const ctx = { config, database, db: database.db, clock: systemClock, logger };
  // Reference data on an empty database; demo accounts and data everywhere but production.
  const seeded = await seedReference(database.db);
  if (seeded.agencies + seeded.fields + seeded.refusalReasons > 0)
    logger.info(seeded, "reference data seeded");
  const demo = config.NODE_ENV !== "production";
  if (demo) {
    const ran = await seedDemo(ctx);
    if (ran.length > 0) logger.info({ seeders: ran }, "demo data seeded");
  }
  // One set of services for routes and jobs: a request opened by a channel reaches the live stream.
  const services = createServices(ctx);
  const app = await buildApp(ctx, services);
  const channelJobs = startChannelJobs(ctx, services.requests.intakeFromChannel);
  const maintenance = startMaintenanceJobs(ctx, services);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await app.close();
    await channelJobs.stop();
    await maintenance.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info(
    `Tổng đài 1022 is running at http://localhost:${config.PORT} (database: ${database.kind === "pglite" ? `embedded, ${config.DATA_DIR}` : "PostgreSQL"})`,
  );
  // Plain stdout rather than the JSON log, so a person starting the demo can read it.
  if (demo) console.log(demoLoginLines().join("\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
