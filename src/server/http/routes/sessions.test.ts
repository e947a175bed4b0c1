import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { createStaffUser, type StaffSession, signIn } from "../../../test/staff.js";

/** Issue 14, ASVS V7: idle and absolute limits, revocation (SSE included), the __Host- cookie. */
describe("session limits and revocation", () => {
  let t: TestApp;
  let admin: StaffSession;
  beforeAll(async () => {
    t = await createTestApp({ seed: "staff", SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 });
    admin = await signIn(t.app, "admin");
  });
  afterAll(() => t.close());

  const me = (s: StaffSession) =>
    s.inject({ method: "GET", url: "/api/v1/auth/me" }).then((r) => r.statusCode);

  it("ends a session idle for longer than SESSION_IDLE_MINUTES", async () => {
    const s = await signIn(t.app, "operator");
    t.clock.advance(29 * 60_000);
    expect(await me(s)).toBe(200);
    // Used at minute 29: the idle window starts again from there.
    t.clock.advance(29 * 60_000);
    expect(await me(s)).toBe(200);
    t.clock.advance(31 * 60_000);
    expect(await me(s)).toBe(401);
  });

  it("ends a session SESSION_ABSOLUTE_HOURS after sign-in, however busy", async () => {
    const s = await signIn(t.app, "focal");
    // A request every 20 minutes for 11 h 40 min keeps it alive…
    for (let i = 0; i < 35; i++) {
      t.clock.advance(20 * 60_000);
      expect(await me(s)).toBe(200);
    }
    // …but not past 12 hours.
    t.clock.advance(20 * 60_000);
    expect(await me(s)).toBe(401);
    // The admin's session, idle all that time, is gone too; sign in again for the next tests.
    expect(await me(admin)).toBe(401);
    admin = await signIn(t.app, "admin");
  });

  it("the upkeep job drops ended sessions, challenges and restarted counters", async () => {
    await signIn(t.app, "leader");
    await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "leader", password: "sai-mat-khau" },
    });
    t.clock.advance(13 * 3600_000);
    expect(await t.services.auth.purgeExpired()).toBeGreaterThanOrEqual(3);
    expect(await t.services.auth.purgeExpired()).toBe(0);
    admin = await signIn(t.app, "admin");
  });

  it("logout ends the session", async () => {
    const s = await signIn(t.app, "leader");
    expect((await s.inject({ method: "POST", url: "/api/v1/auth/logout" })).statusCode).toBe(204);
    expect(await me(s)).toBe(401);
  });

  it("a role change ends the user's sessions; an unrelated edit does not", async () => {
    const u = await createStaffUser(t, { role: "coordinator" });
    const s = await u.signIn();
    const patch = (payload: object) =>
      admin.inject({ method: "PATCH", url: `/api/v1/admin/users/${u.actor.userId}`, payload });
    expect((await patch({ phone: "0912345678" })).statusCode).toBe(200);
    expect(await me(s)).toBe(200);
    expect((await patch({ role: "operator" })).statusCode).toBe(200);
    expect(await me(s)).toBe(401);
    // Signing in again gives the new role's rights.
    expect((await u.signIn()).me.user.role).toBe("operator");
  });

  describe("live SSE streams of ended sessions are closed", () => {
    let base: string;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    });

    /** Opens /api/v1/stream; resolves once the first bytes arrive, with a promise of its end. */
    function openStream(s: StaffSession): Promise<{ status: number; ended: Promise<"ended"> }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(`${base}/api/v1/stream`, { headers: { cookie: s.cookie } }, (res) => {
          const ended = new Promise<"ended">((done) => {
            res.on("end", () => done("ended"));
            res.on("close", () => done("ended"));
          });
          res.once("data", () => resolve({ status: res.statusCode ?? 0, ended }));
          res.on("error", () => {});
        });
        req.on("error", reject);
        req.end();
      });
    }
    const within = <T>(p: Promise<T>, ms: number) =>
      Promise.race([p, new Promise<"still open">((r) => setTimeout(() => r("still open"), ms))]);

    it("when the account is deactivated", async () => {
      const u = await createStaffUser(t, { role: "operator" });
      const stream = await openStream(await u.signIn());
      expect(stream.status).toBe(200);
      expect(await within(stream.ended, 300)).toBe("still open");
      const off = await admin.inject({
        method: "PATCH",
        url: `/api/v1/admin/users/${u.actor.userId}`,
        payload: { active: false },
      });
      expect(off.statusCode).toBe(200);
      expect(await within(stream.ended, 2000)).toBe("ended");
    });

    it("when the role changes, and on logout", async () => {
      const u = await createStaffUser(t, { role: "coordinator" });
      const first = await u.signIn();
      const second = await u.signIn();
      const a = await openStream(first);
      const b = await openStream(second);
      await first.inject({ method: "POST", url: "/api/v1/auth/logout" });
      expect(await within(a.ended, 2000)).toBe("ended");
      expect(await within(b.ended, 300)).toBe("still open");
      await admin.inject({
        method: "PATCH",
        url: `/api/v1/admin/users/${u.actor.userId}`,
        payload: { role: "operator" },
      });
      expect(await within(b.ended, 2000)).toBe("ended");
    });
  });
});

describe("the session cookie in production (ASVS V7.2)", () => {
  it("is __Host-sid: Secure, Path=/, no Domain, HttpOnly, SameSite=Strict — and it works", async () => {
    const t = await createTestApp({ NODE_ENV: "production", seed: "reference" });
    try {
      const u = await createStaffUser(t, { role: "operator", password: "mot-cum-tu-rat-dai" });
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: u.username, password: u.password },
      });
      expect(res.statusCode).toBe(200);
      const sid = res.cookies.find((c) => c.name === "__Host-sid");
      expect(sid).toMatchObject({ secure: true, path: "/", httpOnly: true, sameSite: "Strict" });
      expect(sid?.domain).toBeUndefined();
      expect(res.cookies.find((c) => c.name === "sid")).toBeUndefined();
      const s = await u.signIn();
      expect(s.cookie).toMatch(/^__Host-sid=/);
      expect((await s.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
      // The development name means nothing in production.
      const plain = await t.app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        headers: { cookie: s.cookie.replace("__Host-sid", "sid") },
      });
      expect(plain.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it("stays plain sid outside production, where the demo runs over http", async () => {
    const t = await createTestApp({ seed: "staff" });
    try {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "operator", password: "demo1022" },
      });
      expect(res.cookies.find((c) => c.name === "sid")?.secure).toBeFalsy();
    } finally {
      await t.close();
    }
  });
});
