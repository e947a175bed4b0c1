import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { buildApp } from "../server/app.js";
import { type Config, testConfig } from "../server/config.js";
import { type AppContext, ManualClock } from "../server/context.js";
import { type Database, openDatabase } from "../server/db/client.js";
import { migrate } from "../server/db/migrate.js";
import { seedReference } from "../server/db/seed/reference.js";
import { seedDemo } from "../server/demo/seed.js";
import { createLogger } from "../server/logger.js";
import { createServices, type Services } from "../server/services/index.js";
import { migratedPgliteDump } from "./pglite-template.js";
import { scratchDatabase } from "./scratch-database.js";

/** The tests' clock: a Monday morning in working time unless a test says otherwise. */
export class TestClock extends ManualClock {
  constructor(start: Date = new Date("2026-03-02T09:00:00+07:00")) {
    super(start);
  }
}

/**
 * A fresh, migrated database: in-memory PGlite by default (loaded from the migrated template of
 * pglite-template.ts; `migrate` then finds nothing to apply), or — when TEST_DATABASE_URL is set, as
 * in the second CI pass — a new database created on that PostgreSQL server and dropped at close.
 */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ dataDir: "memory", loadDataDir: await migratedPgliteDump() });
    await migrate(database);
    return database;
  }
  const scratch = await scratchDatabase(`t_${process.pid}`, adminUrl);
  const database = await openDatabase({ url: scratch.url, poolSize: 8 });
  await migrate(database);
  const overlapping = watchOverlappingQueries();
  return {
    ...database,
    close: async () => {
      overlapping.stop();
      await database.close();
      await scratch.drop();
      overlapping.check();
    },
  };
}

/**
 * node-postgres warns (once a process) when a query is sent on a connection that is still running
 * one — two reads of a transaction started together — and pg@9 will refuse it. PGlite runs them in
 * turn without a word, so only the PostgreSQL pass can see it: closing the database fails the file.
 */
function watchOverlappingQueries() {
  const seen: Error[] = [];
  const listen = (warning: Error) => {
    if (warning.message.includes("already executing a query")) seen.push(warning);
  };
  process.on("warning", listen);
  return {
    stop: () => process.off("warning", listen),
    check: () => {
      if (seen.length > 0)
        throw new Error(`queries overlapped on one PostgreSQL connection (a transaction): ${seen[0]?.stack}`);
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** The services the app was built with (and its channel adapters), for tests that drive jobs. */
  services: Services;
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * What the fresh database starts with: "reference" (agencies, the nine fields, refusal reasons —
 * the default), "demo" (also the demo users operator/focal/leader/coordinator/admin with password
 * demo1022 and every demo seeder), "staff" (reference plus the demo users only, without the demo
 * requests and Q&A entries — faster for tests that bring their own data), or "none" (empty tables).
 */
export type TestSeed = "reference" | "staff" | "demo" | "none";

/** Config overrides (upper-case keys) plus harness options. */
export type TestAppOptions = Partial<Config> & {
  seed?: TestSeed;
  /** The clock's start, set before seeding so demo deadlines are placed relative to it. */
  now?: Date;
  /** Where the app logs (a test that reads its own log lines); otherwise see testLogConfig. */
  logDestination?: DestinationStream;
  /**
   * An existing PostgreSQL database to run on (migrated here, left in place at close) instead of a
   * fresh one — e.g. reached through PgBouncer (src/server/pgbouncer.test.ts).
   */
  databaseUrl?: string;
};

/**
 * TEST_LOG_FILE=path makes every test app log at debug level to that file (appended), so a run of
 * the whole suite leaves one log that scripts/check-log-pii.mjs greps for the seeded personal data.
 */
export function testLogConfig(): Partial<Config> {
  const file = process.env.TEST_LOG_FILE;
  return file ? { LOG_LEVEL: "debug", LOG_FILE: file } : {};
}

/** The whole server on a fresh database, driven in-process with app.inject. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { seed = "reference", now, logDestination, databaseUrl, ...overrides } = options;
  const config = testConfig({ ...testLogConfig(), ...overrides });
  const database = databaseUrl
    ? await openDatabase({
        url: databaseUrl,
        poolSize: 8,
        preparedStatements: config.DATABASE_PREPARED_STATEMENTS === "on",
      })
    : await createTestDatabase();
  if (databaseUrl) await migrate(database);
  const clock = new TestClock(now);
  const logger = createLogger(config, logDestination);
  const ctx: AppContext = { config, database, db: database.db, clock, logger };
  if (seed !== "none") await seedReference(database.db);
  const services = createServices(ctx);
  if (seed === "demo") await seedDemo(ctx, { services });
  if (seed === "staff") await seedDemo(ctx, { services, seeders: [] });
  const app = await buildApp(ctx, services);
  await app.ready();
  return {
    app,
    ctx,
    services,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
