import type autocannon from "autocannon";
import pg from "pg";
import { type CpuPerOp, cpuMeter } from "./cpu-time.js";
import { percentile } from "./server.js";

/** The middle run of several (the upper middle for an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** "812 (790–845)": the median of the runs and their spread. */
export const spread = (xs: number[], digits = 0) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

export interface Rate {
  rate: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** A rate with the CPU each answer (or row) cost, in µs (bench/intake). */
export interface MeteredRate extends Rate {
  cpu: CpuPerOp;
}

/** What an autocannon run of `seconds` answered: successful answers a second, latency, failures. */
export const rateOf = (result: autocannon.Result, seconds: number): Rate => ({
  rate: result["2xx"] / seconds,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
});

/**
 * The intake benchmarks' baseline: single-row INSERTs of a row as wide as a request's (contact
 * details and a paragraph of content) from `concurrency` connections for `seconds`, on the database
 * at `url` (a table `bench_raw` is created there).
 */
export async function rawInsertRate(
  url: string,
  options: {
    seconds: number;
    concurrency: number;
    content: (n: number) => string;
    /** Seconds of the same inserts before the measured phase, neither counted nor metered (bench/intake's warm-up). */
    warmupSeconds?: number;
  },
): Promise<MeteredRate> {
  const pool = new pg.Pool({ connectionString: url, max: options.concurrency });
  let ending = false;
  // A connection ended under the pool once the phase is over (the database is dropped right after)
  // is not the bench's failure; one during the phase is said.
  pool.on("error", (error) => {
    if (!ending) console.error(`raw INSERT pool: ${error.message}`);
  });
  try {
    await pool.query(`create table bench_raw (id bigserial primary key, code text not null, phone text, full_name text,
      address text, content text not null, received_at timestamptz not null default now())`);
    let n = 0;
    /** `concurrency` connections inserting for `seconds`; each insert's latency to `latencies`. */
    const insertFor = (seconds: number, latencies: number[]) => {
      const end = Date.now() + seconds * 1000;
      return Promise.all(
        Array.from({ length: options.concurrency }, async (_, w) => {
          while (Date.now() < end) {
            const t0 = performance.now();
            await pool.query(
              "insert into bench_raw (code, phone, full_name, address, content) values ($1, $2, $3, $4, $5)",
              [
                `B-${w}-${n}`,
                `+8491${String(n).padStart(7, "0")}`,
                "Nguyễn Văn An",
                "Thôn 3, xã Quảng Phú",
                options.content(n),
              ],
            );
            latencies.push(performance.now() - t0);
            n++;
          }
        }),
      );
    };
    if (options.warmupSeconds) await insertFor(options.warmupSeconds, []);
    const warm = n;
    const latencies: number[] = [];
    const meter = await cpuMeter(url);
    await insertFor(options.seconds, latencies);
    n -= warm;
    const cpu = await meter.end(n);
    latencies.sort((a, b) => a - b);
    const seconds = options.seconds;
    return {
      rate: n / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      non2xx: 0,
      errors: 0,
      cpu,
    };
  } finally {
    ending = true;
    await pool.end();
  }
}
