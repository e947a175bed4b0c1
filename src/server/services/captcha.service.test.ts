import { describe, expect, it } from "vitest";
import { solveCaptcha } from "../../test/captcha.js";
import { useTestApp } from "../../test/hooks.js";
import { createCaptchaService } from "./captcha.service.js";

describe("captcha service (self-hosted ALTCHA)", () => {
  const t = useTestApp({ CAPTCHA: "on", SESSION_SECRET: "s".repeat(40) });

  const service = () => createCaptchaService({ ...t.ctx, config: { ...t.ctx.config, CAPTCHA: "on" } });

  it("serves a signed challenge that is never cached", async () => {
    const res = await t.app.inject({ url: "/api/v1/public/captcha" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json();
    expect(body).toMatchObject({ algorithm: "SHA-256", maxnumber: 100_000 });
    expect(body.salt).toMatch(/expires=\d+/);
  });

  it("accepts a solution once: missing → required, garbage → invalid, replay → invalid", async () => {
    const captcha = service();
    // The same SESSION_SECRET signs, so a payload solved against the app verifies in this instance.
    const payload = await solveCaptcha(t.app);
    await expect(captcha.check(undefined)).rejects.toMatchObject({ code: "CAPTCHA_REQUIRED" });
    await expect(captcha.check("bm90IGpzb24=")).rejects.toMatchObject({ code: "CAPTCHA_INVALID" });
    await captcha.check(payload);
    await expect(captcha.check(payload)).rejects.toMatchObject({ code: "CAPTCHA_INVALID" });
  });

  it("refuses a payload with a wrong number or a forged signature", async () => {
    const captcha = service();
    const decoded = JSON.parse(Buffer.from(await solveCaptcha(t.app), "base64").toString());
    const wrong = Buffer.from(JSON.stringify({ ...decoded, number: decoded.number + 1 })).toString("base64");
    await expect(captcha.check(wrong)).rejects.toMatchObject({ code: "CAPTCHA_INVALID" });
    const forged = Buffer.from(JSON.stringify({ ...decoded, signature: "0".repeat(64) })).toString("base64");
    await expect(captcha.check(forged)).rejects.toMatchObject({ code: "CAPTCHA_INVALID" });
  });

  it("two concurrent submissions of one payload: exactly one passes", async () => {
    const captcha = service();
    const payload = await solveCaptcha(t.app);
    const results = await Promise.allSettled([
      captcha.check(payload),
      captcha.check(payload),
      captcha.check(payload),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("is a no-op when CAPTCHA=off", async () => {
    const off = createCaptchaService({ ...t.ctx, config: { ...t.ctx.config, CAPTCHA: "off" } });
    expect(off.enabled).toBe(false);
    await expect(off.check(undefined)).resolves.toBeUndefined();
  });
});
