import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { solveCaptcha } from "../../../test/captcha.js";
import { submitPortal } from "../../../test/citizen.js";
import { useTestApp } from "../../../test/hooks.js";
import { execRawOne } from "../../db/client.js";

const LIMIT = 4;
/**
 * A scripted flood of portal submissions (R-CH2, R-SE2): the proof-of-work captcha stops bots that
 * do not pay for each submission, the per-address limit (PUBLIC_RATE_LIMIT per hour) stops those
 * that do, and a normal citizen on another address is not affected.
 */
describe("flood of public submissions: captcha + rate limit", () => {
  const t = useTestApp({ CAPTCHA: "on", PUBLIC_RATE_LIMIT: LIMIT });

  const post = (ip: string, captcha?: string) => submitPortal(t.app, { ip, captcha });
  const stored = async () =>
    (await execRawOne<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from requests`))?.n ?? 0;
  const tally = (codes: number[]) =>
    codes.reduce<Record<number, number>>((m, c) => {
      m[c] = (m[c] ?? 0) + 1;
      return m;
    }, {});

  it("stops a flood without captcha, a flood replaying one solution and a flood that solves each one", async () => {
    // 1. 100 submissions without a captcha, all at once: nothing gets in; at most LIMIT reach the
    // captcha check (a burst in one tick may all see the counter past the limit), the rest are 429.
    const bare = await Promise.all(Array.from({ length: 100 }, () => post("203.0.113.10")));
    const bareTally = tally(bare.map((r) => r.statusCode));
    expect(bareTally[429]).toBeGreaterThanOrEqual(100 - LIMIT);
    expect((bareTally[400] ?? 0) + (bareTally[429] ?? 0)).toBe(100);
    expect(bareTally[400] ?? 0).toBeLessThanOrEqual(LIMIT);
    const limited = bare.find((r) => r.statusCode === 429);
    expect(Number(limited?.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(limited?.headers["retry-after"])).toBeLessThanOrEqual(3600);
    expect(limited?.json().error).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("quá nhiều"),
    });
    // … and sent one after another, the first LIMIT are refused by the captcha, the rest by the limit.
    const serial = [];
    for (let i = 0; i < 10; i++) serial.push((await post("203.0.113.11")).statusCode);
    expect(tally(serial)).toEqual({ 400: LIMIT, 429: 10 - LIMIT });
    expect(await stored()).toBe(0);

    // 2. One solved captcha replayed 20 times from another address: exactly one request gets in.
    const solved = await solveCaptcha(t.app);
    const replayed = [];
    for (let i = 0; i < 20; i++) replayed.push((await post("203.0.113.20", solved)).statusCode);
    expect(tally(replayed)).toEqual({ 201: 1, 400: LIMIT - 1, 429: 20 - LIMIT });

    // 3. A bot that pays the proof of work every time still gets only LIMIT per hour per address.
    const paid = [];
    for (let i = 0; i < LIMIT + 3; i++)
      paid.push((await post("203.0.113.30", await solveCaptcha(t.app))).statusCode);
    expect(tally(paid)).toEqual({ 201: LIMIT, 429: 3 });

    expect(await stored()).toBe(1 + LIMIT);
  });

  it("a normal citizen on another address submits after the flood, and again within the hour", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await post(
        "198.51.100.7",
        await solveCaptcha(t.app, { "x-forwarded-for": "198.51.100.7" }),
      );
      expect(res.statusCode).toBe(201);
    }
  });
});
