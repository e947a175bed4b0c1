import type { AppContext } from "../context.js";
import { takeToken, tokenLevel } from "../db/repositories/replay-guard.repository.js";
import type { TakeResult } from "../domain/rate/token-bucket.js";

/**
 * Token buckets kept in the database (issue 15), so N server processes share one limit per client
 * address instead of multiplying it: `capacity` attempts at once, refilled at `capacity` per
 * `periodMs` (the rule of domain/rate/token-bucket.ts); a refused attempt spends nothing.
 */
export function createRateLimitService(ctx: AppContext) {
  return {
    async take(
      bucket: string,
      subject: string,
      limit: { capacity: number; periodMs: number },
    ): Promise<TakeResult> {
      const b = { bucket, subject, ...limit, now: ctx.clock.now() };
      const left = await takeToken(ctx.db, b);
      if (left !== null) return { ok: true, remaining: Math.floor(left) };
      const level = await tokenLevel(ctx.db, b);
      const refillMs = limit.periodMs / limit.capacity;
      return { ok: false, retryAfterMs: Math.max(1, Math.ceil((1 - level) * refillMs)) };
    },
  };
}
