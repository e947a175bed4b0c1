import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../test/processes.js";
import { buildApp } from "../app.js";
import { testConfig } from "../config.js";
import { systemClock } from "../context.js";
import { openDatabase } from "../db/client.js";
import { isDatabaseUnavailable } from "../db/pg-errors.js";
import { createLogger } from "../logger.js";

/**
 * Issue 15: with PostgreSQL unreachable (nothing listens on the port), writes answer 503 with
 * Retry-After within the connect timeout — never a 2xx, never a hang — and /healthz says why.
 */
const port = await freePort();
const config = testConfig({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none`, CAPTCHA: "off" });
const database = await openDatabase({ url: config.DATABASE_URL, poolSize: 2, connectTimeoutMs: 500 });
const logger = createLogger(config);
const app = await buildApp({ config, database, db: database.db, clock: systemClock, logger });
afterAll(async () => {
  await app.close();
  await database.close();
});

describe("the database away", () => {
  it("a citizen's submission is 503 with Retry-After, quickly", async () => {
    const started = Date.now();
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/public/requests",
      headers: { "idempotency-key": "away-1" },
      payload: { fullName: "A", phone: "0912345678", address: "Thôn 1", content: "Nội dung đủ dài để gửi." },
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.json().error.code).toBe("UNAVAILABLE");
    expect(res.json().error.message).toMatch(/chưa được lưu/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a citizen's page or form is a 503 page in Vietnamese, not JSON (twenty-fifth session)", async () => {
    for (const request of [
      { method: "GET" as const, url: "/hoi-dap" },
      {
        method: "POST" as const,
        url: "/tra-cuu",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "ma=2612-ABCDEF&sdt=0912345678",
      },
    ]) {
      const res = await app.inject(request);
      expect(res.statusCode, request.url).toBe(503);
      expect(res.headers["retry-after"]).toBe("5");
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.body).toContain("<h1>Hệ thống đang tạm gián đoạn</h1>");
      expect(res.body).toContain('href="tel:1022"');
    }
  });

  it("/healthz is 503 with the reason", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe("unavailable");
    expect(res.json().reason).toMatch(/^database unreachable/);
  });

  it("recognises the ways a connection fails, and nothing else", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable({ cause: Object.assign(new Error("x"), { code: "08006" }) })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("dup"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
  });
});
