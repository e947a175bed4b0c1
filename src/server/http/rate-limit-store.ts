import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from "@fastify/rate-limit";
import type { TakeResult } from "../domain/rate/token-bucket.js";

type Take = (
  bucket: string,
  subject: string,
  limit: { capacity: number; periodMs: number },
) => Promise<TakeResult>;

/**
 * The store behind every `config.rateLimit` of a route (sign-in, look-ups, the follow link, portal
 * pages, public reads): the token buckets in PostgreSQL (services/rate-limit.service.ts, issue 15),
 * so N server processes share one limit per client address instead of multiplying it. The plugin
 * keeps its contract — `max` per `timeWindow`, the same 429 and `x-ratelimit-*`/`retry-after`
 * headers — as a bucket of `max` tokens refilled at `max` per `timeWindow`: a refused attempt
 * spends nothing and Retry-After is the wait for the next token, not the rest of a fixed window.
 * Each route has its own bucket, as each had its own counter in the plugin's in-memory store.
 */
export function databaseRateLimitStore(take: Take): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly bucket = "route:global",
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
      max: number,
    ): void {
      const limit = { capacity: Math.max(1, max), periodMs: Math.max(1, timeWindow) };
      take(this.bucket, key, limit).then(
        (r) => {
          const refillMs = limit.periodMs / limit.capacity;
          if (r.ok) {
            const used = Math.max(0, limit.capacity - r.remaining);
            callback(null, { current: used, ttl: Math.ceil(used * refillMs) });
          } else {
            callback(null, { current: limit.capacity + 1, ttl: r.retryAfterMs });
          }
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore["child"]>[0]): FastifyRateLimitStore {
      // At run time the plugin passes the route's merged options, the route itself under `routeInfo`.
      const route = (routeOptions as unknown as { routeInfo?: { method?: unknown; url?: unknown } })
        .routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(",") : String(route?.method ?? "");
      return new DatabaseRateLimitStore(
        routeOptions as unknown as FastifyRateLimitOptions,
        `route:${method} ${String(route?.url ?? "")}`,
      );
    }
  };
}
