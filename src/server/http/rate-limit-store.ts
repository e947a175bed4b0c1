import { createRequire } from "node:module";
import {
  type FastifyRateLimitOptions,
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
  normalizeIP,
  type RateLimitOptions,
} from "@fastify/rate-limit";
import type { FastifyInstance, onRequestHookHandler } from "fastify";
import { oldestFirst } from "../domain/rate/oldest-first.js";

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
 * The plugin's own duration parser ("1 minute" → 60000), resolved from @fastify/rate-limit's
 * package so `perProcess` windows mean exactly what they meant to the plugin: no new dependency.
 */
const ms = createRequire(createRequire(import.meta.url).resolve("@fastify/rate-limit"))("@lukeed/ms") as {
  parse(text: string): number | undefined;
};

/** `max` attempts per client key in a window of `windowMs` from the first, in this process's memory. */
function windowsInMemory(windowMs: number) {
  const windows = new Map<string, { count: number; startedAt: number }>();
  const forgetOldest = oldestFirst(windows);
  return (key: string): { current: number; ttl: number } => {
    const now = Date.now();
    let w = windows.get(key);
    if (!w || w.startedAt + windowMs <= now) {
      if (w) windows.delete(key);
      w = { count: 0, startedAt: now };
      windows.set(key, w);
      // Map order is insertion order: the oldest window goes first once the map is full.
      if (windows.size > 20_000) forgetOldest();
    }
    w.count++;
    return { current: w.count, ttl: w.startedAt + windowMs - now };
  };
}

/**
 * `perProcess(…)` limits as the route's own callback-style onRequest hook, in the place where
 * @fastify/rate-limit put its hook, and answering as it did: the key is the plugin's
 * `normalizeIP(request.ip)`, the same window and count as the store's memory had, the same
 * `x-ratelimit-limit/-remaining/-reset` headers on every answer and, past the limit,
 * `retry-after` and the plugin's refusal (`refuse`, the app's `errorResponseBuilder`). The plugin
 * ran an async hook, an async function and a promise per request on every portal page — the
 * pages a crowd opens (issue 16); shared limits stay with the plugin. Register before the plugin:
 * it then sees `rateLimit: false` on these routes (a HEAD route, built from the GET's options,
 * passes here on its own and counts apart, as with the plugin).
 */
export function registerPerProcessLimits(app: FastifyInstance, refuse: () => Error): void {
  app.addHook("onRoute", (route) => {
    const limit = route.config?.rateLimit as { max?: unknown; timeWindow?: unknown; perProcess?: boolean };
    if (!limit?.perProcess) return;
    const max = limit.max;
    const windowMs = typeof limit.timeWindow === "string" ? ms.parse(limit.timeWindow) : undefined;
    if (typeof max !== "number" || !Number.isInteger(max) || max < 0 || !windowMs) {
      throw new Error(
        `${route.method} ${route.url}: a perProcess limit takes an integer max and a time window`,
      );
    }
    const count = windowsInMemory(windowMs);
    const hook: onRequestHookHandler = (request, reply, done) => {
      const { current, ttl } = count(normalizeIP(request.ip));
      const seconds = Math.ceil(ttl / 1000);
      reply.header("x-ratelimit-limit", max);
      if (current <= max) {
        reply.header("x-ratelimit-remaining", max - current).header("x-ratelimit-reset", seconds);
        return done();
      }
      reply
        .header("x-ratelimit-remaining", 0)
        .header("x-ratelimit-reset", seconds)
        .header("retry-after", seconds);
      done(refuse());
    };
    route.config = { ...route.config, rateLimit: false };
    const own = route.onRequest;
    route.onRequest = own === undefined ? [hook] : Array.isArray(own) ? [...own, hook] : [own, hook];
  });
}

/**
 * The store behind every `config.rateLimit` of a route. By default the count lives in PostgreSQL
 * (`rate_buckets`, services/rate-limit.service.ts, issue 15), so N server processes share one
 * limit per client address instead of multiplying it — sign-in, look-ups, the follow link;
 * `perProcess(…)` limits count in memory (registerPerProcessLimits). Either way it behaves as the plugin's own store did:
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
      // A perProcess limit reaching the plugin would silently become a shared one.
      if (merged.perProcess)
        throw new Error("perProcess limits need registerPerProcessLimits before the plugin");
      const incr = shared(`route:${method} ${String(route?.url ?? "")}`);
      return new DatabaseRateLimitStore(routeOptions as unknown as FastifyRateLimitOptions, incr);
    }
  };
}
