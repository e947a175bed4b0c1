import { execFile, execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort, type ServerProcess, startServerProcess } from "./processes.js";

/**
 * The fault run of issue 15: clients submit with Idempotency-Keys (retrying the same key on any
 * error) while the server is SIGKILLed twice and PostgreSQL — a private instance started here with
 * initdb/pg_ctl in a temporary directory, never the machine's own cluster — is restarted once.
 * Returns the counts; the test and bench/fault check and print them.
 */
const BIN = "/usr/lib/postgresql/15/bin";

export interface FaultCounts {
  clients: number;
  seconds: number;
  keys: number;
  acknowledged: number;
  retries: number;
  storedRequests: number;
  acknowledgedFoundOnce: number;
  acknowledgedMissing: number;
  keysStoredTwice: number;
  storedNeverAcknowledged: number;
  /**
   * 2xx answers received more than a second after PostgreSQL had stopped and before it was started
   * again: must be 0. (An answer to a statement committed before the stop can reach the client just
   * after it, when the loaded event loops lag: those are `twoXxAtStopEdgeMs`, each one checked stored.)
   */
  twoXxWhileDatabaseDown: number;
  twoXxAtStopEdgeMs: number[];
  refusedWhileDown: number;
  databaseRecoveryMs: number;
  serverRestartMs: number[];
}

/** A PostgreSQL of our own on a free port, run as the postgres user when we are root. */
async function privatePostgres() {
  const dir = mkdtempSync(path.join(tmpdir(), "fault-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  const asPg = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  const run = (cmd: string, args: string[]) => {
    const [head, ...rest] = [...asPg, path.join(BIN, cmd), ...args];
    execFileSync(head as string, rest, { stdio: "ignore" });
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  // Asynchronous during the run: a blocked event loop would misdate the clients' answers.
  const runAsync = async (cmd: string, args: string[]) => {
    const [head, ...rest] = [...asPg, path.join(BIN, cmd), ...args];
    await promisify(execFile)(head as string, rest);
  };
  const startArgs = ["-D", data, "-o", opts, "-w", "-t", "30", "-l", path.join(dir, "log"), "start"];
  const stopArgs = ["-D", data, "-m", "fast", "-w", "stop"];
  const start = () => runAsync("pg_ctl", startArgs);
  const stop = () => runAsync("pg_ctl", stopArgs);
  run("pg_ctl", startArgs);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query("create database fault");
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/fault`,
    start,
    stop,
    destroy() {
      try {
        run("pg_ctl", stopArgs);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runFault(options: { clients: number; seconds: number }): Promise<FaultCounts> {
  const db = await privatePostgres();
  const port = await freePort();
  const env = {
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: "8",
    DATABASE_CONNECT_TIMEOUT_MS: "2000",
    DATABASE_QUERY_TIMEOUT_MS: "5000",
    CAPTCHA: "off",
    PUBLIC_RATE_LIMIT: "10000000",
    SESSION_SECRET: "fault-run-secret-0123456789abcdef01234567",
  };
  let server: ServerProcess | null = await startServerProcess(env, { port });
  const url = server.url;
  const ms = options.seconds * 1000;
  const t0 = Date.now();
  const deadline = t0 + ms;
  const acked = new Map<string, string>(); // key → code
  let keys = 0;
  let retries = 0;
  let twoXxWhileDown = 0;
  const edge: number[] = [];
  let refusedWhileDown = 0;
  let down: { from: number; to: number } | null = null;
  let recoveryFrom = 0;
  let databaseRecoveryMs = -1;

  const client = async (c: number) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const key = randomUUID();
      keys++;
      const body = JSON.stringify({
        fullName: `Khách ${c}`,
        phone: `0935${String(c).padStart(3, "0")}${String(n % 1000).padStart(3, "0")}`,
        address: `Thôn ${c}, xã Quảng Phú`,
        content: `Yêu cầu thử lỗi ${key}`,
      });
      // Retry the same key until it is acknowledged (or the run is long over).
      for (let attempt = 0; Date.now() < deadline + 45_000; attempt++) {
        if (attempt > 0) retries++;
        const res = await fetch(`${url}/api/v1/public/requests`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": key },
          body,
          signal: AbortSignal.timeout(10_000),
        }).catch(() => null);
        const at = Date.now();
        const inDown = down !== null && at >= down.from && (down.to === 0 || at <= down.to);
        if (res && res.status >= 200 && res.status < 300) {
          if (inDown && down && at - down.from > 1_000) twoXxWhileDown++;
          else if (inDown && down) edge.push(at - down.from);
          const { code } = (await res.json()) as { code: string };
          acked.set(key, code);
          if (recoveryFrom > 0 && databaseRecoveryMs < 0) databaseRecoveryMs = at - recoveryFrom;
          break;
        }
        if (res) await res.arrayBuffer().catch(() => undefined);
        if (inDown && res) refusedWhileDown++;
        await sleep(200 + Math.random() * 300);
      }
    }
  };

  const restartMs: number[] = [];
  const killAndRestart = async () => {
    await server?.kill();
    const from = Date.now();
    server = await startServerProcess(env, { port });
    restartMs.push(Date.now() - from);
  };
  const chaos = (async () => {
    await sleep(ms * 0.2);
    await killAndRestart();
    await sleep(Math.max(0, t0 + ms * 0.45 - Date.now()));
    await db.stop();
    down = { from: Date.now(), to: 0 };
    await sleep(5_000);
    down.to = Date.now();
    recoveryFrom = Date.now();
    await db.start();
    await sleep(Math.max(0, t0 + ms * 0.75 - Date.now()));
    await killAndRestart();
  })();
  await Promise.all([...Array.from({ length: options.clients }, (_, c) => client(c)), chaos]);

  const check = new pg.Client({ connectionString: db.url });
  await check.connect();
  const rows = (
    await check.query<{ code: string; key: string }>(
      `select code, substring(content from 'Yêu cầu thử lỗi (.*)$') as key from requests`,
    )
  ).rows;
  await check.end();
  await server?.stop();
  db.destroy();
  const byKey = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const r of rows) {
    byKey.set(r.key, (byKey.get(r.key) ?? 0) + 1);
    codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
  }
  let foundOnce = 0;
  let missing = 0;
  for (const code of acked.values()) {
    if (codes.get(code) === 1) foundOnce++;
    else missing++;
  }
  return {
    clients: options.clients,
    seconds: options.seconds,
    keys,
    acknowledged: acked.size,
    retries,
    storedRequests: rows.length,
    acknowledgedFoundOnce: foundOnce,
    acknowledgedMissing: missing,
    keysStoredTwice: [...byKey.values()].filter((n) => n > 1).length,
    storedNeverAcknowledged: [...byKey.keys()].filter((k) => !acked.has(k)).length,
    twoXxWhileDatabaseDown: twoXxWhileDown,
    twoXxAtStopEdgeMs: edge,
    refusedWhileDown,
    databaseRecoveryMs,
    serverRestartMs: restartMs,
  };
}
