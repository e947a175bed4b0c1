import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../shared/errors.js";
import { useTestApp } from "../../test/hooks.js";
import { errorHandler } from "./errors.js";
import { perProcess, registerPerProcessLimits } from "./rate-limit-store.js";

/**
 * Issue 16: `perProcess(…)` limits (portal pages, published answers, captcha, calendar, …) run as
 * our own callback-style hook instead of @fastify/rate-limit's async one. They must answer exactly
 * as the plugin did with its memory store: same key, count, window, headers and refusal.
 */
const refuse = () => new AppError("RATE_LIMITED");

/** Each answer as the client sees it, but for the date. */
const seen = (res: LightMyRequestResponse) => {
  const { date: _date, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
};

describe("a perProcess limit answers as @fastify/rate-limit did", () => {
  let plugin: FastifyInstance;
  let ours: FastifyInstance;
  beforeAll(async () => {
    // The plugin's own limit on a route, with its default (memory) store, as before this change.
    plugin = Fastify({ trustProxy: true });
    plugin.setErrorHandler(errorHandler);
    await plugin.register(rateLimit, { global: false, errorResponseBuilder: refuse });
    plugin.get("/p", { config: { rateLimit: { max: 3, timeWindow: "1 minute" } } }, async () => "ok");
    // The same limit declared with perProcess(…), counted by registerPerProcessLimits.
    ours = Fastify({ trustProxy: true });
    ours.setErrorHandler(errorHandler);
    registerPerProcessLimits(ours, refuse);
    await ours.register(rateLimit, { global: false, errorResponseBuilder: refuse });
    ours.get(
      "/p",
      { config: { rateLimit: perProcess({ max: 3, timeWindow: "1 minute" }) } },
      async () => "ok",
    );
    await Promise.all([plugin.ready(), ours.ready()]);
  });
  afterAll(async () => {
    await Promise.all([plugin.close(), ours.close()]);
  });

  const both = async (request: { method?: "GET" | "HEAD"; remoteAddress: string; forwarded?: string }) => {
    const options = {
      method: request.method ?? "GET",
      url: "/p",
      remoteAddress: request.remoteAddress,
      headers: request.forwarded ? { "x-forwarded-for": request.forwarded } : {},
    } as const;
    return [seen(await plugin.inject(options)), seen(await ours.inject(options))];
  };

  it("the same answers, headers and 429 attempt by attempt, per address and per route", async () => {
    const attempts = [
      { remoteAddress: "203.0.113.7" },
      { remoteAddress: "203.0.113.7" },
      { remoteAddress: "203.0.113.8" },
      { remoteAddress: "203.0.113.7" },
      { remoteAddress: "203.0.113.7" }, // the 4th of this address: refused
      { remoteAddress: "203.0.113.7", method: "HEAD" as const }, // HEAD is its own route, counted apart
      { remoteAddress: "203.0.113.7" },
      // IPv6: one /64 is one client, as the plugin's normalizeIP has it.
      { remoteAddress: "2001:db8:1:2::1" },
      { remoteAddress: "2001:db8:1:2::ffff" },
      { remoteAddress: "2001:db8:1:2:aaaa::5" },
      { remoteAddress: "2001:db8:1:2::1" },
      { remoteAddress: "2001:db8:1:3::1" },
      // Behind a proxy: the forwarded address is the key.
      { remoteAddress: "127.0.0.1", forwarded: "198.51.100.4" },
      { remoteAddress: "127.0.0.1", forwarded: "198.51.100.4" },
      { remoteAddress: "::ffff:127.0.0.1", forwarded: "198.51.100.4, ::ffff:198.51.100.5" },
    ];
    const statuses: number[] = [];
    for (const attempt of attempts) {
      const [before, after] = await both(attempt);
      expect(after).toEqual(before);
      statuses.push(after?.status ?? 0);
    }
    // The sequence itself, so the comparison above cannot pass on two equally wrong answers.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 200, 429, 200, 200, 200, 429, 200, 200, 200, 200]);
  });

  it("a refused attempt says when to come back: retry-after and the window's rest", async () => {
    let res: LightMyRequestResponse | undefined;
    for (let i = 0; i < 4; i++) res = await ours.inject({ url: "/p", remoteAddress: "192.0.2.77" });
    expect(res?.statusCode).toBe(429);
    // A page's path, so the citizens' HTML page with the hotline (errors.ts), as for the plugin's 429.
    expect(res?.body).toContain('href="tel:1022"');
    expect(res?.headers["x-ratelimit-limit"]).toBe("3");
    expect(res?.headers["x-ratelimit-remaining"]).toBe("0");
    const retry = Number(res?.headers["retry-after"]);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(res?.headers["x-ratelimit-reset"]).toBe(String(retry));
  });

  it("a limit without an integer max or a window is refused when the route is declared", async () => {
    const app = Fastify();
    registerPerProcessLimits(app, refuse);
    expect(() =>
      app.get("/x", { config: { rateLimit: perProcess({ max: 3, timeWindow: "soon" }) } }, async () => "ok"),
    ).toThrow(/perProcess/);
    await app.close();
  });
});

describe("the portal's page limit on the real app: 600 a minute per address", () => {
  const t = useTestApp({ seed: "reference" });

  it("/hoi-dap: 600 answers with their remaining count, then the citizens' 429 page; another address is served", async () => {
    const get = (remoteAddress: string) => t.app.inject({ url: "/hoi-dap", remoteAddress });
    const remaining: string[] = [];
    for (let i = 0; i < 600; i++) {
      const res = await get("198.51.100.23");
      expect(res.statusCode).toBe(200);
      expect(res.headers["x-ratelimit-limit"]).toBe("600");
      remaining.push(String(res.headers["x-ratelimit-remaining"]));
    }
    expect(remaining).toEqual(Array.from({ length: 600 }, (_, i) => String(599 - i)));
    const refused = await get("198.51.100.23");
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toContain("text/html");
    expect(refused.headers["x-ratelimit-remaining"]).toBe("0");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // Refused answers carry the security headers as every other answer does.
    expect(refused.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(refused.body).toContain('href="tel:1022"');
    const other = await get("198.51.100.24");
    expect(other.statusCode).toBe(200);
    expect(other.headers["x-ratelimit-remaining"]).toBe("599");
  });
});
