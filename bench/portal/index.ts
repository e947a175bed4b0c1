/**
 * bench/portal (issue 6): the published-answers page (GET /hoi-dap, server-rendered HTML, R-PU1)
 * and the follow endpoint (GET /api/v1/public/requests/:code?phone=, R-PU2) under 64 concurrent
 * clients for BENCH_SECONDS (default 20) each, next to a bare Fastify route returning a static
 * string, measured in the same run on the same machine. Prints requests/s, p50, p99 and the ratios:
 * the median of BENCH_RUNS (default 3) runs and their spread, the baseline measured in every run.
 * BENCH_BEFORE_ROOT=DIR also measures another checkout (e.g. the tree before a change, exported with
 * `git archive` and a node_modules link) on its own database, interleaved in the same runs; several
 * directories separated by commas measure each.
 * Needs PostgreSQL (BENCH_DATABASE_URL, as bench/intake). Seeds BENCH_ANSWERS (default 400)
 * published answers through the public and staff APIs first; the follow target cycles through
 * all their codes (a crowd follows many requests, not one). BENCH_REQUESTS=N first loads N
 * requests in bulk (province.ts), BENCH_TARGETS=follow|answers measures one target only.
 * BENCH_CPU=N sends N requests per target (8 clients) instead of a timed load and prints the CPU
 * each answer cost the server process (and PostgreSQL's backends of its database), in µs: unlike
 * requests per second, that does not depend on how loaded the shared machine is (the server's user
 * part apart: its own code, without the kernel's socket work, which grows with the load). BENCH_CLIENTS=N
 * sets the number of concurrent clients (e.g. 64 under BENCH_CPU, to see the batching of look-ups).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { backendsOf, cpuSplitOf, cpuUsOf } from "../lib/cpu-time.js";
import { median, type Rate, rateOf, spread } from "../lib/measure.js";
import { freePort, freshDatabase, repoRoot, startServer, waitUntilAnswering } from "../lib/server.js";
import { loadProvince } from "./province.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 400);
/** BENCH_CPU=20000: requests per target, and server CPU per answer printed (see above). */
const CPU_REQUESTS = Number(process.env.BENCH_CPU ?? 0);
/** BENCH_CLIENTS=N: concurrent clients (default 64, or 8 under BENCH_CPU). */
const CONNECTIONS = Number(process.env.BENCH_CLIENTS ?? (CPU_REQUESTS > 0 ? 8 : 64));

interface Measure extends Rate {
  /** Bytes per answer on the wire, headers included. */
  bytes: number;
  /** BENCH_CPU: µs of the server process's CPU, and of its database's backends, per answer. */
  cpu?: { server: number; serverUser: number; database: number };
}

/** The processes whose CPU an answer costs: the server, and (its database's URL) PostgreSQL. */
interface Target {
  pid: number;
  databaseUrl?: string;
}

/** CPU of the server and of its database's backends so far, per pid (BENCH_CPU). */
async function cpuNow(
  target: Target,
): Promise<{ server: number; serverUser: number; backends: Map<number, number> }> {
  const pids = target.databaseUrl ? await backendsOf(target.databaseUrl) : [];
  const { user, system } = cpuSplitOf(target.pid);
  return {
    server: user + system,
    serverUser: user,
    backends: new Map(pids.map((pid) => [pid, cpuUsOf(pid)])),
  };
}

/** µs per answer between two readings; a backend opened during the load counts from zero. */
async function cpuPerAnswer(target: Target, before: Awaited<ReturnType<typeof cpuNow>>, answers: number) {
  const after = await cpuNow(target);
  let database = 0;
  for (const [pid, us] of after.backends) database += us - (before.backends.get(pid) ?? 0);
  return {
    server: (after.server - before.server) / answers,
    serverUser: (after.serverUser - before.serverUser) / answers,
    database: database / answers,
  };
}

/** Each request from a different client address, so per-address limits measure their cost, not 429s. */
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** `paths`: each request takes the next one in turn (the follow target: every seeded request's own code). */
async function load_(
  target: Target,
  url: string,
  paths?: string[],
  headers: Record<string, string> = {},
): Promise<Measure> {
  let i = 0;
  const run = (length: { amount: number } | { duration: number }) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      ...length,
      requests: [
        {
          method: "GET",
          setupRequest: (req) => {
            const n = i++;
            return {
              ...req,
              ...(paths ? { path: paths[n % paths.length] } : {}),
              headers: { ...req.headers, ...headers, "x-forwarded-for": addressOf(n) },
            };
          },
        },
      ],
    });
  // Measured after a warm-up of half as many requests, so the JIT's first compilations are not counted.
  if (CPU_REQUESTS > 0) await run({ amount: Math.ceil(CPU_REQUESTS / 2) });
  const before = CPU_REQUESTS > 0 ? await cpuNow(target) : null;
  const result = await run(CPU_REQUESTS > 0 ? { amount: CPU_REQUESTS } : { duration: SECONDS });
  const answers = Math.max(1, result.requests.total);
  return {
    ...rateOf(result, CPU_REQUESTS > 0 ? (result.finish.getTime() - result.start.getTime()) / 1000 : SECONDS),
    bytes: result.throughput.total / answers,
    ...(before ? { cpu: await cpuPerAnswer(target, before, answers) } : {}),
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

async function startBare(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  // Node itself with tsx as a loader (no wrapper process), so `pid` is the server's own (BENCH_CPU).
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bench/portal/bare-server.ts"], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitUntilAnswering(url, child);
  return {
    url,
    pid: child.pid as number,
    stop: () => new Promise((resolve) => child.once("exit", () => resolve()).kill("SIGTERM")),
  };
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
async function seed(base: string): Promise<{ code: string; phone: string }[]> {
  const staff = await signIn(base, "operator");
  const seeded: { code: string; phone: string }[] = [];
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
        seeded.push({ code, phone });
      }
    }),
  );
  return seeded;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_REQUESTS=500000: a province's year of requests loaded beside the seeded ones (province.ts). */
const PROVINCE = Number(process.env.BENCH_REQUESTS ?? 0);
/** BENCH_TARGETS=follow (or answers, answers-gzip): measure these targets only, e.g. for a CPU profile of one. */
const TARGETS = new Set(
  (process.env.BENCH_TARGETS ?? "answers,answers-gzip,follow").split(",").map((s) => s.trim()),
);
/** BENCH_BEFORE_ROOT=DIR[,DIR…]: other trees measured in the same runs (e.g. main and a step of the change). */
const BEFORE_ROOTS = (process.env.BENCH_BEFORE_ROOT ?? "").split(",").filter((dir) => dir !== "");

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

interface Tree extends Target {
  name: string;
  url: string;
  /** Every seeded request's follow path: a crowd follows many requests, not one. */
  follow: string[];
  stop(): Promise<void>;
}

/** One tree's server on its own fresh database, seeded the same way. */
async function startTree(name: string, root?: string): Promise<Tree> {
  const db = await freshDatabase("bench_portal");
  // Development mode seeds the demo staff accounts the seeding step signs in with.
  const server = await startServer(
    { DATABASE_URL: db.url, NODE_ENV: "development", CAPTCHA: "off", PUBLIC_RATE_LIMIT: "100000000" },
    root,
  );
  if (PROVINCE > 0) {
    const t1 = Date.now();
    await loadProvince(db.url, PROVINCE);
    console.log(`${name}: loaded ${PROVINCE} requests in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  }
  const t0 = Date.now();
  const follow = (await seed(server.url)).map(
    ({ code, phone }) => `/api/v1/public/requests/${code}?phone=${phone}`,
  );
  console.log(`${name}: seeded ${ANSWERS} published answers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return {
    name,
    url: server.url,
    pid: server.pid,
    databaseUrl: db.url,
    follow,
    stop: async () => {
      await server.stop();
      await db.drop();
    },
  };
}

async function main(): Promise<void> {
  const trees = [await startTree("this tree")];
  for (const root of BEFORE_ROOTS) trees.push(await startTree(`before (${root})`, root));
  const bare = await startBare();
  // As many bytes as the published-answers page sends: its cost apart from the server's own work.
  const pageBytes = (await (await fetch(`${(trees[0] as Tree).url}/hoi-dap`)).arrayBuffer()).byteLength;
  const results = new Map<string, Measure[]>();
  const note = (key: string, m: Measure) => results.set(key, [...(results.get(key) ?? []), m]);
  try {
    console.log(`load average at start: ${load()}`);
    for (let run = 1; run <= RUNS; run++) {
      // The baseline is measured in every run, right before the targets it is compared with.
      note("baseline", await load_(bare, bare.url));
      if (TARGETS.has("answers")) note("bare-bytes", await load_(bare, `${bare.url}bytes?n=${pageBytes}`));
      for (const t of trees) {
        if (TARGETS.has("answers")) note(`${t.name}|answers`, await load_(t, `${t.url}/hoi-dap`));
        // As a browser asks for it (every browser sends Accept-Encoding: gzip): the cached gzip bytes.
        if (TARGETS.has("answers-gzip"))
          note(
            `${t.name}|answers-gzip`,
            await load_(t, `${t.url}/hoi-dap`, undefined, { "accept-encoding": "gzip, deflate, br" }),
          );
        if (TARGETS.has("follow"))
          note(`${t.name}|follow`, await load_(t, `${t.url}${t.follow[0]}`, t.follow));
      }
      console.log(`run ${run} of ${RUNS} done, load average ${load()}`);
    }
    const base = results.get("baseline") as Measure[];
    console.log(
      `\nbench/portal — PostgreSQL, ${CONNECTIONS} concurrent clients, ${CPU_REQUESTS > 0 ? `${CPU_REQUESTS} requests` : `${SECONDS} s`} per target, ${RUNS} runs: median (min–max)`,
    );
    const bytes = results.get("bare-bytes");
    const row = (label: string, ms: Measure[], sameBytes = false) => {
      console.log(
        `${label.padEnd(58)} ${spread(ms.map((m) => m.rate)).padStart(20)} req/s   p50 ${spread(
          ms.map((m) => m.p50),
          1,
        )} ms   p99 ${spread(
          ms.map((m) => m.p99),
          1,
        )} ms   ${median(ms.map((m) => m.bytes)).toFixed(0)} B/answer   non-2xx ${ms.reduce((a, m) => a + m.non2xx, 0)}, errors ${ms.reduce((a, m) => a + m.errors, 0)}`,
      );
      const cpu = ms.map((m) => m.cpu).filter((c) => c !== undefined);
      if (cpu.length > 0)
        console.log(
          `${"".padEnd(58)} CPU per answer: server ${spread(
            cpu.map((c) => c.server),
            1,
          )} µs (user ${spread(
            cpu.map((c) => c.serverUser),
            1,
          )} µs), PostgreSQL ${spread(
            cpu.map((c) => c.database),
            1,
          )} µs`,
        );
      if (ms === base) return;
      // Ratios run by run against the baseline of the same run.
      const rate = ms.map((m, i) => (100 * m.rate) / (base[i] as Measure).rate);
      // autocannon counts whole milliseconds: a baseline p99 under 1 ms reads 0, and counts as 1 here.
      const p99 = ms.map((m, i) => m.p99 / Math.max(1, (base[i] as Measure).p99));
      console.log(`${"".padEnd(58)} = ${spread(rate, 1)} % of the baseline's req/s, p99 × ${spread(p99, 1)}`);
      if (sameBytes && bytes) {
        const ofBytes = ms.map((m, i) => (100 * m.rate) / (bytes[i] as Measure).rate);
        console.log(`${"".padEnd(58)} = ${spread(ofBytes, 1)} % of the bare route sending the same bytes`);
      }
    };
    row("bare Fastify static string (baseline)", base);
    if (bytes) row(`bare Fastify, ${pageBytes} B of HTML (as /hoi-dap)`, bytes);
    for (const t of trees) {
      if (TARGETS.has("answers"))
        row(`${t.name}: GET /hoi-dap`, results.get(`${t.name}|answers`) as Measure[], true);
      if (TARGETS.has("answers-gzip"))
        row(
          `${t.name}: GET /hoi-dap, Accept-Encoding: gzip`,
          results.get(`${t.name}|answers-gzip`) as Measure[],
        );
      if (TARGETS.has("follow"))
        row(
          `${t.name}: GET /api/v1/public/requests/:code?phone=`,
          results.get(`${t.name}|follow`) as Measure[],
        );
    }
    console.log(`load average at the end: ${load()}`);
  } finally {
    await bare.stop();
    for (const t of trees) await t.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
