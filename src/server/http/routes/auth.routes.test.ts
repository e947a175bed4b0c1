import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/hooks.js";
import { signIn } from "../../../test/staff.js";
import { sessionCookieName } from "../auth.js";

// R-SE1: username + password (argon2id), HTTP-only session cookie, CSRF. The sign-in delay that
// replaced the lock-out is in sign-in-throttle.test.ts.
describe("staff sign-in", () => {
  const t = useTestApp({ seed: "demo" });

  const login = (username: string, password: string) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });

  it("signs in with an HTTP-only, SameSite session cookie and returns the CSRF token and abilities", async () => {
    const res = await login("focal", "demo1022");
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === sessionCookieName(t.ctx.config));
    expect(sid?.httpOnly).toBe(true);
    expect(sid?.sameSite).toBe("Strict");
    const body = res.json();
    expect(body.user).toMatchObject({ username: "focal", role: "focal_point" });
    expect(body.csrfToken).toMatch(/.{20,}/);
    expect(body.abilities).toContain("slip.record_answer");
    expect(body.abilities).not.toContain("user.manage");
  });

  it("answers 401 for a wrong password or an unknown user, with the same message", async () => {
    const wrong = await login("operator", "nope-nope");
    const unknown = await login("nobody", "nope-nope");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it("refuses a cookie-authenticated write without the CSRF header (403)", async () => {
    const s = await signIn(t.app, "admin");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/refusal-reasons",
      headers: { cookie: s.cookie },
      payload: { code: "csrf-test", text: "Thử" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF");
    const wrongToken = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.cookie, "x-csrf-token": "forged" },
    });
    expect(wrongToken.statusCode).toBe(403);
  });

  it("logs out: the session no longer works", async () => {
    const s = await signIn(t.app, "coordinator");
    expect((await s.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    expect((await s.inject({ method: "POST", url: "/api/v1/auth/logout" })).statusCode).toBe(204);
    expect((await s.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
  });
});
