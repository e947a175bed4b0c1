import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
  RateLimitOptions,
} from "@fastify/rate-limit";

type Count = (
  bucket: string,
  subject: string,
  windowMs: number,
  now: Date,
) => Promise<{ count: number; startedAt: Date }>;

type Incr = FastifyRateLimitStore["incr"];

/**
 * A flood limit on a cheap public read (portal pages, published answers, Q&A search, captcha
 * challenges, figures, calendar, Open311 reads), kept in each process's memory: it protects that
 * process's capacity, so N processes rightly allow N times as much, and a cached page costs no trip
 * to the database (a shared count on every page cut /hoi-dap to a fifth on bench/portal). Limits
 * that stop guessing — sign-in, look-ups by code, follow links, replies — are shared (the default).
 */
export function perProcess(limit: { max: number; timeWindow: string }): RateLimitOptions {
  return { ...limit, perProcess: true } as RateLimitOptions;
}

/**
 * The store behind every `config.rateLimit` of a route. By default the count lives in PostgreSQL
 * (`rate_buckets`, services/rate-limit.service.ts, issue 15), so N server processes share one
 * limit per client address instead of multiplying it — sign-in, look-ups, the follow link;
 * `perProcess(…)` limits count in memory. Either way it behaves as the plugin's own store did:
 * `max` attempts in a window of `timeWindow` from the first, every attempt counted, 429 with
 * `Retry-After` = the rest of the window, the same `x-ratelimit-*` headers; one window per route
 * and address, on the wall clock.
 */
export function databaseRateLimitStore(count: Count): FastifyRateLimitStoreCtor {
  const shared =
    (bucket: string): Incr =>
    (key, callback, timeWindow) => {
      const now = new Date();
      count(bucket, key, timeWindow, now).then(
        (r) =>
          callback(null, {
            current: r.count,
            ttl: Math.max(0, Math.min(timeWindow, r.startedAt.getTime() + timeWindow - now.getTime())),
          }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    };
  const inMemory = (): Incr => {
    const windows = new Map<string, { count: number; startedAt: number }>();
    return (key, callback, timeWindow) => {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.startedAt + timeWindow <= now) {
        if (w) windows.delete(key);
        w = { count: 0, startedAt: now };
        windows.set(key, w);
        // Map order is insertion order: the oldest window goes first once the map is full.
        if (windows.size > 20_000) {
          const oldest = windows.keys().next().value;
          if (oldest !== undefined) windows.delete(oldest);
        }
      }
      w.count++;
      callback(null, { current: w.count, ttl: w.startedAt + timeWindow - now });
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
