import { runFault } from "../../src/test/fault-run.js";

/**
 * Issue 15's full fault run: 64 clients submitting with Idempotency-Keys for 2 minutes (FAULT_CLIENTS,
 * FAULT_SECONDS override) while the server is SIGKILLed twice and a private PostgreSQL (initdb +
 * pg_ctl in a temp dir, never the machine's cluster) is restarted once. Prints the counts.
 */
const clients = Number(process.env.FAULT_CLIENTS ?? 64);
const seconds = Number(process.env.FAULT_SECONDS ?? 120);
const counts = await runFault({ clients, seconds });
for (const [k, v] of Object.entries(counts)) console.log(`${k.padEnd(24)} ${JSON.stringify(v)}`);
const ok =
  counts.acknowledgedMissing === 0 &&
  counts.keysStoredTwice === 0 &&
  counts.twoXxWhileDatabaseDown === 0 &&
  counts.databaseRecoveryMs >= 0 &&
  counts.databaseRecoveryMs < 30_000;
console.log(ok ? "OK" : "FAILED");
process.exit(ok ? 0 : 1);
