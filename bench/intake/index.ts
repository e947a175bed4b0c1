/**
 * bench/intake (issue 2): citizen submissions through POST /api/v1/public/requests with 32
 * concurrent clients against PostgreSQL, next to the raw single-row INSERT rate of the same
 * database with the same concurrency, measured in the same run. Prints requests/s, p50/p99 and
 * the ratio. BENCH_SECONDS (default 20) sets each phase's length.
 */
import autocannon from "autocannon";
import pg from "pg";
import { freshDatabase, percentile, startServer } from "../lib/server.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONCURRENCY = 32;

async function rawInsertRate(url: string): Promise<{ rate: number; p50: number; p99: number }> {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  // A row as wide as a request's: contact details and a paragraph of content.
  await pool.query(`create table bench_raw (id bigserial primary key, code text not null, phone text, full_name text,
    address text, content text not null, received_at timestamptz not null default now())`);
  const latencies: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (Date.now() < end) {
        const t0 = performance.now();
        await pool.query(
          "insert into bench_raw (code, phone, full_name, address, content) values ($1, $2, $3, $4, $5)",
          [
            `B-${w}-${n}`,
            `+8491${String(n).padStart(7, "0")}`,
            "Nguyễn Văn An",
            "Thôn 3, xã Quảng Phú",
            content(n),
          ],
        );
        latencies.push(performance.now() - t0);
        n++;
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { rate: n / SECONDS, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function content(i: number): string {
  return `Xin hỏi lịch tiêm vắc xin mũi nhắc lại cho người cao tuổi tại phường, yêu cầu số ${i}.`;
}

async function main(): Promise<void> {
  const db = await freshDatabase("bench_intake");
  const server = await startServer({ DATABASE_URL: db.url, CAPTCHA: "off", PUBLIC_RATE_LIMIT: "100000000" });
  try {
    let i = 0;
    const result = await autocannon({
      url: `${server.url}/api/v1/public/requests`,
      connections: CONCURRENCY,
      duration: SECONDS,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          // Every submission from a different citizen, as on a busy day.
          setupRequest: (req) => {
            i++;
            return {
              ...req,
              body: JSON.stringify({
                fullName: "Nguyễn Văn An",
                phone: `09${String(10_000_000 + i).slice(-8)}`,
                address: "Thôn 3, xã Quảng Phú",
                content: content(i),
                field: "y-te-xet-nghiem-tiem-phong",
              }),
            };
          },
        },
      ],
    });
    const created = result["2xx"];
    const api = { rate: created / SECONDS, p50: result.latency.p50, p99: result.latency.p99 };
    const raw = await rawInsertRate(db.url);
    const line = (name: string, r: { rate: number; p50: number; p99: number }) =>
      `${name.padEnd(34)} ${r.rate.toFixed(0).padStart(8)} /s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms`;
    console.log(`\nbench/intake — PostgreSQL, ${CONCURRENCY} concurrent clients, ${SECONDS} s per phase`);
    console.log(line("POST /api/v1/public/requests", api));
    console.log(line("raw single-row INSERT (baseline)", raw));
    console.log(`non-2xx answers: ${result.non2xx}, errors: ${result.errors}`);
    console.log(`ratio API / raw INSERT: ${((100 * api.rate) / raw.rate).toFixed(1)} % (aim ≥ 30 %)`);
  } finally {
    await server.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
