import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/hooks.js";
import { type CreatedStaff, createStaffUser } from "../../../test/staff.js";
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, THROTTLE_QUIET_MS } from "../../services/login-throttle.js";

/**
 * Issue 14, sign-in: the old lock-out (423 after 5 wrong passwords, counter never reset) let anyone
 * keep an account locked and told which usernames exist. Now: a progressive delay per address and
 * per account, the same answer for every refusal, and the owner's known device is never delayed.
 */
describe("sign-in throttling (issue 14, ASVS V6.3.1)", () => {
  const t = useTestApp({ seed: "reference" });

  const login = (username: string, password: string, from: string, cookie?: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      remoteAddress: from,
      headers: cookie ? { cookie } : {},
      payload: { username, password },
    });

  /** The known-device cookie a successful sign-in sets ("device=…"). */
  const deviceCookieOf = (res: Awaited<ReturnType<typeof login>>) => {
    const c = res.cookies.find((x) => x.name === "device");
    if (!c) throw new Error("no device cookie");
    return `device=${c.value}`;
  };

  /** Wrong passwords from `addresses` in turn, `rounds` times each, moving the clock `stepMs` each time. */
  async function guess(u: CreatedStaff | string, addresses: string[], rounds: number, stepMs = 0) {
    const name = typeof u === "string" ? u : u.username;
    const answers: { status: number; body: string }[] = [];
    for (let i = 0; i < rounds; i++) {
      for (const a of addresses) {
        const res = await login(name, `guess-${i}-${a}`, a);
        answers.push({ status: res.statusCode, body: res.body });
        t.clock.advance(stepMs);
      }
    }
    return answers;
  }

  it("answers an unknown user, a wrong password and a delayed account identically (no 423)", async () => {
    const u = await createStaffUser(t, { role: "admin" });
    const wrong = await login(u.username, "wrong-password", "192.0.2.1");
    // Enough failures from several addresses to delay the account itself.
    await guess(u, ["192.0.2.2", "192.0.2.3"], ACCOUNT_THROTTLE.freeFailures);
    const delayedRight = await login(u.username, u.password, "192.0.2.4");
    const unknown = await login("khong-ton-tai", "wrong-password", "192.0.2.5");
    for (const res of [wrong, delayedRight, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("INVALID_CREDENTIALS");
    }
    expect(new Set([wrong.body, delayedRight.body, unknown.body]).size).toBe(1);
    // Same headers apart from the date: no retry-after that only exists for real accounts.
    const keys = (res: typeof wrong) => Object.keys(res.headers).sort();
    expect(keys(delayedRight)).toEqual(keys(unknown));
  });

  it("resets the counter after the delay window: one wrong guess every 15 minutes no longer keeps anyone out", async () => {
    const u = await createStaffUser(t, { role: "admin" });
    await guess(u, ["198.51.100.1"], ACCOUNT_THROTTLE.freeFailures + 2);
    // Delayed now (even the right password, from a new device, is refused for the moment).
    expect((await login(u.username, u.password, "198.51.100.2")).statusCode).toBe(401);
    // The old bug: once the lock expired, one more wrong password locked the account again.
    t.clock.advance(THROTTLE_QUIET_MS + 1000);
    expect((await login(u.username, "one-more-guess", "198.51.100.1")).statusCode).toBe(401);
    const res = await login(u.username, u.password, "198.51.100.2");
    expect(res.statusCode).toBe(200);
    // And the attacker's slow drip (one guess every 15 minutes) never delays the account.
    for (let i = 0; i < 20; i++) {
      t.clock.advance(THROTTLE_QUIET_MS);
      await login(u.username, `drip-${i}`, "198.51.100.1");
    }
    expect((await login(u.username, u.password, "198.51.100.3")).statusCode).toBe(200);
  });

  it("lets the owner sign in on the first attempt while an attacker keeps guessing from elsewhere", async () => {
    const u = await createStaffUser(t, { role: "admin" });
    // The owner has used this browser before.
    const device = deviceCookieOf(await login(u.username, u.password, "203.0.113.10"));
    // Sustained guessing from 10 addresses, 100 guesses over 25 minutes.
    const attackers = Array.from({ length: 10 }, (_, i) => `198.18.0.${i + 1}`);
    const answers = await guess(u, attackers, 10, 15_000);
    expect(answers.every((a) => a.status === 401)).toBe(true);
    // The attack did slow itself down: the account is delayed for unknown devices…
    expect((await login(u.username, u.password, "203.0.113.99")).statusCode).toBe(401);
    // …but the owner, from their browser, gets in at the first try.
    const owner = await login(u.username, u.password, "203.0.113.10", device);
    expect(owner.statusCode).toBe(200);
    // Success resets the account's counter: a new device works again too.
    expect((await login(u.username, u.password, "203.0.113.99")).statusCode).toBe(200);
  });

  it("delays an address that keeps failing, across usernames, and not its neighbours", async () => {
    const names = Array.from({ length: ADDRESS_THROTTLE.freeFailures + 1 }, (_, i) => `khong-co-${i}`);
    for (const name of names) await login(name, "guess", "192.0.2.200");
    const u = await createStaffUser(t, { role: "operator" });
    // The guessing address is delayed, whatever the account (a credential-stuffing run stalls)…
    expect((await login(u.username, u.password, "192.0.2.200")).statusCode).toBe(401);
    // …while another address signs in as usual.
    expect((await login(u.username, u.password, "192.0.2.201")).statusCode).toBe(200);
    // Signing in to an account of one's own does not clear the address's counter.
    // (The first delay is a second: wait it out, sign in, guess once more — delayed again at once.)
    const own = await createStaffUser(t, { role: "operator" });
    t.clock.advance(2000);
    expect((await login(own.username, own.password, "192.0.2.200")).statusCode).toBe(200);
    expect((await login("khong-co-nua", "guess", "192.0.2.200")).statusCode).toBe(401);
    expect((await login(u.username, u.password, "192.0.2.200")).statusCode).toBe(401);
    // The delay is bounded: after it (and the quiet window) the address works again.
    t.clock.advance(ADDRESS_THROTTLE.maxDelayMs + THROTTLE_QUIET_MS);
    expect((await login(u.username, u.password, "192.0.2.200")).statusCode).toBe(200);
  });

  it("bounds the account delay, so a new device gets in once guessing stops", async () => {
    const u = await createStaffUser(t, { role: "coordinator" });
    await guess(u, ["192.0.2.50", "192.0.2.51", "192.0.2.52"], 8);
    expect((await login(u.username, u.password, "192.0.2.53")).statusCode).toBe(401);
    t.clock.advance(ACCOUNT_THROTTLE.maxDelayMs);
    expect((await login(u.username, u.password, "192.0.2.53")).statusCode).toBe(200);
  });
});
