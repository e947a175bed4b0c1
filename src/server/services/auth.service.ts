import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import {
  deleteSession,
  findActiveSession,
  insertSession,
  touchSession,
} from "../db/repositories/session.repository.js";
import {
  findUserByUsername,
  recordLoginFailure,
  recordLoginSuccess,
  type UserRow,
} from "../db/repositories/user.repository.js";

/** Lock an account for 15 minutes after 5 wrong passwords in a row (R-SE1). */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** Sessions expire after 12 hours without use — one operator shift. */
export const SESSION_TTL_MS = 12 * 3600_000;

// argon2id (the library's default algorithm) with OWASP's minimum memory and time costs.
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export function actorFromUser(
  u: Pick<UserRow, "id" | "username" | "full_name" | "role" | "agency_id">,
): Actor {
  return { userId: u.id, username: u.username, fullName: u.full_name, role: u.role, agencyId: u.agency_id };
}

const sessionId = (token: string) => createHash("sha256").update(token).digest("hex");

let dummyHash: Promise<string> | undefined;

export function createAuthService(ctx: AppContext) {
  return {
    async login(
      username: string,
      password: string,
      meta: { ip: string | null; userAgent: string | null },
    ): Promise<{
      token: string;
      csrfToken: string;
      actor: Actor;
      actorAsUser: {
        id: string;
        username: string;
        fullName: string;
        role: Actor["role"];
        agencyId: string | null;
      };
      expiresAt: Date;
    }> {
      const now = ctx.clock.now();
      const user = await findUserByUsername(ctx.db, username);
      if (!user?.active) {
        // Same work as a real check, so timing does not reveal which usernames exist.
        dummyHash ??= hashPassword("not-a-real-password");
        await verify(await dummyHash, password).catch(() => false);
        throw new AppError("INVALID_CREDENTIALS");
      }
      // db.execute returns timestamptz as text (drizzle overrides the drivers' parsers), hence new Date().
      if (user.locked_until && user.locked_until > now) throw new AppError("ACCOUNT_LOCKED");
      const ok = await verify(user.password_hash, password).catch(() => false);
      if (!ok) {
        const after = await recordLoginFailure(
          ctx.db,
          user.id,
          LOCK_AFTER_FAILURES,
          new Date(now.getTime() + LOCK_MINUTES * 60_000),
        );
        if (after.locked_until && after.locked_until > now) throw new AppError("ACCOUNT_LOCKED");
        throw new AppError("INVALID_CREDENTIALS");
      }
      const token = randomBytes(32).toString("base64url");
      const csrfToken = randomBytes(24).toString("base64url");
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await ctx.db.transaction(async (tx) => {
        await recordLoginSuccess(tx, user.id, now);
        await insertSession(tx, { id: sessionId(token), userId: user.id, csrfToken, expiresAt, ...meta });
      });
      const actor = actorFromUser(user);
      const actorAsUser = {
        id: actor.userId,
        username: actor.username,
        fullName: actor.fullName,
        role: actor.role,
        agencyId: actor.agencyId,
      };
      return { token, csrfToken, actor, actorAsUser, expiresAt };
    },

    /** The actor behind a session cookie, or null when the session is unknown or expired. */
    async resolve(token: string): Promise<{ actor: Actor; csrfToken: string } | null> {
      const now = ctx.clock.now();
      const id = sessionId(token);
      const found = await findActiveSession(ctx.db, id, now);
      if (!found) return null;
      // Sliding expiry, written at most every ten minutes rather than on every request.
      if (found.expires_at.getTime() - now.getTime() < SESSION_TTL_MS - 10 * 60_000) {
        await touchSession(ctx.db, id, now, new Date(now.getTime() + SESSION_TTL_MS));
      }
      return { actor: actorFromUser(found.user), csrfToken: found.csrf_token };
    },

    async logout(token: string): Promise<void> {
      await deleteSession(ctx.db, sessionId(token));
    },
  };
}
