import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/harness.js";
import { useTestApp } from "../../../test/hooks.js";
import {
  type CreatedStaff,
  createStaffUser,
  sessionCookieNames,
  sessionFrom,
  signIn,
} from "../../../test/staff.js";
import { THROTTLE_QUIET_MS } from "../../services/login-throttle.js";

/** Issue 14, ASVS V6.5/V6.6: TOTP (RFC 6238) with recovery codes; required for admin/coordinator in production. */

const codeAt = (secret: string, t: TestApp, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({
    timestamp: t.clock.now().getTime() + offsetMs,
  });

const post = (t: TestApp, url: string, payload: object) => t.app.inject({ method: "POST", url, payload });

describe("TOTP in production: required for administrators and coordinators", () => {
  const t = useTestApp({ NODE_ENV: "production", seed: "reference" });

  const password = "mot-cum-tu-rat-dai";

  it.each(["admin", "coordinator"] as const)(
    "sends a %s without TOTP to enrolment before any session",
    async (role) => {
      const u = await createStaffUser(t, { role, password });
      const res = await post(t, "/api/v1/auth/login", { username: u.username, password });
      expect(res.statusCode).toBe(200);
      expect(res.json().secondFactor.next).toBe("enrol");
      expect(res.cookies.filter((c) => sessionCookieNames.includes(c.name))).toEqual([]);
      // The challenge is not a session.
      const me = await t.app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        headers: { cookie: `__Host-sid=${res.json().secondFactor.challenge}` },
      });
      expect(me.statusCode).toBe(401);
    },
  );

  it("lets an operator sign in with the password alone", async () => {
    const u = await createStaffUser(t, { role: "operator", password });
    const res = await post(t, "/api/v1/auth/login", { username: u.username, password });
    expect(res.json().user.role).toBe("operator");
  });

  let admin: CreatedStaff;
  let secret: string;
  let recoveryCodes: string[];

  it("enrols (secret, otpauth URI, QR), confirms with a code, and hands out 10 recovery codes once", async () => {
    admin = await createStaffUser(t, { role: "admin", password });
    const { challenge } = (await post(t, "/api/v1/auth/login", { username: admin.username, password })).json()
      .secondFactor;
    const enrol = await post(t, "/api/v1/auth/login/enrol", { challenge });
    expect(enrol.statusCode).toBe(200);
    ({ secret } = enrol.json());
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.json().otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(enrol.json().otpauthUri).toContain(encodeURIComponent(admin.username));
    expect(enrol.json().qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await post(t, "/api/v1/auth/login/enrol/confirm", { challenge, code: "000000" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("SECOND_FACTOR_INVALID");
    const ok = await post(t, "/api/v1/auth/login/enrol/confirm", { challenge, code: codeAt(secret, t) });
    expect(ok.statusCode).toBe(200);
    recoveryCodes = ok.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const s = sessionFrom(t.app, ok);
    expect((await s.inject({ method: "GET", url: "/api/v1/auth/totp" })).json()).toEqual({
      enabled: true,
      required: true,
      recoveryCodesLeft: 10,
    });
    // The challenge was used up.
    expect((await post(t, "/api/v1/auth/login/enrol", { challenge })).statusCode).toBe(401);
  });

  it("signs in with password then code; a wrong or replayed code is refused", async () => {
    t.clock.advance(60_000);
    const start = () => post(t, "/api/v1/auth/login", { username: admin.username, password });
    const first = await start();
    expect(first.json().secondFactor.next).toBe("totp");
    const { challenge } = first.json().secondFactor;
    const wrong = await post(t, "/api/v1/auth/login/totp", { challenge, code: "123456" });
    expect(wrong.json().error.code).toBe("SECOND_FACTOR_INVALID");
    const code = codeAt(secret, t);
    const ok = await post(t, "/api/v1/auth/login/totp", { challenge, code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.username).toBe(admin.username);
    // The same code again, with a fresh challenge: refused (RFC 6238 §5.2).
    const again = await start();
    const replay = await post(t, "/api/v1/auth/login/totp", {
      challenge: again.json().secondFactor.challenge,
      code,
    });
    expect(replay.statusCode).toBe(401);
    // A wrong password never reaches the code step.
    expect(
      (await post(t, "/api/v1/auth/login", { username: admin.username, password: "sai-mat-khau-roi" }))
        .statusCode,
    ).toBe(401);
  });

  it("gives up a challenge after 5 wrong codes", async () => {
    t.clock.advance(60_000);
    const { challenge } = (await post(t, "/api/v1/auth/login", { username: admin.username, password })).json()
      .secondFactor;
    for (let i = 0; i < 5; i++) await post(t, "/api/v1/auth/login/totp", { challenge, code: "000000" });
    const right = await post(t, "/api/v1/auth/login/totp", { challenge, code: codeAt(secret, t) });
    expect(right.statusCode).toBe(401);
  });

  it("accepts each recovery code once", async () => {
    // The wrong codes above delayed the account (they count like wrong passwords); let it restart.
    t.clock.advance(THROTTLE_QUIET_MS);
    const login = async (code: string) => {
      const { challenge } = (
        await post(t, "/api/v1/auth/login", { username: admin.username, password })
      ).json().secondFactor;
      return post(t, "/api/v1/auth/login/totp", { challenge, code });
    };
    const [code] = recoveryCodes;
    if (!code) throw new Error("no recovery code");
    const used = await login(code.toUpperCase());
    expect(used.statusCode).toBe(200);
    expect((await login(code)).statusCode).toBe(401);
    const s = sessionFrom(t.app, used);
    expect((await s.inject({ method: "GET", url: "/api/v1/auth/totp" })).json().recoveryCodesLeft).toBe(9);
    // A required second factor cannot be switched off.
    t.clock.advance(60_000);
    const off = await s.inject({
      method: "POST",
      url: "/api/v1/auth/totp/disable",
      payload: { password, code: codeAt(secret, t) },
    });
    expect(off.statusCode).toBe(403);
  });
  it("counts wrong codes like wrong passwords: new challenges do not give endless guesses", async () => {
    const u = await createStaffUser(t, { role: "coordinator", password });
    const enrolChallenge = (await post(t, "/api/v1/auth/login", { username: u.username, password })).json()
      .secondFactor.challenge;
    const { secret: own } = (await post(t, "/api/v1/auth/login/enrol", { challenge: enrolChallenge })).json();
    await post(t, "/api/v1/auth/login/enrol/confirm", { challenge: enrolChallenge, code: codeAt(own, t) });
    t.clock.advance(60_000);
    // One wrong code per fresh challenge, from several addresses.
    for (let i = 0; i < 6; i++) {
      const from = `198.51.100.${i + 1}`;
      const step = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        remoteAddress: from,
        payload: { username: u.username, password },
      });
      const { challenge } = step.json().secondFactor;
      await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login/totp",
        remoteAddress: from,
        payload: { challenge, code: "000000" },
      });
    }
    // The account is now delayed for unknown devices: even the right password gets the usual refusal.
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      remoteAddress: "198.51.100.99",
      payload: { username: u.username, password },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("INVALID_CREDENTIALS");
  });
  it("an administrator removes a user's TOTP (lost phone and codes): sessions end, enrolment comes again", async () => {
    const u = await createStaffUser(t, { role: "coordinator", password });
    const enrolChallenge = (await post(t, "/api/v1/auth/login", { username: u.username, password })).json()
      .secondFactor.challenge;
    const { secret: own } = (await post(t, "/api/v1/auth/login/enrol", { challenge: enrolChallenge })).json();
    const confirmed = await post(t, "/api/v1/auth/login/enrol/confirm", {
      challenge: enrolChallenge,
      code: codeAt(own, t),
    });
    const userSession = sessionFrom(t.app, confirmed);
    // Another administrator, with TOTP of their own, does the reset.
    t.clock.advance(60_000);
    const adminChallenge = (
      await post(t, "/api/v1/auth/login", { username: admin.username, password })
    ).json().secondFactor.challenge;
    const adminSession = sessionFrom(
      t.app,
      await post(t, "/api/v1/auth/login/totp", { challenge: adminChallenge, code: codeAt(secret, t) }),
    );
    const reset = await adminSession.inject({
      method: "POST",
      url: `/api/v1/admin/users/${u.actor.userId}/totp/reset`,
    });
    expect(reset.statusCode).toBe(204);
    expect((await userSession.inject({ method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    const again = await post(t, "/api/v1/auth/login", { username: u.username, password });
    expect(again.json().secondFactor.next).toBe("enrol");
    // (Only user.manage reaches the route: the permission matrix test checks every other role gets 403.)
  });
});

describe("TOTP outside production: optional", () => {
  const t = useTestApp({ seed: "staff" });

  it("keeps the demo administrator and coordinator signing in with demo1022 alone", async () => {
    expect((await signIn(t.app, "admin")).me.user.role).toBe("admin");
    expect((await signIn(t.app, "coordinator")).me.user.role).toBe("coordinator");
  });

  it("lets a user turn TOTP on from their account, then asks for it at sign-in, and off with password + code", async () => {
    const u = await createStaffUser(t, { role: "operator" });
    const s = await u.signIn();
    expect((await s.inject({ method: "GET", url: "/api/v1/auth/totp" })).json()).toMatchObject({
      enabled: false,
      required: false,
    });
    const enrol = await s.inject({ method: "POST", url: "/api/v1/auth/totp/enrol" });
    const { secret } = enrol.json();
    const confirm = await s.inject({
      method: "POST",
      url: "/api/v1/auth/totp/confirm",
      payload: { code: codeAt(secret, t) },
    });
    expect(confirm.json().recoveryCodes).toHaveLength(10);
    expect((await s.inject({ method: "POST", url: "/api/v1/auth/totp/enrol" })).statusCode).toBe(409);

    const res = await post(t, "/api/v1/auth/login", { username: u.username, password: u.password });
    expect(res.json().secondFactor.next).toBe("totp");

    t.clock.advance(30_000);
    const wrongPassword = await s.inject({
      method: "POST",
      url: "/api/v1/auth/totp/disable",
      payload: { password: "khong-phai-mat-khau", code: codeAt(secret, t) },
    });
    expect(wrongPassword.statusCode).toBe(400);
    const off = await s.inject({
      method: "POST",
      url: "/api/v1/auth/totp/disable",
      payload: { password: u.password, code: codeAt(secret, t) },
    });
    expect(off.statusCode).toBe(204);
    expect((await u.signIn()).me.user.username).toBe(u.username);
  });
});
