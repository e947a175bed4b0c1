import { oldestFirst } from "./oldest-first.js";

/**
 * A token bucket per client address (issue 18.6): `capacity` attempts at once, refilled at
 * `capacity` per `periodMs` (one token every periodMs / capacity). An office or a mobile carrier's
 * NAT that shares one address waits minutes, not the rest of the hour, and a refused attempt takes
 * nothing (only attempts let through spend a token). Pure: time is passed in.
 */
export interface TokenBucketOptions {
  capacity: number;
  periodMs: number;
  /** Addresses remembered at most; the fullest (oldest) are forgotten first. */
  maxKeys?: number;
}

export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

export function createTokenBuckets(options: TokenBucketOptions) {
  const { capacity, periodMs } = options;
  const maxKeys = options.maxKeys ?? 100_000;
  const refillMs = periodMs / capacity;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const forgetOldest = oldestFirst(buckets);

  function level(key: string, now: number): number {
    const b = buckets.get(key);
    if (!b) return capacity;
    return Math.min(capacity, b.tokens + Math.max(0, now - b.at) / refillMs);
  }

  return {
    /** One attempt for `key` at `now`: spends a token, or says how long until one is back. */
    take(key: string, now: number): TakeResult {
      const tokens = level(key, now);
      if (tokens < 1) return { ok: false, retryAfterMs: Math.ceil((1 - tokens) * refillMs) };
      buckets.delete(key);
      buckets.set(key, { tokens: tokens - 1, at: now });
      // Map order is insertion order: the first key is the one untouched longest (full again by now, usually).
      if (buckets.size > maxKeys) forgetOldest();
      return { ok: true, remaining: Math.floor(tokens - 1) };
    },
    /** Seconds between two tokens: the longest a blocked address ever waits. */
    refillSeconds: Math.ceil(refillMs / 1000),
  };
}
