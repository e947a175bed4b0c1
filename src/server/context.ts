import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { Database, Db } from "./db/client.js";

/** Time as a dependency, so deadline tests can move it; production uses the wall clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that is set and moved by hand: tests move it instead of sleeping, and the demo seed
 * walks it through the past so demo deadlines come out late, due soon or fine.
 */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(instant: Date | string | number): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** What every service is built from: configuration, the database, the clock, the logger. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  logger: Logger;
}
