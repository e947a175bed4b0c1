/**
 * bench/scale (issue 15): citizen intake throughput with 1 and 2 server processes (WORKERS=1, 2:
 * node:cluster on one port) on one PostgreSQL, each submission under its own Idempotency-Key, next
 * to the raw single-row INSERT rate of the same database in the same run. BENCH_SECONDS (default
 * 15) per phase, 32 concurrent clients, each phase after BENCH_WARMUP (default 10) seconds of the
 * same load, neither counted nor metered, as bench/intake (a fresh server is still compiling itself;
 * BENCH_WARMUP=0 is the method of the figures before 2 December 2026). On a shared 2-core machine
 * the figures are relative.
 */
import { type Rate, rateOf, rawInsertRate } from "../lib/measure.js";
import { freshDatabase, startServer } from "../lib/server.js";
import { submissionLoad } from "../lib/submissions.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const CONCURRENCY = 32;
async function intakeRate(workers: number): Promise<Rate> {
  const db = await freshDatabase(`bench_scale_${workers}`);
  const server = await startServer({
    DATABASE_URL: db.url,
    CAPTCHA: "off",
    PUBLIC_RATE_LIMIT: "100000000",
    WORKERS: String(workers),
    DATABASE_POOL_SIZE: String(Math.ceil(32 / workers)),
  });
  try {
    const load = submissionLoad(server.url, {
      connections: CONCURRENCY,
      content: (n) => `Xin hỏi lịch tiêm vắc xin mũi nhắc lại, yêu cầu số ${n}.`,
      idempotencyKey: (n) => `scale-${workers}-${n}`,
    });
    if (WARMUP > 0) await load(WARMUP);
    return rateOf(await load(SECONDS), SECONDS);
  } finally {
    await server.stop();
    await db.drop();
  }
}

async function main(): Promise<void> {
  const one = await intakeRate(1);
  const two = await intakeRate(2);
  const db = await freshDatabase("bench_scale_raw");
  const raw = await rawInsertRate(db.url, {
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    content: (n) => `Nội dung ${n}`,
    warmupSeconds: WARMUP,
  }).finally(() => db.drop());
  const line = (name: string, r: Rate) =>
    `${name.padEnd(40)} ${r.rate.toFixed(0).padStart(7)} /s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  ${((100 * r.rate) / raw.rate).toFixed(1).padStart(5)} % of raw  non-2xx ${r.non2xx}`;
  console.log(
    `\nbench/scale — PostgreSQL, ${CONCURRENCY} clients, ${SECONDS} s per phase after ${WARMUP} s of warm-up, Idempotency-Key on every submission`,
  );
  console.log(line("intake, 1 process (WORKERS=1)", one));
  console.log(line("intake, 2 processes (WORKERS=2)", two));
  console.log(line("raw single-row INSERT (baseline)", raw));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
