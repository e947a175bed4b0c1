/**
 * bench/portal (issue 6): the published-answers page (GET /hoi-dap, server-rendered HTML, R-PU1)
 * and the follow endpoint (GET /api/v1/public/requests/:code?phone=, R-PU2) under 64 concurrent
 * clients for BENCH_SECONDS (default 20) each, next to a bare Fastify route returning a static
 * string, measured in the same run on the same machine. Prints requests/s, p99 and the ratios.
 * Needs PostgreSQL (BENCH_DATABASE_URL, as bench/intake). Seeds BENCH_ANSWERS (default 400)
 * published answers through the public and staff APIs first.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { freePort, freshDatabase, repoRoot, startServer, waitUntilAnswering } from "../lib/server.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 400);
const CONNECTIONS = 64;

interface Measure {
  rate: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Each request from a different client address, so per-address limits measure their cost, not 429s. */
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function load(url: string): Promise<Measure> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, "x-forwarded-for": addressOf(i++) } }),
      },
    ],
  });
  return {
    rate: result["2xx"] / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function _warm(url: string): Promise<void> {
  let i = 1 << 20;
  await autocannon({
    url,
    connections: 16,
    duration: 2,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, "x-forwarded-for": addressOf(i++) } }),
      },
    ],
  });
}

async function startBare(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.join(repoRoot, "node_modules/.bin/tsx"),
    ["bench/portal/bare-server.ts"],
    {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port) },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitUntilAnswering(url, child);
  return { url, stop: () => new Promise((resolve) => child.once("exit", () => resolve()).kill("SIGTERM")) };
}

/** Staff session through the public login, as the console does. */
async function signIn(
  base: string,
  username: string,
): Promise<(path: string, body?: object) => Promise<unknown>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo1022" }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (p, body) => {
    const r = await fetch(`${base}${p}`, {
      method: body ? "POST" : "GET",
      headers: { cookie, "x-csrf-token": csrfToken, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return r.json();
  };
}

/** Citizens submit, the operator answers from the Q&A base and publishes (Art. 10.1, 12). */
async function seed(base: string): Promise<{ code: string; phone: string }> {
  const staff = await signIn(base, "operator");
  let last = { code: "", phone: "" };
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < ANSWERS; i = next++) {
        const phone = `09${String(20_000_000 + i).slice(-8)}`;
        const topic = ["tiêm phòng", "cách ly", "hỗ trợ người lao động", "xét nghiệm", "giấy đi đường"][
          i % 5
        ];
        const res = await fetch(`${base}/api/v1/public/requests`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": addressOf(i) },
          body: JSON.stringify({
            fullName: "Nguyễn Văn An",
            phone,
            address: "Thôn 3, xã Quảng Phú",
            content: `Xin hỏi về ${topic} cho gia đình tôi tại xã, câu hỏi số ${i}.`,
            field: "y-te-xet-nghiem-tiem-phong",
          }),
        });
        if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
        const { code } = (await res.json()) as { code: string };
        const found = (await staff(`/api/v1/requests?q=${code}`)) as {
          items: { id: string; code: string }[];
        };
        const id = found.items.find((r) => r.code === code)?.id;
        const detail = (await staff(`/api/v1/requests/${id}`)) as { version: number };
        const answer = `Về ${topic}: người dân liên hệ trạm y tế xã để được hướng dẫn cụ thể; thông tin chi tiết tại Cổng thông tin 1022 (số ${i}).`;
        const answered = (await staff(`/api/v1/requests/${id}/actions/answer-from-kb`, {
          version: detail.version,
          answer,
        })) as {
          version: number;
        };
        // Art. 12, 14.7: the requester's question and the recorded answer, as they are.
        await staff(`/api/v1/requests/${id}/actions/publish`, { version: answered.version });
        last = { code, phone };
      }
    }),
  );
  return last;
}

const line = (name: string, m: Measure) =>
  `${name.padEnd(44)} ${m.rate.toFixed(0).padStart(7)} req/s   p50 ${m.p50.toFixed(1).padStart(6)} ms   p99 ${m.p99.toFixed(1).padStart(6)} ms   non-2xx ${m.non2xx}, errors ${m.errors}`;

async function main(): Promise<void> {
  const db = await freshDatabase("bench_portal");
  // Development mode seeds the demo staff accounts the seeding step signs in with.
  const server = await startServer({
    DATABASE_URL: db.url,
    NODE_ENV: "development",
    CAPTCHA: "off",
    PUBLIC_RATE_LIMIT: "100000000",
  });
  const bare = await startBare();
  try {
    const t0 = Date.now();
    const follow = await seed(server.url);
    console.log(`seeded ${ANSWERS} published answers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const baseline = await load(bare.url);
    const answers = await load(`${server.url}/hoi-dap`);
    const lookup = await load(`${server.url}/api/v1/public/requests/${follow.code}?phone=${follow.phone}`);
    console.log(`\nbench/portal — PostgreSQL, ${CONNECTIONS} concurrent clients, ${SECONDS} s per target`);
    console.log(line("bare Fastify static string (baseline)", baseline));
    console.log(line("GET /hoi-dap (published answers page)", answers));
    console.log(line("GET /api/v1/public/requests/:code?phone=", lookup));
    const ratio = (m: Measure) =>
      `${((100 * m.rate) / baseline.rate).toFixed(1)} % of baseline req/s, p99 × ${(m.p99 / baseline.p99).toFixed(1)}`;
    console.log(`ratio /hoi-dap / baseline: ${ratio(answers)}`);
    console.log(`ratio follow   / baseline: ${ratio(lookup)}`);
  } finally {
    await bare.stop();
    await server.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
