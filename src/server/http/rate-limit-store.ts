import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
  RateLimitOptions,
} from "@fastify/rate-limit";
import { createTokenBuckets, type TakeResult } from "../domain/rate/token-bucket.js";

type Take = (
  bucket: string,
  subject: string,
  limit: { capacity: number; periodMs: number },
) => Promise<TakeResult>;

type Incr = FastifyRateLimitStore["incr"];

/**
 * A flood limit on a cheap public read (portal pages, published answers, Q&A search, captcha
 * challenges, figures, calendar, Open311 reads), kept in each process's memory: it protects that
 * process's capacity, so N processes rightly allow N times as much, and a cached page costs no trip
 * to the database (a shared take per page cut /hoi-dap to a fifth on bench/portal). Limits that stop
 * guessing — sign-in, look-ups by code, follow links, replies — stay shared (the default).
 */
export function perProcess(limit: { max: number; timeWindow: string }): RateLimitOptions {
  return { ...limit, perProcess: true } as RateLimitOptions;
}

/** The store's answer for one take, in the plugin's terms (used count and ms until it matters). */
function answer(r: TakeResult, capacity: number, periodMs: number) {
  const refillMs = periodMs / capacity;
  if (!r.ok) return { current: capacity + 1, ttl: r.retryAfterMs };
  const used = Math.max(0, capacity - r.remaining);
  return { current: used, ttl: Math.ceil(used * refillMs) };
}

/**
 * The store behind every `config.rateLimit` of a route: by default the token buckets in
 * PostgreSQL (services/rate-limit.service.ts, issue 15), so N server processes share one limit per
 * client address instead of multiplying it — sign-in, look-ups, the follow link; `perProcess(…)`
 * limits in memory. Either way the plugin keeps its contract — `max` per `timeWindow`, the same 429
 * and `x-ratelimit-*`/`retry-after` headers — as a bucket of `max` tokens refilled at `max` per
 * `timeWindow` (domain/rate/token-bucket.ts): a refused attempt spends nothing and Retry-After is
 * the wait for the next token, not the rest of a fixed window. Each route has its own bucket, as
 * each had its own counter in the plugin's in-memory store.
 */
export function databaseRateLimitStore(take: Take, nowMs: () => number): FastifyRateLimitStoreCtor {
  const shared =
    (bucket: string): Incr =>
    (key, callback, timeWindow, max) => {
      const capacity = Math.max(1, max);
      const periodMs = Math.max(1, timeWindow);
      take(bucket, key, { capacity, periodMs }).then(
        (r) => callback(null, answer(r, capacity, periodMs)),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    };
  const inMemory = (): Incr => {
    let buckets: ReturnType<typeof createTokenBuckets> | null = null;
    return (key, callback, timeWindow, max) => {
      const capacity = Math.max(1, max);
      const periodMs = Math.max(1, timeWindow);
      buckets ??= createTokenBuckets({ capacity, periodMs, maxKeys: 20_000 });
      callback(null, answer(buckets.take(key, nowMs()), capacity, periodMs));
    };
  };

  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly incr: Incr;

    constructor(_options: FastifyRateLimitOptions, incr: Incr = shared("route:global")) {
      this.incr = incr;
    }

    child(routeOptions: Parameters<FastifyRateLimitStore["child"]>[0]): FastifyRateLimitStore {
      // At run time the plugin passes the route's merged options, the route itself under `routeInfo`.
      const merged = routeOptions as unknown as {
        perProcess?: boolean;
        routeInfo?: { method?: unknown; url?: unknown };
      };
      const route = merged.routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(",") : String(route?.method ?? "");
      const incr = merged.perProcess ? inMemory() : shared(`route:${method} ${String(route?.url ?? "")}`);
      return new DatabaseRateLimitStore(routeOptions as unknown as FastifyRateLimitOptions, incr);
    }
  };
}
