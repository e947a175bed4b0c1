import { verify } from "@node-rs/argon2";
import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor, Role } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  clearThrottle,
  deleteStaleThrottles,
  findThrottle,
  saveThrottle,
} from "../db/repositories/login-throttle.repository.js";
import {
  countUnusedRecoveryCodes,
  deleteChallenge,
  deleteExpiredChallenges,
  disableTotp,
  isKnownDevice,
  rememberDevice,
} from "../db/repositories/second-factor.repository.js";
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findActiveSession,
  insertSession,
  touchSession,
} from "../db/repositories/session.repository.js";
import {
  findUserById,
  findUserByUsername,
  recordLoginSuccess,
  type UserRow,
} from "../db/repositories/user.repository.js";
import { setUserPassword } from "../db/repositories/user-admin.repository.js";
import { actorFromUser, checkNewPassword, hashPassword, newToken, sha256 } from "./credentials.js";
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  isDelayed,
  nextFailure,
  THROTTLE_QUIET_MS,
} from "./login-throttle.js";
import {
  createSecondFactor,
  type SecondFactorNeeded,
  TOTP_REQUIRED_ROLES,
  type TotpEnrolment,
} from "./second-factor.js";
import type { SessionBus } from "./session-bus.js";

/*
 * Staff sign-in (password, then a second factor where set or required), sessions and their ends,
 * and one's own password and TOTP settings. Delays after failures: login-throttle.ts; codes and
 * challenges: second-factor.ts; hashes and tokens: credentials.ts.
 */

/** A known-device cookie lives half a year (renewed at each sign-in). */
export const DEVICE_TTL_MS = 180 * 24 * 3600_000;

export interface SignInMeta {
  ip: string | null;
  userAgent: string | null;
  /** The known-device cookie, when the browser sent one. */
  deviceToken?: string;
}

export interface SignedIn {
  kind: "session";
  token: string;
  csrfToken: string;
  actor: Actor;
  /** The end of the idle window (it slides with use). */
  expiresAt: Date;
  /** The absolute end: the session cookie's expiry. */
  absoluteExpiresAt: Date;
  /** The known-device cookie to (re)set. */
  deviceToken: string;
  /** Present right after a TOTP enrolment completed during sign-in: shown once. */
  recoveryCodes?: string[];
}

let dummyHash: Promise<string> | undefined;

export function createAuthService(ctx: AppContext, sessions: SessionBus) {
  const isProduction = ctx.config.NODE_ENV === "production";
  const idleMs = ctx.config.SESSION_IDLE_MINUTES * 60_000;
  const totpRequired = (role: Role) => isProduction && TOTP_REQUIRED_ROLES.includes(role);
  const absoluteMs = ctx.config.SESSION_ABSOLUTE_HOURS * 3600_000;

  /** The same argon2 work as a real check, so timing does not tell refusals apart. */
  const wasteVerify = async (password: string) => {
    dummyHash ??= hashPassword("not-a-real-password");
    await verify(await dummyHash, password).catch(() => false);
  };

  const refuse = async (password: string): Promise<never> => {
    await wasteVerify(password);
    throw new AppError("INVALID_CREDENTIALS");
  };

  const recordFailure = async (keys: { key: string; rule: typeof ADDRESS_THROTTLE }[], now: Date) => {
    await ctx.db.transaction(async (tx) => {
      for (const { key, rule } of keys) {
        await saveThrottle(tx, nextFailure(key, await findThrottle(tx, key), rule, now));
      }
    });
  };

  const failureKeys = (user: UserRow, meta: SignInMeta) => [
    ...(meta.ip ? [{ key: `addr:${meta.ip}`, rule: ADDRESS_THROTTLE }] : []),
    { key: `user:${user.id}`, rule: ACCOUNT_THROTTLE },
  ];

  const startSession = async (
    user: UserRow,
    meta: SignInMeta,
    extra: (tx: Executor) => Promise<void> = async () => {},
  ): Promise<SignedIn> => {
    const now = ctx.clock.now();
    const token = newToken();
    const csrfToken = newToken(24);
    const expiresAt = new Date(now.getTime() + Math.min(idleMs, absoluteMs));
    const deviceToken =
      meta.deviceToken && (await isKnownDevice(ctx.db, sha256(meta.deviceToken), user.id))
        ? meta.deviceToken
        : newToken();
    await ctx.db.transaction(async (tx) => {
      await recordLoginSuccess(tx, user.id, now);
      // The account's counter restarts; the address's does not (it restarts after a quiet spell
      // only), or an attacker could clear it by signing in to an account of their own.
      await clearThrottle(tx, `user:${user.id}`);
      await rememberDevice(tx, sha256(deviceToken), user.id, now);
      await insertSession(tx, {
        id: sha256(token),
        userId: user.id,
        csrfToken,
        createdAt: now,
        expiresAt,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      await extra(tx);
    });
    const absoluteExpiresAt = new Date(now.getTime() + absoluteMs);
    return {
      kind: "session",
      token,
      csrfToken,
      actor: actorFromUser(user),
      expiresAt,
      absoluteExpiresAt,
      deviceToken,
    };
  };

  const secondFactor = createSecondFactor(ctx);

  const loadActor = async (actor: Actor): Promise<UserRow> => {
    const user = await findUserById(ctx.db, actor.userId);
    if (!user?.active) throw new AppError("UNAUTHENTICATED");
    return user;
  };

  const checkCurrentPassword = async (user: UserRow, password: string, field: string) => {
    if (!(await verify(user.password_hash, password).catch(() => false))) {
      throw invalidField(field, "Mật khẩu hiện tại không đúng", {
        code: "current_password_wrong",
        summary: null,
      });
    }
  };

  return {
    /** Whether a role must use TOTP here: administrators and coordinators, in production only. */
    totpRequired,

    /**
     * Password step of the sign-in. Unknown user, wrong password and a delayed address or account
     * all get the one answer 401 INVALID_CREDENTIALS after one argon2 verification.
     */
    async login(
      username: string,
      password: string,
      meta: SignInMeta,
    ): Promise<SignedIn | SecondFactorNeeded> {
      const now = ctx.clock.now();
      const addressKey = meta.ip ? `addr:${meta.ip}` : null;
      if (addressKey && isDelayed(await findThrottle(ctx.db, addressKey), now)) return refuse(password);
      const address = addressKey ? [{ key: addressKey, rule: ADDRESS_THROTTLE }] : [];
      const user = await findUserByUsername(ctx.db, username);
      if (!user?.active) {
        await recordFailure(address, now);
        return refuse(password);
      }
      const accountKey = `user:${user.id}`;
      if (isDelayed(await findThrottle(ctx.db, accountKey), now)) {
        const known = meta.deviceToken
          ? await isKnownDevice(ctx.db, sha256(meta.deviceToken), user.id)
          : false;
        if (!known) return refuse(password);
      }
      if (!(await verify(user.password_hash, password).catch(() => false))) {
        await recordFailure([...address, { key: accountKey, rule: ACCOUNT_THROTTLE }], now);
        if (Math.random() < 0.01)
          await deleteStaleThrottles(ctx.db, new Date(now.getTime() - THROTTLE_QUIET_MS));
        throw new AppError("INVALID_CREDENTIALS");
      }
      if (user.totp_secret) return secondFactor.issueChallenge(user, "totp");
      if (totpRequired(user.role)) return secondFactor.issueChallenge(user, "enrol");
      return startSession(user, meta);
    },

    /** Second step: a TOTP code or a recovery code for the challenge the password step issued. */
    async loginWithCode(challenge: string, code: string, meta: SignInMeta): Promise<SignedIn> {
      const user = await secondFactor.redeemChallenge(challenge, "totp");
      if (!(await secondFactor.acceptSecondFactor(user, code))) {
        // Wrong codes count like wrong passwords, so fresh challenges do not give endless guesses.
        await recordFailure(failureKeys(user, meta), ctx.clock.now());
        throw new AppError("SECOND_FACTOR_INVALID");
      }
      await deleteChallenge(ctx.db, sha256(challenge));
      return startSession(user, meta);
    },

    /** A role that must use TOTP and has none: the secret and QR to set it up, before any session. */
    async loginEnrolment(challenge: string): Promise<TotpEnrolment> {
      return secondFactor.enrolment(await secondFactor.redeemChallenge(challenge, "enrol"));
    },

    /** Confirms the enrolment with a first code: the session starts and the recovery codes are shown once. */
    async loginConfirmEnrolment(challenge: string, code: string, meta: SignInMeta): Promise<SignedIn> {
      const user = await secondFactor.redeemChallenge(challenge, "enrol");
      let recoveryCodes: string[] = [];
      const signedIn = await startSession(user, meta, async (tx) => {
        recoveryCodes = await secondFactor.confirmEnrolment(user, code, tx);
        await deleteChallenge(tx, sha256(challenge));
      }).catch(async (error: unknown) => {
        if (error instanceof AppError && error.code === "SECOND_FACTOR_INVALID") {
          await recordFailure(failureKeys(user, meta), ctx.clock.now());
        }
        throw error;
      });
      return { ...signedIn, recoveryCodes };
    },

    /** Whether the signed-in user has TOTP, must have it, and how many recovery codes are left. */
    async secondFactorStatus(actor: Actor) {
      const user = await loadActor(actor);
      return {
        enabled: user.totp_secret !== null,
        required: totpRequired(user.role),
        recoveryCodesLeft: user.totp_secret ? await countUnusedRecoveryCodes(ctx.db, user.id) : 0,
      };
    },

    async startTotpEnrolment(actor: Actor): Promise<TotpEnrolment> {
      const user = await loadActor(actor);
      if (user.totp_secret) throw new AppError("CONFLICT", "Xác thực hai bước đã được bật.");
      return secondFactor.enrolment(user);
    },

    async confirmTotpEnrolment(actor: Actor, code: string): Promise<string[]> {
      const user = await loadActor(actor);
      return ctx.db.transaction((tx) => secondFactor.confirmEnrolment(user, code, tx));
    },

    /** Turns TOTP off with the password and a current code; refused where the role requires it. */
    async disableTotp(actor: Actor, password: string, code: string): Promise<void> {
      const user = await loadActor(actor);
      if (!user.totp_secret) return;
      if (totpRequired(user.role)) {
        throw new AppError("FORBIDDEN", "Vai trò của bạn bắt buộc dùng xác thực hai bước.");
      }
      await checkCurrentPassword(user, password, "password");
      if (!(await secondFactor.acceptSecondFactor(user, code))) throw new AppError("SECOND_FACTOR_INVALID");
      await ctx.db.transaction(async (tx) => {
        await disableTotp(tx, user.id);
        await appendEvent(tx, {
          at: ctx.clock.now(),
          actor,
          entity: "user",
          entityId: user.id,
          kind: "user.totp_disabled",
          data: {},
        });
      });
    },

    /** Recovery codes replaced by ten new ones (needs a current code); shown once. */
    async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[]> {
      const user = await loadActor(actor);
      if (!user.totp_secret || !(await secondFactor.acceptSecondFactor(user, code))) {
        throw new AppError("SECOND_FACTOR_INVALID");
      }
      return ctx.db.transaction((tx) => secondFactor.newRecoveryCodes(tx, user.id));
    },

    /**
     * Changes one's own password with the current one (ASVS V6.2.3); every other session of the
     * user ends, this one stays.
     */
    async changePassword(actor: Actor, sessionToken: string, current: string, next: string): Promise<void> {
      const user = await loadActor(actor);
      await checkCurrentPassword(user, current, "currentPassword").catch(async (error: unknown) => {
        // Guessing the current password through a taken-over session counts against the account.
        await recordFailure([{ key: `user:${user.id}`, rule: ACCOUNT_THROTTLE }], ctx.clock.now());
        throw error;
      });
      checkNewPassword(next, user.username, "newPassword");
      if (await verify(user.password_hash, next).catch(() => false)) {
        throw invalidField("newPassword", "Mật khẩu mới phải khác mật khẩu hiện tại", {
          error: "WEAK_PASSWORD",
          code: "password_unchanged",
          summary: null,
        });
      }
      const passwordHash = await hashPassword(next);
      const now = ctx.clock.now();
      const ended = await ctx.db.transaction(async (tx) => {
        await setUserPassword(tx, user.id, passwordHash, now);
        const ids = await deleteUserSessions(tx, user.id, sha256(sessionToken));
        await appendEvent(tx, {
          at: now,
          actor,
          entity: "user",
          entityId: user.id,
          kind: "user.password_changed",
          data: { endedSessions: ids.length },
        });
        return ids;
      });
      sessions.revoked(ended);
    },

    /**
     * The actor behind a session cookie, or null when the session is unknown, idle for longer than
     * SESSION_IDLE_MINUTES or older than SESSION_ABSOLUTE_HOURS (ASVS V7.3).
     */
    async resolve(token: string): Promise<{ actor: Actor; csrfToken: string; sessionId: string } | null> {
      const now = ctx.clock.now();
      const id = sha256(token);
      const found = await findActiveSession(ctx.db, id, now);
      if (!found) return null;
      const absoluteEnd = found.created_at.getTime() + absoluteMs;
      if (absoluteEnd <= now.getTime() || found.last_seen_at.getTime() + idleMs <= now.getTime()) return null;
      // The idle window slides; the write happens at most once a minute rather than on every request.
      if (now.getTime() - found.last_seen_at.getTime() >= 60_000) {
        await touchSession(ctx.db, id, now, new Date(Math.min(now.getTime() + idleMs, absoluteEnd)));
      }
      return { actor: actorFromUser(found.user), csrfToken: found.csrf_token, sessionId: id };
    },

    /**
     * Upkeep (jobs/maintenance.ts): drops sessions past their end, challenges past theirs, and
     * sign-in counters that have restarted anyway. Returns how many rows went.
     */
    async purgeExpired(): Promise<number> {
      const now = ctx.clock.now();
      return ctx.db.transaction(async (tx) => {
        const sessionsGone = await deleteExpiredSessions(tx, now);
        const challengesGone = await deleteExpiredChallenges(tx, now);
        const countersGone = await deleteStaleThrottles(tx, new Date(now.getTime() - THROTTLE_QUIET_MS));
        return sessionsGone + challengesGone + countersGone;
      });
    },

    async logout(token: string): Promise<void> {
      const id = sha256(token);
      await deleteSession(ctx.db, id);
      sessions.revoked([id]);
    },
  };
}
