import { expect, it } from "vitest";
import { runFault } from "../test/fault-run.js";

/**
 * Issue 15's fault run, short: FAULT_SECONDS (default 30) with FAULT_CLIENTS (default 16) clients
 * submitting under Idempotency-Keys while the server is SIGKILLed twice and a private PostgreSQL is
 * restarted once. The full run (64 clients, 2 minutes) is `npm run bench:fault`.
 */
const seconds = Number(process.env.FAULT_SECONDS ?? 30);
const clients = Number(process.env.FAULT_CLIENTS ?? 16);

it(
  `${clients} clients for ${seconds} s, two SIGKILLs and a PostgreSQL restart: nothing lost, nothing twice`,
  async () => {
    const counts = await runFault({ clients, seconds });
    console.log(JSON.stringify(counts));
    expect(counts.acknowledged).toBeGreaterThan(0);
    expect(counts.acknowledgedFoundOnce).toBe(counts.acknowledged);
    expect(counts.acknowledgedMissing).toBe(0);
    expect(counts.keysStoredTwice).toBe(0);
    // Every stored request was eventually acknowledged: a client that retried heard back.
    expect(counts.storedNeverAcknowledged).toBe(0);
    expect(counts.twoXxWhileDatabaseDown).toBe(0);
    expect(counts.databaseRecoveryMs).toBeGreaterThanOrEqual(0);
    expect(counts.databaseRecoveryMs).toBeLessThan(30_000);
  },
  (seconds + 150) * 1000,
);
