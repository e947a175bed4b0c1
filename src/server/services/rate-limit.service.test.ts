import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../test/hooks.js";
import { execRawOne } from "../db/client.js";
import { createRateLimitService } from "./rate-limit.service.js";

/**
 * The shared token buckets (issue 15) with per-process reservations: two services on one database
 * stand for two server processes. Whatever the interleaving, no more than the limit is granted.
 */
describe("rate limits shared by server processes", () => {
  const t = useTestApp({ seed: "none" });

  const limit = { capacity: 10, periodMs: 3_600_000 };
  const level = async (subject: string) =>
    (
      await execRawOne<{ tokens: number }>(
        t.ctx.db,
        sql`select tokens from rate_buckets where bucket = 'test' and subject = ${subject}`,
      )
    )?.tokens;

  it("a burst from one address split over two processes gets exactly the limit, never more", async () => {
    const a = createRateLimitService(t.ctx);
    const b = createRateLimitService(t.ctx);
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await (i % 3 === 0 ? b : a).take("test", "10.0.0.1", limit));
    const granted = results.filter((r) => r.ok).length;
    expect(granted).toBeLessThanOrEqual(10);
    // Reservations may leave a few tokens unused in one process, never more than a quarter each.
    expect(granted).toBeGreaterThanOrEqual(10 - 2 * Math.floor(limit.capacity / 4));
    const refused = results.filter((r) => !r.ok);
    expect(refused.length).toBe(40 - granted);
    for (const r of refused) if (!r.ok) expect(r.retryAfterMs).toBeGreaterThan(0);
  });

  it("concurrent takes from one address on two processes never exceed the limit", async () => {
    const a = createRateLimitService(t.ctx);
    const b = createRateLimitService(t.ctx);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).take("test", "10.0.0.2", limit)),
    );
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(10);
  });

  it("a citizen who submits now and then spends one token each time", async () => {
    const a = createRateLimitService(t.ctx);
    expect((await a.take("test", "10.0.0.3", limit)).ok).toBe(true);
    expect(await level("10.0.0.3")).toBe(9);
    t.clock.advance(5_000);
    expect((await a.take("test", "10.0.0.3", limit)).ok).toBe(true);
    // 5 s of refill at 10 per hour is ~0.014 token: one token spent, not a reservation.
    expect(await level("10.0.0.3")).toBeCloseTo(8.014, 2);
  });

  it("a reservation left unused expires: the next process to take asks the database again", async () => {
    const a = createRateLimitService(t.ctx);
    const b = createRateLimitService(t.ctx);
    for (let i = 0; i < 3; i++) expect((await a.take("test", "10.0.0.4", limit)).ok).toBe(true);
    // The third take found the address busy and reserved two tokens (a quarter of 10) at once.
    expect(await level("10.0.0.4")).toBe(6);
    t.clock.advance(3_000);
    expect((await b.take("test", "10.0.0.4", limit)).ok).toBe(true);
    expect(await level("10.0.0.4")).toBeCloseTo(5.008, 2);
  });

  it("a very busy address reserves a quarter second of its rate at once, not 16 tokens a trip", async () => {
    const a = createRateLimitService(t.ctx);
    const big = { capacity: 100_000, periodMs: 3_600_000 };
    let trips = 0;
    let last: number | undefined;
    for (let i = 0; i < 400; i++) {
      expect((await a.take("test", "10.0.0.5", big)).ok).toBe(true);
      const now = await level("10.0.0.5");
      if (now !== last) trips++;
      last = now;
    }
    // 16 tokens a trip would be 27 trips for 400 takes; sized to the rate, about a dozen.
    expect(trips).toBeLessThanOrEqual(14);
    expect(100_000 - (last ?? 0)).toBeLessThanOrEqual(400 + Math.ceil(400 / 4));
  });
});
