import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { AppError } from "../../shared/errors.js";
import type { Role } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import {
  advanceTotpStep,
  attemptChallenge,
  deleteChallenge,
  enableTotp,
  insertChallenge,
  replaceRecoveryCodes,
  setPendingTotpSecret,
  spendRecoveryCode,
} from "../db/repositories/second-factor.repository.js";
import { findUserById, type UserRow } from "../db/repositories/user.repository.js";
import { actorFromUser, newToken, sha256 } from "./credentials.js";

/*
 * The second factor of staff sign-in (ASVS V6.3; docs/security.md): TOTP codes, recovery codes, the
 * short-lived challenge between the password step and the code, and enrolment.
 */

/** What a user did to their own second factor, on their account's audit trail. */
const recordOwn = (tx: Executor, user: UserRow, kind: string, at: Date) =>
  appendEvent(tx, { at, actor: actorFromUser(user), entity: "user", entityId: user.id, kind, data: {} });

/** Roles that must use a second factor in production (ASVS V6.3.3: administrative access). */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ["admin", "coordinator"];
const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_ATTEMPTS = 5;
const RECOVERY_CODE_COUNT = 10;
const TOTP_ISSUER = "Tổng đài 1022";

/** Recovery codes: 12 characters of an unambiguous alphabet (60 bits), shown as xxxx-xxxx-xxxx. */
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => recoveryAlphabet[b % recoveryAlphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");

function totpFor(username: string, secret: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: username,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** The time step a 6-digit code matches (±1 step of clock drift), or null. */
function matchingStep(username: string, secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(username, secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 30_000) + delta;
}

export interface SecondFactorNeeded {
  kind: "challenge";
  /** "totp": enter a code (or a recovery code); "enrol": set up TOTP first (required for the role). */
  next: "totp" | "enrol";
  challenge: string;
  expiresAt: Date;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

export function createSecondFactor(ctx: AppContext) {
  const issueChallenge = async (user: UserRow, next: "totp" | "enrol"): Promise<SecondFactorNeeded> => {
    const challenge = newToken();
    const expiresAt = new Date(ctx.clock.now().getTime() + CHALLENGE_TTL_MS);
    await insertChallenge(ctx.db, { id: sha256(challenge), userId: user.id, kind: next, expiresAt });
    return { kind: "challenge", next, challenge, expiresAt };
  };

  /** The user behind a live challenge of the given kind; each call counts as an attempt. */
  const redeemChallenge = async (challenge: string, kind: "totp" | "enrol"): Promise<UserRow> => {
    const now = ctx.clock.now();
    const row = await attemptChallenge(ctx.db, sha256(challenge), now);
    if (!row || row.kind !== kind || row.attempts > CHALLENGE_ATTEMPTS) {
      if (row) await deleteChallenge(ctx.db, row.id);
      throw new AppError("SECOND_FACTOR_INVALID");
    }
    const user = await findUserById(ctx.db, row.user_id);
    if (!user?.active) throw new AppError("SECOND_FACTOR_INVALID");
    return user;
  };

  /** A TOTP code (never one already used) or an unused recovery code; marks it used. */
  const acceptSecondFactor = async (user: UserRow, code: string): Promise<boolean> => {
    const now = ctx.clock.now();
    const trimmed = code.replace(/\s/g, "");
    if (!user.totp_secret) return false;
    const step = matchingStep(user.username, user.totp_secret, trimmed, now);
    if (step !== null) return advanceTotpStep(ctx.db, user.id, step);
    const recovery = normaliseRecoveryCode(code);
    if (recovery.length !== 12) return false;
    const used = await spendRecoveryCode(ctx.db, user.id, sha256(recovery), now);
    if (used) {
      await ctx.db.transaction((tx) => recordOwn(tx, user, "user.recovery_code_used", now));
    }
    return used;
  };

  const newRecoveryCodes = async (tx: Executor, userId: string): Promise<string[]> => {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await replaceRecoveryCodes(
      tx,
      userId,
      codes.map((c) => sha256(normaliseRecoveryCode(c))),
    );
    return codes;
  };

  const enrolment = async (user: UserRow): Promise<TotpEnrolment> => {
    const secret = new Secret({ size: 20 }).base32;
    await setPendingTotpSecret(ctx.db, user.id, secret);
    const otpauthUri = totpFor(user.username, secret).toString();
    return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 240 }) };
  };

  /** Checks a code against the pending secret and makes it the user's; returns the recovery codes. */
  const confirmEnrolment = async (user: UserRow, code: string, tx: Executor): Promise<string[]> => {
    const now = ctx.clock.now();
    if (!user.totp_pending_secret) throw new AppError("SECOND_FACTOR_INVALID");
    const step = matchingStep(user.username, user.totp_pending_secret, code.replace(/\s/g, ""), now);
    if (step === null) throw new AppError("SECOND_FACTOR_INVALID");
    await enableTotp(tx, user.id, now, step);
    const codes = await newRecoveryCodes(tx, user.id);
    await recordOwn(tx, user, "user.totp_enabled", now);
    return codes;
  };

  return {
    issueChallenge,
    redeemChallenge,
    acceptSecondFactor,
    newRecoveryCodes,
    enrolment,
    confirmEnrolment,
  };
}
