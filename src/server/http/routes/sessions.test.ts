import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/harness.js";
import { createStaffUser, type StaffSession, signIn } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";

/** Issue 14, ASVS V7: idle and absolute limits, revocation (SSE included), the __Host- cookie. */
describe("session limits and revocation", () => {
  const s = useStaffApp({ users: ["admin"], SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 });

  const me = (session: StaffSession) =>
    session.inject({ method: "GET", url: "/api/v1/auth/me" }).then((r) => r.statusCode);

  it("ends a session idle for longer than SESSION_IDLE_MINUTES", async () => {
    const session = await signIn(s.t.app, "operator");
    s.t.clock.advance(29 * 60_000);
    expect(await me(session)).toBe(200);
    // Used at minute 29: the idle window starts again from there.
    s.t.clock.advance(29 * 60_000);
    expect(await me(session)).toBe(200);
    s.t.clock.advance(31 * 60_000);
    expect(await me(session)).toBe(401);
  });

  it("ends a session SESSION_ABSOLUTE_HOURS after sign-in, however busy", async () => {
    const session = await signIn(s.t.app, "focal");
    // A request every 20 minutes for 11 h 40 min keeps it alive…
    for (let i = 0; i < 35; i++) {
      s.t.clock.advance(20 * 60_000);
      expect(await me(session)).toBe(200);
    }
    // …but not past 12 hours.
    s.t.clock.advance(20 * 60_000);
    expect(await me(session)).toBe(401);
    // The admin's session, idle all that time, is gone too; sign in again for the next tests.
    expect(await me(s.admin)).toBe(401);
    await s.signIn("admin");
  });

  it("the upkeep job drops ended sessions, challenges and restarted counters", async () => {
    await signIn(s.t.app, "leader");
    await s.t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "leader", password: "sai-mat-khau" },
    });
    s.t.clock.advance(13 * 3600_000);
    expect(await s.t.services.auth.purgeExpired()).toBeGreaterThanOrEqual(3);
    expect(await s.t.services.auth.purgeExpired()).toBe(0);
    await s.signIn("admin");
  });

  it("logout ends the session", async () => {
    const session = await signIn(s.t.app, "leader");
    expect((await session.inject({ method: "POST", url: "/api/v1/auth/logout" })).statusCode).toBe(204);
    expect(await me(session)).toBe(401);
  });

  it("a role change ends the user's sessions; an unrelated edit does not", async () => {
    const u = await createStaffUser(s.t, { role: "coordinator" });
    const session = await u.signIn();
    const patch = (payload: object) =>
      s.admin.inject({ method: "PATCH", url: `/api/v1/admin/users/${u.actor.userId}`, payload });
    expect((await patch({ phone: "0912345678" })).statusCode).toBe(200);
    expect(await me(session)).toBe(200);
    expect((await patch({ role: "operator" })).statusCode).toBe(200);
    expect(await me(session)).toBe(401);
    // Signing in again gives the new role's rights.
    expect((await u.signIn()).me.user.role).toBe("operator");
  });

  describe("live SSE streams of ended sessions are closed", () => {
    let base: string;
    beforeAll(async () => {
      await s.t.app.listen({ port: 0, host: "127.0.0.1" });
      base = `http://127.0.0.1:${(s.t.app.server.address() as AddressInfo).port}`;
    });

    /** Opens /api/v1/stream; resolves once the first bytes arrive, with a promise of its end. */
    function openStream(session: StaffSession): Promise<{ status: number; ended: Promise<"ended"> }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(`${base}/api/v1/stream`, { headers: { cookie: session.cookie } }, (res) => {
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
      const u = await createStaffUser(s.t, { role: "operator" });
      const stream = await openStream(await u.signIn());
      expect(stream.status).toBe(200);
      expect(await within(stream.ended, 300)).toBe("still open");
      const off = await s.admin.inject({
        method: "PATCH",
        url: `/api/v1/admin/users/${u.actor.userId}`,
        payload: { active: false },
      });
      expect(off.statusCode).toBe(200);
      expect(await within(stream.ended, 2000)).toBe("ended");
    });

    it("when the role changes, and on logout", async () => {
      const u = await createStaffUser(s.t, { role: "coordinator" });
      const first = await u.signIn();
      const second = await u.signIn();
      const a = await openStream(first);
      const b = await openStream(second);
      await first.inject({ method: "POST", url: "/api/v1/auth/logout" });
      expect(await within(a.ended, 2000)).toBe("ended");
      expect(await within(b.ended, 300)).toBe("still open");
      await s.admin.inject({
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
