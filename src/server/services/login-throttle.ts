import type { ThrottleRow } from "../db/repositories/login-throttle.repository.js";

/**
 * Progressive delay after failed sign-ins (issue 14; docs/security.md "Authentication and sessions").
 * Per source address: 10 free failures, then 1 s, 2 s, 4 s … up to 15 minutes between attempts.
 * Per account: 5 free failures, then 1 s, 2 s … up to 5 minutes — and never for a device the user has
 * signed in with before, so nobody can keep an account's owner out by guessing. Both counters
 * restart after 15 quiet minutes; the account's also on a successful sign-in. A delayed attempt gets exactly the
 * answer a wrong password gets, after the same argon2 work.
 */
export const ADDRESS_THROTTLE = { freeFailures: 10, maxDelayMs: 15 * 60_000 };
export const ACCOUNT_THROTTLE = { freeFailures: 5, maxDelayMs: 5 * 60_000 };
export const THROTTLE_QUIET_MS = 15 * 60_000;

/** The counter after one more failure: the delay doubles past the free failures, up to the rule's cap. */
export function nextFailure(
  key: string,
  row: ThrottleRow | undefined,
  rule: { freeFailures: number; maxDelayMs: number },
  now: Date,
): ThrottleRow {
  const recent = row && now.getTime() - row.last_failure_at.getTime() < THROTTLE_QUIET_MS;
  const failures = recent ? row.failures + 1 : 1;
  const over = failures - rule.freeFailures;
  const delayMs = over > 0 ? Math.min(1000 * 2 ** Math.min(over - 1, 30), rule.maxDelayMs) : 0;
  return {
    key,
    failures,
    last_failure_at: now,
    delayed_until: delayMs > 0 ? new Date(now.getTime() + delayMs) : null,
  };
}

export const isDelayed = (row: ThrottleRow | undefined, now: Date) =>
  row?.delayed_until != null && row.delayed_until > now;
