import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { buildApp } from "../../app.js";
import { execRaw } from "../../db/client.js";
import { createServices } from "../../services/index.js";

/** The status of `n` failed sign-ins in a row, the i-th sent with `headers(i)`. */
async function signInCodes(
  t: TestApp,
  n: number,
  headers: (i: number) => Record<string, string> = () => ({}),
) {
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: headers(i),
      payload: { username: "nobody", password: "x" },
    });
    codes.push(res.statusCode);
  }
  return codes;
}

describe("sign-in rate limit (R-SE1)", () => {
  it("stops a scripted flood of sign-ins from one address with 429", async () => {
    const t = await createTestApp({ LOGIN_RATE_LIMIT: 3, seed: "none" });
    try {
      expect(await signInCodes(t, 5)).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describe("client addresses come from trusted proxies only (TRUST_PROXY)", () => {
  it("a client connecting directly cannot dodge the limit with a forged X-Forwarded-For", async () => {
    const t = await createTestApp({ LOGIN_RATE_LIMIT: 2, TRUST_PROXY: "false", seed: "none" });
    try {
      const forged = (i: number) => ({ "x-forwarded-for": `203.0.113.${i}` });
      expect(await signInCodes(t, 4, forged)).toEqual([401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describe("the limits hold across server processes (issue 15)", () => {
  // Two app instances with their own services on one database stand for two server processes
  // (PGlite in-process, or one PostgreSQL database in the second pass): the counts are in rate_buckets.
  it("two instances on one database share the sign-in limit per address", async () => {
    const t = await createTestApp({ LOGIN_RATE_LIMIT: 4, seed: "none" });
    const other = await buildApp(t.ctx, createServices(t.ctx));
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await (i % 2 ? other : t.app).inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { username: "nobody", password: "x" },
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      }
      // In memory per process each instance would have allowed four: eight 401s.
      expect(codes).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
      const stored = await execRaw<{ bucket: string }>(
        t.ctx.db,
        sql`select bucket from rate_buckets where bucket like 'route:POST /api/v1/auth/login%'`,
      );
      expect(stored).toHaveLength(1);
    } finally {
      await other.close();
      await t.close();
    }
  });

  it("two instances share the look-up limit of the public follow link", async () => {
    const t = await createTestApp({ seed: "none" });
    const other = await buildApp(t.ctx, createServices(t.ctx));
    try {
      // 60 a minute per address. Per process, 120 look-ups alternating over two instances would all
      // be answered; shared, the first 60 are and the rest are refused.
      const secret = "x".repeat(32);
      const codes: number[] = [];
      for (let i = 0; i < 120; i++) {
        const res = await (i % 2 ? other : t.app).inject({ url: `/api/v1/public/follow/${secret}` });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([...Array(60).fill(404), ...Array(60).fill(429)]);
      expect(codes.filter((c) => c !== 404 && c !== 429)).toEqual([]);
      for (const app of [t.app, other]) {
        const res = await app.inject({ url: `/api/v1/public/follow/${secret}` });
        expect(res.statusCode).toBe(429);
        expect(res.json().error.code).toBe("RATE_LIMITED");
        expect(res.headers["x-ratelimit-limit"]).toBe("60");
        expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      }
    } finally {
      await other.close();
      await t.close();
    }
  });
});
