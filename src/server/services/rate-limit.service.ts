import type { AppContext } from "../context.js";
import { countAttempt, takeToken, tokenLevel } from "../db/repositories/replay-guard.repository.js";
import type { TakeResult } from "../domain/rate/token-bucket.js";

/** A busy subject: this many takes within BUSY_WINDOW_MS in this process. */
const BUSY_TAKES = 3;
const BUSY_WINDOW_MS = 1_000;
/**
 * Tokens reserved at once for a busy subject: what it takes in RESERVE_SPAN_MS at its recent rate,
 * at least MIN_RESERVE, at most a quarter of the bucket. A fixed 16 made an address sending 2,500
 * submissions a second (bench/intake) wait for the database every 6 ms, one trip at a time.
 */
const MIN_RESERVE = 16;
const RESERVE_SPAN_MS = 250;
/** A reservation not used within this time is dropped (its tokens stay spent: never over the limit). */
const RESERVE_TTL_MS = 2_000;
const MAX_LOCAL = 10_000;

/**
 * Token buckets kept in the database (issue 15), so N server processes share one limit per client
 * address instead of multiplying it: `capacity` attempts at once, refilled at `capacity` per
 * `periodMs` (the rule of domain/rate/token-bucket.ts); a refused attempt spends nothing.
 *
 * Every take from one address updates one row, so a busy address (an office, a carrier's NAT, a
 * burst) would queue every submission on that row's lock — this halved intake. A process that sees
 * a subject busy takes a few tokens at once from the shared bucket and hands them out locally for a
 * moment. The tokens are taken before they are used, so the cluster-wide limit is never exceeded;
 * a reservation left unused expires and its tokens stay spent (a busy address may be held a little
 * below its limit, never above it).
 */
/** A subject's reservation in this process and its recent takes. */
interface Entry {
  tokens: number;
  left: number;
  until: number;
  /** Takes counted in the current window of BUSY_WINDOW_MS (from `windowStart`) and the one before. */
  windowStart: number;
  inWindow: number;
  lastWindow: number;
  pending: Promise<unknown> | null;
}

export function createRateLimitService(ctx: AppContext) {
  const local = new Map<string, Entry>();
  /** Takes in the last BUSY_WINDOW_MS or so: the current window's, or the previous full one's. */
  const recentTakes = (e: { inWindow: number; lastWindow: number }) => Math.max(e.inWindow, e.lastWindow);

  function entryOf(key: string, nowMs: number) {
    let entry = local.get(key);
    if (!entry) {
      if (local.size >= MAX_LOCAL) {
        for (const [k, e] of local)
          if (!e.pending && e.until <= nowMs && nowMs - e.windowStart > 2 * BUSY_WINDOW_MS) local.delete(k);
        if (local.size >= MAX_LOCAL) local.clear();
      }
      entry = { tokens: 0, left: 0, until: 0, windowStart: nowMs, inWindow: 0, lastWindow: 0, pending: null };
      local.set(key, entry);
    }
    return entry;
  }

  return {
    /**
     * One attempt in a fixed window shared by every process (the routes' limits, through
     * http/rate-limit-store.ts): how many attempts the window has seen, and when it began.
     */
    count(bucket: string, subject: string, windowMs: number, now: Date) {
      return countAttempt(ctx.db, { bucket, subject, windowMs, now });
    },
    /**
     * One attempt from `subject`'s bucket. A token already reserved by this process is handed out
     * at once, without a promise (the common case for a busy address); otherwise the answer waits
     * for the database.
     */
    take(
      bucket: string,
      subject: string,
      limit: { capacity: number; periodMs: number },
    ): TakeResult | Promise<TakeResult> {
      const now = ctx.clock.now();
      const nowMs = now.getTime();
      const entry = entryOf(`${bucket}\u0000${subject}`, nowMs);
      // A count per window, not a list of instants: a busy address takes thousands a second.
      if (nowMs - entry.windowStart >= BUSY_WINDOW_MS) {
        entry.lastWindow = nowMs - entry.windowStart < 2 * BUSY_WINDOW_MS ? entry.inWindow : 0;
        entry.windowStart = nowMs;
        entry.inWindow = 0;
      }
      entry.inWindow += 1;
      return reserved(entry) ?? reserve(entry, { bucket, subject, ...limit, now }, nowMs);
    },
  };

  /** A token of this process's reservation, if it holds one still valid. */
  function reserved(entry: Entry): TakeResult | null {
    if (entry.tokens < 1 || ctx.clock.now().getTime() >= entry.until) return null;
    entry.tokens -= 1;
    // What the shared bucket held after the reservation, plus what is left of it here.
    return { ok: true, remaining: Math.floor(entry.left + entry.tokens) };
  }

  /** Takes from the shared bucket: a reservation when the subject is busy, else one token. */
  async function reserve(
    entry: Entry,
    b: { bucket: string; subject: string; capacity: number; periodMs: number; now: Date },
    nowMs: number,
  ): Promise<TakeResult> {
    // Wait for the reservation another request of this process is fetching (one trip to the
    // database at a time per subject, not one per request), then take from it.
    while (entry.pending) {
      await entry.pending;
      const token = reserved(entry);
      if (token) return token;
    }
    entry.tokens = 0;
    const recent = recentTakes(entry);
    const busy = recent >= BUSY_TAKES;
    const wanted = Math.max(MIN_RESERVE, Math.ceil((recent * RESERVE_SPAN_MS) / BUSY_WINDOW_MS));
    const count = busy ? Math.max(1, Math.min(wanted, Math.floor(b.capacity / 4))) : 1;
    const fetch = (async () => {
      const many = await takeToken(ctx.db, b, count);
      if (many !== null || count === 1) return { left: many, taken: count };
      return { left: await takeToken(ctx.db, b, 1), taken: 1 };
    })();
    entry.pending = fetch.catch(() => undefined);
    let got: { left: number | null; taken: number };
    try {
      got = await fetch;
    } finally {
      entry.pending = null;
    }
    if (got.left !== null) {
      entry.tokens = got.taken - 1;
      entry.left = got.left;
      entry.until = nowMs + RESERVE_TTL_MS;
      return { ok: true, remaining: Math.floor(got.left + entry.tokens) };
    }
    const level = await tokenLevel(ctx.db, b);
    const refillMs = b.periodMs / b.capacity;
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil((1 - level) * refillMs)) };
  }
}
