import { describe, expect, it } from "vitest";
import { createStaffUser, signIn } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";

/** Issue 14: passwords per ASVS V6.2 for new and changed passwords; changing one's own. */
describe("password rules and change of one's own password", () => {
  const s = useStaffApp({ users: ["admin"] });

  const createUser = (username: string, password: string) =>
    s.admin.inject({
      method: "POST",
      url: "/api/v1/admin/users",
      payload: { username, password, fullName: "Cán bộ thử", role: "admin" },
    });
  const problemOf = (res: Awaited<ReturnType<typeof createUser>>) => ({
    status: res.statusCode,
    code: res.json().error?.code,
    detail: res.json().error?.details?.[0]?.code,
  });

  it.each([
    ["password", "VALIDATION", "too_small"],
    ["password1234", "WEAK_PASSWORD", "password_common"],
    ["tongdai1022abc", "WEAK_PASSWORD", "password_contains_product"],
    ["Tổng Đài Thanh Hóa", "WEAK_PASSWORD", "password_contains_product"],
    ["tran.binh.2026-xyz", "WEAK_PASSWORD", "password_contains_username"],
  ])("refuses %j for an administrator (%s)", async (password, code, detail) => {
    const res = await createUser("tran.binh", password);
    expect(problemOf(res)).toEqual({ status: 400, code, detail });
    expect(res.json().error.details[0]).toMatchObject({ field: "password" });
    expect(res.json().error.details[0].message).toMatch(/Mật khẩu/);
  });

  it("accepts a long passphrase with spaces and Vietnamese letters, and it signs in", async () => {
    const passphrase = "cây đa, giếng nước, sân đình và con đò nhỏ";
    expect((await createUser("le.chi", passphrase)).statusCode).toBe(201);
    expect((await signIn(s.t.app, "le.chi", passphrase)).me.user.username).toBe("le.chi");
  });

  it("applies the rules to an administrator's reset too", async () => {
    const u = await createStaffUser(s.t, { role: "operator" });
    const res = await s.admin.inject({
      method: "POST",
      url: `/api/v1/admin/users/${u.actor.userId}/password`,
      payload: { password: "qwertyuiop123" },
    });
    expect(problemOf(res)).toEqual({ status: 400, code: "WEAK_PASSWORD", detail: "password_common" });
  });

  it("keeps the seeded demo accounts signing in with demo1022 (outside production)", async () => {
    expect((await signIn(s.t.app, "operator", "demo1022")).me.user.role).toBe("operator");
  });

  it("changes one's own password with the current one; other sessions end, this one stays", async () => {
    const u = await createStaffUser(s.t, { role: "coordinator" });
    const here = await u.signIn();
    const elsewhere = await u.signIn();
    const change = (current: string, next: string) =>
      here.inject({
        method: "POST",
        url: "/api/v1/auth/password",
        payload: { currentPassword: current, newPassword: next },
      });
    const wrongCurrent = await change("not-my-password", "mot-cum-tu-moi-rat-dai");
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.details[0]).toMatchObject({
      field: "currentPassword",
      code: "current_password_wrong",
    });
    const weak = await change(u.password, "password1234");
    expect(problemOf(weak)).toEqual({ status: 400, code: "WEAK_PASSWORD", detail: "password_common" });
    // Nothing changed so far: both sessions still work.
    expect((await elsewhere.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);

    expect((await change(u.password, "mot-cum-tu-moi-rat-dai")).statusCode).toBe(204);
    expect((await here.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    expect((await elsewhere.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    await expect(signIn(s.t.app, u.username, u.password)).rejects.toThrow(/401/);
    expect((await signIn(s.t.app, u.username, "mot-cum-tu-moi-rat-dai")).me.user.username).toBe(u.username);
    const audit = await s.admin.inject({
      method: "GET",
      url: `/api/v1/admin/audit?entity=user&entityId=${u.actor.userId}`,
    });
    expect(audit.json().items.map((e: { kind: string }) => e.kind)).toContain("user.password_changed");
    expect(audit.body).not.toContain("mot-cum-tu-moi");
  });

  it("needs a session and the CSRF token", async () => {
    const anonymous = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { currentPassword: "demo1022", newPassword: "mot-cum-tu-moi-rat-dai" },
    });
    expect(anonymous.statusCode).toBe(401);
    const focal = await signIn(s.t.app, "focal");
    const noCsrf = await s.t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password",
      headers: { cookie: focal.cookie },
      payload: { currentPassword: "demo1022", newPassword: "mot-cum-tu-moi-rat-dai" },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
