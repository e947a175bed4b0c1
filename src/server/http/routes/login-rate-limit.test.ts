import { describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/harness.js";

describe("sign-in rate limit (R-SE1)", () => {
  it("stops a scripted flood of sign-ins from one address with 429", async () => {
    const t = await createTestApp({ LOGIN_RATE_LIMIT: 3, seed: "none" });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { username: "nobody", password: "x" },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describe("client addresses come from trusted proxies only (TRUST_PROXY)", () => {
  it("a client connecting directly cannot dodge the limit with a forged X-Forwarded-For", async () => {
    const t = await createTestApp({ LOGIN_RATE_LIMIT: 2, TRUST_PROXY: "false", seed: "none" });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          headers: { "x-forwarded-for": `203.0.113.${i}` },
          payload: { username: "nobody", password: "x" },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
