import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
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
  if (config.WORKERS > 1 && !config.DATABASE_URL) {
    throw new Error("WORKERS > 1 needs DATABASE_URL: the embedded database serves one process.");
  }
  if (config.WORKERS > 1 && cluster.isPrimary) return runPrimary(config.WORKERS, config.SESSION_SECRET);
  const logger = createLogger(config);
  const ctx = await openAppContext(config, logger);
  const worker = cluster.isWorker;
  const { database } = ctx;
  // One set of services and channel adapters for the demo seed, routes and jobs: a request opened
  // by a channel reaches the live stream.
  const services = createServices(ctx);
  // Demo accounts and data everywhere but production.
  const demo = config.NODE_ENV !== "production";
  // Under WORKERS=N the first worker seeds; the others wait for it (the primary forks them after).
  if (demo && (!worker || process.env.TONGDAI_WORKER_INDEX === "0")) {
    const ran = await seedDemo(ctx, { services });
    if (ran.length > 0) logger.info({ seeders: ran }, "demo data seeded");
  }
  // The Q&A index loads (from its snapshot, issue 16) while the rest starts, not on the first search.
  services.kb.search.refresh().catch((error: unknown) => logger.warn({ err: error }, "kb index not loaded"));
  // Handling times of answers met before migration 0022 (or loaded in bulk), before any report.
  const filled = await services.reports.fillHandlingTimes();
  if (filled > 0) logger.info({ slips: filled }, "handling times filled");
  // The reports' per-slip facts of slips loaded with triggers off (migration 0029).
  const facts = await services.reports.fillSlipFacts();
  if (facts > 0) logger.info({ slips: facts }, "slip facts filled");
  const app = await buildApp(ctx, services);
  const channelJobs = startChannelJobs(ctx, services);
  const maintenance = startMaintenanceJobs(ctx, services);
  const obligationJobs = startObligationJobs(ctx, services);
  const dataRightsJobs = startDataRightsJobs(ctx, services);
  const phoneJobs = startPhoneJobs(ctx, services);

  // SIGTERM drains (issue 15): /healthz turns 503, the listener stops accepting (new requests on
  // open connections get 503), requests in flight — batched intake statements included — finish,
  // live streams end, job passes finish, then the pool closes. Past SHUTDOWN_TIMEOUT_MS it exits anyway.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "shutdown timed out; exiting");
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    services.system.startDraining();
    // Each step's time is logged, so a slow shutdown says what it waited for.
    const began = Date.now();
    const steps: Record<string, number> = {};
    const step = async (name: string, work: () => Promise<unknown>) => {
      const at = Date.now();
      await work();
      steps[name] = Date.now() - at;
    };
    await step("http", () => app.close());
    await step("channelJobs", () => channelJobs.stop());
    await step("maintenance", () => maintenance.stop());
    await step("obligationJobs", () => obligationJobs.stop());
    await step("dataRightsJobs", () => dataRightsJobs.stop());
    await step("phoneJobs", () => phoneJobs.stop());
    await step("database", () => database.close());
    const ms = Date.now() - began;
    if (ms > 5_000) logger.warn({ ms, steps }, "shut down slowly");
    else logger.info({ ms, steps }, "shut down");
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
    { port: config.PORT, database: databaseLabel, unconfigured, needsFirstAdministrator, pid: process.pid },
    "listening",
  );
  if (worker) {
    process.send?.({ listening: true });
    if (process.env.TONGDAI_WORKER_INDEX !== "0") return;
  }
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

/**
 * WORKERS=N (issue 15): N server processes on one port through node:cluster, one PostgreSQL. The
 * first worker migrates and seeds, then the others start; a worker that dies is replaced; SIGTERM
 * is passed to every worker, which drains, and the primary exits when all have.
 */
async function runPrimary(workers: number, sessionSecret: string | undefined): Promise<void> {
  let stopping = false;
  // Captcha challenges, receipts and reply tokens are signed with SESSION_SECRET, else with a key
  // drawn per process: without it one worker would refuse what another signed. The workers share
  // one key drawn here (it changes on restart; set SESSION_SECRET to keep it, and across machines).
  const secret = sessionSecret ?? randomBytes(32).toString("hex");
  const fork = (index: number) => {
    const w = cluster.fork({ TONGDAI_WORKER_INDEX: String(index), SESSION_SECRET: secret });
    w.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`worker ${index} (pid ${w.process.pid}) exited (${signal ?? code}); starting another`);
      setTimeout(() => fork(index), 1_000);
    });
    return w;
  };
  const first = fork(0);
  await new Promise<void>((resolve) => {
    first.on("message", (m: { listening?: boolean }) => {
      if (m?.listening) resolve();
    });
  });
  for (let i = 1; i < workers; i++) fork(i);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
