import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseFor, type ServerProcess, startServerProcess } from "../test/processes.js";
import { until } from "../test/until.js";
import { startSmtpSink } from "./channels/testing/smtp-sink.js";
import { type Database, execRaw, openDatabase } from "./db/client.js";
import { insertUser } from "./db/repositories/user.repository.js";
import { hashPassword } from "./services/credentials.js";

/**
 * Issue 15: three real server processes (node + tsx on src/server/main.ts, each its own port) on one
 * PostgreSQL database made for this test, and the lifecycle across them.
 */
let db: Awaited<ReturnType<typeof createDatabaseFor>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let database: Database;
const servers: ServerProcess[] = [];

const solve = async (base: string): Promise<string> => {
  const challenge = (await (await fetch(`${base}/api/v1/public/captcha`)).json()) as {
    salt: string;
    challenge: string;
    maxnumber?: number;
  };
  const { maxnumber, ...rest } = challenge;
  for (let n = 0; n <= (maxnumber ?? 1_000_000); n++) {
    if (createHash("sha256").update(`${rest.salt}${n}`).digest("hex") === rest.challenge) {
      return Buffer.from(JSON.stringify({ ...rest, number: n })).toString("base64");
    }
  }
  throw new Error("captcha not solved");
};

const submit = (base: string, i: number, extra: Record<string, unknown>, key?: string) =>
  fetch(`${base}/api/v1/public/requests`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify({
      fullName: `Người gửi ${i}`,
      phone: `09660${String(10_000 + i).slice(-5)}`,
      address: `Thôn ${i}, xã Quảng Phú`,
      content: `Xin hỏi thủ tục số ${i} (kiểm thử nhiều tiến trình).`,
      email: `nguoi${i}@example.vn`,
      ...extra,
    }),
  });

beforeAll(async () => {
  db = await createDatabaseFor("cluster");
  smtp = await startSmtpSink();
  const env = {
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: "4",
    SESSION_SECRET: "cluster-test-secret-0123456789abcdef0123",
    SMTP_URL: smtp.url,
    CAPTCHA: "on",
    PUBLIC_RATE_LIMIT: "1000",
    LOGIN_RATE_LIMIT: "1000",
  };
  // The first one migrates; the other two start together on the migrated database.
  servers.push(await startServerProcess(env));
  servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  database = await openDatabase({ url: db.url, poolSize: 2 });
  await insertUser(database.db, {
    username: "dieuphoi",
    passwordHash: await hashPassword("Mat-khau-du-dai-2026!"),
    fullName: "Cán bộ trực",
    role: "operator",
    agencyId: null,
  });
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  await database?.close();
  await smtp?.close();
  await db?.drop();
});

describe("three server processes on one PostgreSQL (issue 15)", () => {
  it("live updates, one captcha use, each message once, each scheduled job once; SIGTERM drains", async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    // A console signed in on A, listening to the live stream.
    const login = await fetch(`${a.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "dieuphoi", password: "Mat-khau-du-dai-2026!" }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const abort = new AbortController();
    const stream = await fetch(`${a.url}/api/v1/stream`, { headers: { cookie }, signal: abort.signal });
    expect(stream.status, `${cookie} ${await login.clone().text()}`).toBe(200);
    let seen = "";
    const reader = stream.body?.getReader();
    void (async () => {
      for (;;) {
        const chunk = await reader?.read().catch(() => undefined);
        if (!chunk || chunk.done) return;
        seen += Buffer.from(chunk.value).toString("utf8");
      }
    })();
    // A's relay has its LISTEN connection up (it says so on /healthz).
    await until("A listening", 10_000, async () => {
      const health = (await (await fetch(`${a.url}/healthz`)).json()) as { relay?: string };
      return health.relay === "listening" ? true : undefined;
    });

    // A citizen solves a captcha issued by C and submits on B.
    const captcha = await solve(c.url);
    const first = await submit(b.url, 1, { captcha }, "cluster-key-1");
    expect(first.status).toBe(201);
    const { code } = (await first.json()) as { code: string };
    // The same solution, on any process, is refused; the same key on another process replays.
    for (const s of [a, b, c]) {
      const replay = await submit(s.url, 2, { captcha });
      expect(replay.status, s.url).toBe(400);
      expect(((await replay.json()) as { error: { code: string } }).error.code).toBe("CAPTCHA_INVALID");
    }
    const again = await submit(c.url, 1, {}, "cluster-key-1");
    expect(again.status).toBe(201);
    expect(((await again.json()) as { code: string }).code).toBe(code);

    // The console on A sees the request made on B.
    await until("the live update on A", 10_000, async () => (seen.includes(code) ? true : undefined));

    // Nine more, three per process: ten acknowledgements, each sent exactly once.
    for (let i = 3; i < 12; i++) {
      const s = servers[i % 3] as ServerProcess;
      const res = await submit(s.url, i, { captcha: await solve(s.url) });
      expect(res.status).toBe(201);
    }
    const want = ["nguoi1@example.vn", ...Array.from({ length: 9 }, (_, k) => `nguoi${k + 3}@example.vn`)];
    // Every acknowledgement is settled (sent, or given up): no worker holds or will retry one, so no
    // second delivery can come after this.
    await until("the outbox settled", 30_000, async () => {
      const [row] = await execRaw<{ n: number; open: number }>(
        database.db,
        sql`select count(*)::int as n, count(*) filter (where status in ('pending', 'sending'))::int as open
            from outbox where channel = 'email'`,
      );
      return row && row.n >= want.length && row.open === 0 ? true : undefined;
    });
    const to = smtp.received.flatMap((m) => m.envelopeTo).sort();
    expect(to).toEqual([...want].sort());

    // Every scheduled job ran once, although three processes tick (each ticks once at start-up).
    const runs = await until("the scheduled jobs' first runs", 30_000, async () => {
      const rows = await execRaw<{ job: string; runs: number }>(
        database.db,
        sql`select job, runs::int from job_runs`,
      );
      return rows.length >= 5 ? rows : undefined;
    });
    for (const r of runs) expect(r.runs, r.job).toBe(1);
    const stored = await execRaw<{ n: number }>(database.db, sql`select count(*)::int as n from requests`);
    expect(stored[0]?.n).toBe(10);

    // SIGTERM: the stream ends, each process exits 0.
    abort.abort();
    const codes = await Promise.all(servers.map((s) => s.stop()));
    expect(codes).toEqual([0, 0, 0]);
  }, 120_000);
});
