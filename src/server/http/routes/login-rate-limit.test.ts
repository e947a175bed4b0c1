import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

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
