import { demoKbEntries } from "./kb.demo.js";
import { demoMassEvents } from "./mass-event.demo.js";
import { demoRequests } from "./request.demo.js";
import type { DemoSeeder } from "./seed.js";

/**
 * Demo data contributed by each part of the product, run in this order after the demo users exist
 * (only when NODE_ENV is not production). Add one import and one entry per seeder; each runs once
 * per database, remembered by name in the event log, so a seeder added later still runs on an
 * existing demo database. Example:
 *
 *   import { demoRequests } from "./request.demo.js";
 *   export const demoSeeders: DemoSeeder[] = [demoRequests];
 */
export const demoSeeders: DemoSeeder[] = [demoRequests, demoKbEntries, demoMassEvents];
