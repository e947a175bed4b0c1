import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Secret, TOTP } from "otpauth";
import pg from "pg";
import { hashPassword } from "../../src/server/services/credentials.js";
import { median } from "../lib/measure.js";
import { freshDatabase, startServer } from "../lib/server.js";

const N = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const RUNS = 3;

/** VmRSS and VmHWM (peak) of a process, in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

async function generate(client: pg.Client): Promise<void> {
  const t0 = performance.now();
  const original = client.query.bind(client);
  const timed = async (text: string, values?: unknown[]) => {
    const s0 = performance.now();
    const r = await original(text, values);
    if (process.env.BENCH_VERBOSE)
      console.log(`  ${(performance.now() - s0).toFixed(0)} ms: ${text.trim().slice(0, 50)}`);
    return r;
  };
  client = { query: timed } as unknown as pg.Client;
  // Generated rows are consistent by construction: skip foreign-key and trigger checks while loading.
  await client.query("set session_replication_role = replica");
  await client.query(`insert into requesters (full_name, phone) values ('Nguyễn Văn An', '+84912000000')`);
  // One year of requests, evenly spread; 80 % forwarded to one of the agencies, 5 % answered from
  // the Q&A base, 3 % refused. Times are whole minutes in Vietnam working hours.
  await client.query(
    `insert into requests (code, channel, received_at, requester_id, content, field_id, urgency, status,
                           agency_id, answering_agency_id, refusal_reason_id, published_at)
     select 'B' || g,
            (array['phone','portal','email','zalo','facebook'])[1 + g % 5],
            timestamptz '2025-01-01 08:00+07' + ((g::bigint * 365 * 86400) / $1) * interval '1 second',
            (select id from requesters limit 1),
            'Xin hỏi về thủ tục hành chính, yêu cầu số ' || g,
            1 + g % 9,
            case when g % 50 = 0 then 'urgent' else 'normal' end,
            case when g % 100 < 80 then 'answered' when g % 100 < 85 then 'answered'
                 when g % 100 < 88 then 'refused' else 'received' end,
            case when g % 100 < 80 then ag.ids[1 + g % array_length(ag.ids, 1)] end,
            case when g % 100 < 80 then ag.ids[1 + g % array_length(ag.ids, 1)] end,
            case when g % 100 between 85 and 87 then 1 + g % 3 end,
            null
     from generate_series(1, $1) g, (select array_agg(id order by code) as ids from agencies) ag`,
    [N],
  );
  await client.query(
    `insert into answers (request_id, source, body, created_at)
     select id, 'kb', 'Trả lời', received_at + interval '10 minutes' from requests
     where substr(code, 2)::int % 100 between 80 and 84`,
  );
  // Slips 30 minutes after receipt; D8 ≈ the next working day; the first answer between 1 and
  // 40 hours later (so some are late); one in ten answered by phone first, recorded within 1–6 h.
  await client.query(
    `insert into transfer_slips (request_id, agency_id, sent_at, status, due_at, phone_answered_at, closed_at)
     select r.id, r.agency_id, r.received_at + interval '30 minutes', 'answered',
            r.received_at + interval '24 hours 30 minutes',
            case when substr(r.code, 2)::int % 10 = 0 then r.received_at + interval '3 hours' end,
            r.received_at + (1 + substr(r.code, 2)::int % 40) * interval '1 hour'
     from requests r where r.agency_id is not null`,
  );
  await client.query(
    `insert into obligations (request_id, slip_id, agency_id, kind, starts_at, limit_hours, due_at, met_at)
     select s.request_id, s.id, s.agency_id, 'answer', s.sent_at, 8, s.due_at,
            coalesce(s.phone_answered_at, s.closed_at)
     from transfer_slips s`,
  );
  await client.query(
    `insert into obligations (request_id, slip_id, agency_id, kind, starts_at, limit_hours, due_at, met_at)
     select s.request_id, s.id, s.agency_id, 'record', s.phone_answered_at, 4,
            s.phone_answered_at + interval '4 hours', s.phone_answered_at + (extract(minute from s.sent_at)::int % 6 + 1) * interval '1 hour'
     from transfer_slips s where s.phone_answered_at is not null`,
  );
  await client.query("set session_replication_role = default");
  await client.query("vacuum analyze");
  const counts = await client.query(
    `select (select count(*) from requests) r, (select count(*) from transfer_slips) s, (select count(*) from obligations) o`,
  );
  const c = counts.rows[0];
  console.log(
    `generated ${c.r} requests, ${c.s} slips, ${c.o} obligations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

const post = (url: string, body: object) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/**
 * Signs the bench coordinator in as the console does. In production a coordinator must use two-step
 * verification (docs/security.md): the first run enrols (a fresh secret each time, as the database
 * may be reused), then confirms with the current TOTP code.
 */
async function signInCoordinator(base: string): Promise<string> {
  const login = await post(`${base}/api/v1/auth/login`, {
    username: "bench",
    password: "bench-password-1022",
  });
  const body = (await login.json()) as { secondFactor?: { next: string; challenge: string } };
  let res = login;
  if (body.secondFactor) {
    if (body.secondFactor.next !== "enrol")
      throw new Error(`sign-in: unexpected step ${body.secondFactor.next}`);
    const { challenge } = body.secondFactor;
    const enrol = (await (await post(`${base}/api/v1/auth/login/enrol`, { challenge })).json()) as {
      secret: string;
    };
    const code = new TOTP({
      secret: Secret.fromBase32(enrol.secret),
      digits: 6,
      period: 30,
      algorithm: "SHA1",
    }).generate();
    res = await post(`${base}/api/v1/auth/login/enrol/confirm`, { challenge, code });
  }
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
}

/** "median 812 ms (790–845)" */
const spread = (xs: number[], unit = " ms", digits = 0) =>
  `median ${median(xs).toFixed(digits)}${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const reuse = process.env.BENCH_DATABASE_URL;
  const db = reuse ? { url: reuse, drop: async () => {} } : await freshDatabase("bench_reports");
  const env = { DATABASE_URL: db.url, LOGIN_RATE_LIMIT: "1000" };
  let startedAt = performance.now();
  let server = await startServer(env);
  console.log(`server started in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    if (!reuse) {
      await generate(client);
      // Bulk-loaded slips have no handling times and no report facts yet (loaded with triggers off):
      // the server fills both at start (migrations 0022 and 0029).
      await server.stop();
      startedAt = performance.now();
      server = await startServer(env);
      console.log(
        `server restarted, handling times and slip facts filled, in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
      );
    }
    const n = Number((await client.query("select count(*) n from requests")).rows[0].n);
    await client.query(
      `insert into users (username, password_hash, full_name, role) values ('bench', $1, 'Bench', 'coordinator')
       on conflict (username) do nothing`,
      [await hashPassword("bench-password-1022")],
    );
    // A reused database: the bench account enrols afresh (signInCoordinator).
    await client.query(
      "update users set totp_secret = null, totp_pending_secret = null, totp_enabled_at = null where username = 'bench'",
    );
    console.log(
      `load average at start: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}`,
    );
    const cookie = await signInCoordinator(server.url);
    const get = async (url: string) => {
      const res = await fetch(`${server.url}${url}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res;
    };

    // One month of a one-million-request year (~83,000 requests and ~67,000 slips).
    const month = "from=2025-03-01&to=2025-03-31";
    const bare = `
      select a.agency_id, a.n, b.m from
        (select agency_id, count(*) n from transfer_slips
          where sent_at >= '2025-03-01 00:00+07' and sent_at < '2025-04-01 00:00+07' group by agency_id) a
        full join
        (select coalesce(answering_agency_id, agency_id) agency_id, count(*) m from requests
          where received_at >= '2025-03-01 00:00+07' and received_at < '2025-04-01 00:00+07' group by 1) b
        using (agency_id)`;
    await get(`/api/v1/reports/summary?${month}&groupBy=agency`); // warm-up (calendar, plans, cache)
    await client.query(bare);
    const summaries: number[] = [];
    const scans: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      summaries.push(
        await time(() => get(`/api/v1/reports/summary?${month}&groupBy=agency`).then((r) => r.json())),
      );
      scans.push(await time(() => client.query(bare)));
    }
    const sample = (await (await get(`/api/v1/reports/summary?${month}`)).json()) as { rows: unknown[] };
    console.log("March 2025, all agencies:", JSON.stringify(sample.rows[0]));
    const ratios = summaries.map((s, i) => s / (scans[i] as number));
    console.log(`monthly summary (groupBy=agency, HTTP), ${RUNS} runs: ${spread(summaries)}`);
    console.log(`bare GROUP BY (slips + requests of the month, SQL), same runs: ${spread(scans)}`);
    console.log(`ratio summary / bare scan, run by run: ${spread(ratios, "×", 2)}`);
    const years: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      years.push(
        await time(() => get("/api/v1/reports/summary?from=2025-01-01&to=2025-12-31").then((r) => r.json())),
      );
    }
    const year = (await (await get("/api/v1/reports/summary?from=2025-01-01&to=2025-12-31")).json()) as {
      rows: unknown[];
    };
    console.log("2025, all agencies:", JSON.stringify(year.rows[0]));
    console.log(
      `yearly summary (groupBy=none, ${n.toLocaleString("en")} requests), ${RUNS} runs: ${spread(years)}`,
    );
    console.log(
      `load average after the summaries: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}`,
    );

    // The extraction: 1,000,000 rows streamed; the server's RSS sampled while it streams.
    if (process.env.BENCH_SKIP_EXTRACT) return;
    const before = memoryOf(server.pid);
    let maxRss = before.rss;
    const sampler = setInterval(() => {
      maxRss = Math.max(maxRss, memoryOf(server.pid).rss);
    }, 100);
    const t0 = performance.now();
    const res = await get("/api/v1/reports/extract.csv?from=2025-01-01&to=2025-12-31");
    let bytes = 0;
    let lines = 0;
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    // RSS every 100,000 rows: flat memory shows as a flat line, a leak as a climbing one.
    const curve: string[] = [];
    let mark = 100_000;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const byte of value) if (byte === 10) lines++;
      if (lines >= mark) {
        curve.push(`${mark / 1000}k: ${memoryOf(server.pid).rss.toFixed(0)}`);
        mark += 100_000;
      }
    }
    clearInterval(sampler);
    const seconds = (performance.now() - t0) / 1000;
    const after = memoryOf(server.pid);
    console.log(
      `extraction: ${lines - 1} rows, ${(bytes / 1048576).toFixed(0)} MiB in ${seconds.toFixed(1)} s (${Math.round((lines - 1) / seconds)} rows/s)`,
    );
    console.log(
      `server RSS: ${before.rss.toFixed(0)} MiB before, at most ${maxRss.toFixed(0)} MiB while streaming; process peak (VmHWM) ${after.peak.toFixed(0)} MiB`,
    );
    console.log(`server RSS (MiB) by rows streamed: ${curve.join(", ")}`);
    console.log(
      `load average after the extraction: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}`,
    );
  } finally {
    await client.end();
    await server.stop();
    if (process.env.BENCH_KEEP) console.log(`kept ${db.url}`);
    else await db.drop();
  }
}

await main();
