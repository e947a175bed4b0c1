import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { Database, Db } from "./db/client.js";

/** Time as a dependency, so deadline tests can move it; production uses the wall clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every service is built from: configuration, the database, the clock, the logger. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  logger: Logger;
}
