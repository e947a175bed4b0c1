import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseFor, freePort } from "../test/processes.js";
import { until } from "../test/until.js";
import { type Database, execRaw, openDatabase } from "./db/client.js";
import { insertUser } from "./db/repositories/user.repository.js";
import { hashPassword } from "./services/credentials.js";

/**
 * Issue 15: `WORKERS=2 npm start` — the real entry point (scripts/start.mjs, what `npm start` runs,
 * then tsx, main.ts and node:cluster) — on PostgreSQL: two worker processes answer on one port,
 * a live update made on one reaches a console connected to the other, a captcha drawn on one is
 * accepted by the other without SESSION_SECRET (the primary gives the workers one key), and
 * SIGTERM stops every worker cleanly. PostgreSQL pass only: WORKERS > 1 needs DATABASE_URL, and the
 * embedded pass has no server to give it (the three-process test covers the other layout).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const PASSWORD = "Mat-khau-du-dai-2026!";

let db: Awaited<ReturnType<typeof createDatabaseFor>>;
let database: Database;
let child: ChildProcess;
let port: number;
let output = "";

/** One HTTP connection of its own (so node:cluster may hand it to either worker), kept for a few requests. */
function connection() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: url,
          method,
          agent,
          headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers },
          timeout: 20_000,
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            text += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        },
      );
      req.on("error", reject);
      req.on("timeout", () => req.destroy(new Error(`${method} ${url}: no answer in 20 s`)));
      req.end(body ? JSON.stringify(body) : undefined);
    });
  return {
    agent,
    request,
    async health(): Promise<{ pid: number; relay: string }> {
      const res = await request("GET", "/healthz");
      expect(res.status, res.text).toBe(200);
      return JSON.parse(res.text) as { pid: number; relay: string };
    },
  };
}

/** A connection answered by a worker other than `not` (node:cluster deals connections round-robin). */
async function connectionTo(not: number | null) {
  for (let i = 0; i < 20; i++) {
    const c = connection();
    const { pid } = await c.health();
    if (pid !== not) return { ...c, workerPid: pid };
    c.agent.destroy();
  }
  throw new Error(`every connection went to worker ${not}:\n${output}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const untilPrinted = <T>(what: string, ms: number, probe: () => Promise<T | undefined> | T | undefined) =>
  until(what, ms, probe, () => output.slice(-3000));

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createDatabaseFor("workers");
  port = await freePort();
  child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      WORKERS: "2",
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: "4",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      CAPTCHA: "on",
      SESSION_SECRET: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  // Both workers up: healthz answered by two different pids on fresh connections.
  const pids = new Set<number>();
  await untilPrinted("two workers answering", 120_000, async () => {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    const c = connection();
    const pid = (await c.health().catch(() => undefined))?.pid;
    c.agent.destroy();
    if (pid) pids.add(pid);
    return pids.size >= 2 ? true : undefined;
  });
  database = await openDatabase({ url: db.url, poolSize: 2 });
  await insertUser(database.db, {
    username: "dieuphoi",
    passwordHash: await hashPassword(PASSWORD),
    fullName: "Cán bộ trực",
    role: "operator",
    agencyId: null,
  });
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
  }
  await database?.close();
  await db?.drop();
});

describe.skipIf(!onPostgres)("WORKERS=2 npm start on PostgreSQL (issue 15)", () => {
  it("two workers on one port: live updates and captchas across them, SIGTERM stops both", async () => {
    // A console signed in on worker A, its live stream open on the same connection.
    const a = await connectionTo(null);
    // Its relay's LISTEN connection is up (asked on the same connection, so of the same worker).
    await untilPrinted("worker A listening", 15_000, async () =>
      (await a.health()).relay === "listening" ? true : undefined,
    );
    const login = await a.request("POST", "/api/v1/auth/login", { username: "dieuphoi", password: PASSWORD });
    expect(login.status, login.text).toBe(200);
    const cookie = (login.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
    // A citizen draws a captcha on A (before the stream takes A's connection) and submits on worker B.
    const challenge = JSON.parse((await a.request("GET", "/api/v1/public/captcha")).text) as {
      salt: string;
      challenge: string;
      maxnumber?: number;
    };
    const { maxnumber, ...rest } = challenge;
    let captcha = "";
    for (let n = 0; n <= (maxnumber ?? 1_000_000) && !captcha; n++)
      if (createHash("sha256").update(`${rest.salt}${n}`).digest("hex") === rest.challenge)
        captcha = Buffer.from(JSON.stringify({ ...rest, number: n })).toString("base64");
    let seen = "";
    const stream = http.get({
      host: "127.0.0.1",
      port,
      path: "/api/v1/stream",
      agent: a.agent,
      headers: { cookie },
    });
    const streaming = new Promise<number>((resolve, reject) => {
      stream.on("response", (res) => {
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          seen += d;
        });
        resolve(res.statusCode ?? 0);
      });
      stream.on("error", reject);
    });
    expect(await streaming).toBe(200);
    await untilPrinted("the stream opened", 10_000, () => (seen.length > 0 ? true : undefined));

    const b = await connectionTo(a.workerPid);
    const submitted = await b.request(
      "POST",
      "/api/v1/public/requests",
      {
        fullName: "Người gửi",
        phone: "0966012345",
        address: "Thôn 1, xã Quảng Phú",
        content: "Xin hỏi thủ tục (kiểm thử WORKERS=2).",
        captcha,
      },
      { "idempotency-key": "workers-1" },
    );
    expect(submitted.status, submitted.text).toBe(201);
    const { code } = JSON.parse(submitted.text) as { code: string };
    // The console on A hears of the request stored by B (LISTEN/NOTIFY between the workers).
    await untilPrinted("the live update on the other worker", 15_000, () =>
      seen.includes(code) ? true : undefined,
    );
    stream.destroy();
    a.agent.destroy();
    b.agent.destroy();

    // SIGTERM to `npm start`: every worker drains and exits, then the primary; nothing stays connected.
    const workers = [a.workerPid, b.workerPid];
    const exited = new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    child.kill("SIGTERM");
    const code0 = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 40_000))]);
    expect(code0, output.slice(-3000)).toBe(0);
    for (const pid of workers) expect(alive(pid), `worker ${pid}`).toBe(false);
    const left = await execRaw<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    // Only this test's own pool (at most its two connections) is left.
    expect(left[0]?.n ?? 0).toBeLessThanOrEqual(1);
  }, 120_000);
});
