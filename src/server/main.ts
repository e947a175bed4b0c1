import { networkInterfaces } from "node:os";
import { buildApp } from "./app.js";
import { openAppContext } from "./bootstrap.js";
import { unconfiguredChannels } from "./channels/settings.js";
import { apiDocsEnabled, loadConfig } from "./config.js";
import { demoLoginLines, seedDemo } from "./demo/seed.js";
import { startChannelJobs } from "./jobs/channel-jobs.js";
import { startDataRightsJobs } from "./jobs/data-rights-jobs.js";
import { startMaintenanceJobs } from "./jobs/maintenance.js";
import { startObligationJobs } from "./jobs/obligation-jobs.js";
import { startPhoneJobs } from "./jobs/phone-jobs.js";
import { createLogger } from "./logger.js";
import { createServices } from "./services/index.js";
import { lanAddresses, startupLines } from "./startup-banner.js";

/** Process entry: configuration, database, migrations, seed, listen, signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const ctx = await openAppContext(config, logger);
  const { database } = ctx;
  // One set of services and channel adapters for the demo seed, routes and jobs: a request opened
  // by a channel reaches the live stream.
  const services = createServices(ctx);
  // Demo accounts and data everywhere but production.
  const demo = config.NODE_ENV !== "production";
  if (demo) {
    const ran = await seedDemo(ctx, { services });
    if (ran.length > 0) logger.info({ seeders: ran }, "demo data seeded");
  }
  // Handling times of answers met before migration 0022 (or loaded in bulk), before any report.
  const filled = await services.reports.fillHandlingTimes();
  if (filled > 0) logger.info({ slips: filled }, "handling times filled");
  const app = await buildApp(ctx, services);
  const channelJobs = startChannelJobs(ctx, services);
  const maintenance = startMaintenanceJobs(ctx, services);
  const obligationJobs = startObligationJobs(ctx, services);
  const dataRightsJobs = startDataRightsJobs(ctx, services);
  const phoneJobs = startPhoneJobs(ctx, services);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await app.close();
    await channelJobs.stop();
    await maintenance.stop();
    await obligationJobs.stop();
    await dataRightsJobs.stop();
    await phoneJobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.PORT, host: config.HOST });
  const databaseLabel = database.kind === "pglite" ? `embedded, ${config.DATA_DIR}` : "PostgreSQL";
  const [needsFirstAdministrator, unconfigured] = await Promise.all([
    services.users.needsFirstAdministrator(),
    unconfiguredChannels(ctx.db, config),
  ]);
  logger.info(
    { port: config.PORT, database: databaseLabel, unconfigured, needsFirstAdministrator },
    "listening",
  );
  // Plain stdout rather than the JSON log, so a person starting the server can read it.
  console.log(
    startupLines({
      port: config.PORT,
      host: config.HOST,
      lan: lanAddresses(networkInterfaces()),
      database: databaseLabel,
      apiDocs: apiDocsEnabled(config),
      needsFirstAdministrator,
      unconfigured,
    }).join("\n"),
  );
  if (demo) console.log(demoLoginLines().join("\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
