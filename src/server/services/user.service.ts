import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor, Role } from "../../shared/permissions.js";
import type { CreateUserBody, UpdateUserBody, UserView } from "../../shared/schemas/admin.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { agencyTable } from "../db/repositories/agency.repository.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { clearThrottle } from "../db/repositories/login-throttle.repository.js";
import { disableTotp } from "../db/repositories/second-factor.repository.js";
import { deleteUserSessions } from "../db/repositories/session.repository.js";
import { hasActiveAdministrator, insertUser } from "../db/repositories/user.repository.js";
import {
  findUserWithAgency,
  listUsersWithAgency,
  setUserPassword,
  type UserFilter,
  type UserWithAgency,
  updateUserProfile,
} from "../db/repositories/user-admin.repository.js";
import { authorize } from "../policies/authorize.js";
import { type ChangeSource, cliLabel, eventActor, uniqueOr409 } from "./admin-support.js";
import { checkNewPassword, hashPassword } from "./credentials.js";
import type { SessionBus } from "./session-bus.js";

export function presentUser(u: UserWithAgency): UserView {
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    role: u.role,
    agencyId: u.agency_id,
    agencyName: u.agency_name,
    phone: u.phone,
    email: u.email,
    active: u.active,
    lockedUntil: u.delayed_until?.toISOString() ?? null,
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}

/** What the audit log keeps of an account: never the password hash (R-SE2). */
const auditView = (
  u: Pick<UserWithAgency, "username" | "full_name" | "role" | "agency_id" | "phone" | "email" | "active">,
) => ({
  username: u.username,
  fullName: u.full_name,
  role: u.role,
  agencyId: u.agency_id,
  phone: u.phone,
  email: u.email,
  active: u.active,
});

const agencyRoles: readonly Role[] = ["focal_point", "agency_leader"];

/**
 * Art. 2.3, 14.7: focal points and leaders belong to an existing agency, and only they do — the
 * other roles act province-wide, and an agency on them would be read as theirs (the actor's
 * `agencyId`). A contradiction is refused, as everywhere in administration, never silently mended:
 * an edit that makes a focal point an operator clears the agency itself (`agencyId: null`).
 * The message is the response's own, so the console's dialog says it (AdminCrud shows `message`).
 */
async function checkAgency(db: Executor, role: Role, agencyId: string | null): Promise<void> {
  if (agencyRoles.includes(role) && !agencyId)
    throw invalidField("agencyId", "Cán bộ đầu mối và lãnh đạo cơ quan phải thuộc một cơ quan");
  if (!agencyRoles.includes(role) && agencyId) {
    throw invalidField(
      "agencyId",
      "Chỉ cán bộ đầu mối và lãnh đạo cơ quan thuộc một cơ quan; với vai trò này, hãy bỏ chọn cơ quan",
      {
        code: "agency_not_for_role",
      },
    );
  }
  if (agencyId && !(await agencyTable.findById(db, agencyId)))
    throw invalidField("agencyId", "Cơ quan không tồn tại");
}

const duplicateUsername = "Tên đăng nhập đã tồn tại";

export function createUserService(ctx: AppContext, sessions: SessionBus) {
  const load = async (db: Executor, id: string, lock = false) => {
    const user = await findUserWithAgency(db, id, lock);
    if (!user) throw new AppError("NOT_FOUND");
    return user;
  };

  const create = async (source: ChangeSource, body: CreateUserBody): Promise<UserView> => {
    const agencyId = body.agencyId ?? null;
    await checkAgency(ctx.db, body.role, agencyId);
    checkNewPassword(body.password, body.username);
    const passwordHash = await hashPassword(body.password);
    const id = await uniqueOr409("username", duplicateUsername, () =>
      ctx.db.transaction(async (tx) => {
        const row = await insertUser(tx, { ...body, agencyId, passwordHash });
        await appendEvent(tx, {
          ...eventActor(source),
          entity: "user",
          entityId: row.id,
          kind: "user.created",
          data: { before: null, after: auditView(row) },
        });
        return row.id;
      }),
    );
    return presentUser(await load(ctx.db, id));
  };

  /**
   * An administrator's reset that ends the user's sessions: the change, the sessions' end and the
   * event (`before`/`after` from `reset`) in one transaction, then the live sessions told.
   */
  const resetAndSignOut = async (
    admin: Actor,
    id: string,
    kind: string,
    reset: (tx: Executor, user: UserWithAgency) => Promise<Record<string, unknown>>,
  ): Promise<void> => {
    const ended = await ctx.db.transaction(async (tx) => {
      const user = await load(tx, id, true);
      const data = await reset(tx, user);
      const ids = await deleteUserSessions(tx, id);
      await appendEvent(tx, { actor: admin, entity: "user", entityId: id, kind, data });
      return ids;
    });
    sessions.revoked(ended);
  };

  return {
    async listUsers(actor: Actor | null, filter: UserFilter): Promise<UserView[]> {
      authorize(actor, "user.manage");
      return (await listUsersWithAgency(ctx.db, filter)).map(presentUser);
    },

    async getUser(actor: Actor | null, id: string): Promise<UserView> {
      authorize(actor, "user.manage");
      return presentUser(await load(ctx.db, id));
    },

    /** R-SE1: accounts are issued by the administrator, with an initial password. */
    async createUser(actor: Actor | null, body: CreateUserBody): Promise<UserView> {
      const admin = authorize(actor, "user.manage");
      return create({ actor: admin }, body);
    },

    /** The admin CLI's create-user (e.g. the first administrator): shell access is the authority. */
    /** First run (issue 18.7): true while no active administrator exists, so nobody can sign in to manage. */
    async needsFirstAdministrator(): Promise<boolean> {
      return !(await hasActiveAdministrator(ctx.db));
    },

    async createUserFromCli(body: CreateUserBody): Promise<UserView> {
      return create({ label: cliLabel }, body);
    },

    async updateUser(actor: Actor | null, id: string, body: UpdateUserBody): Promise<UserView> {
      const admin = authorize(actor, "user.manage");
      // An administrator cannot lock themselves out of administration.
      if (id === admin.userId && body.active === false)
        throw invalidField("active", "Không thể tự khoá tài khoản của mình");
      if (id === admin.userId && body.role && body.role !== "admin") {
        throw invalidField("role", "Không thể tự thay đổi vai trò quản trị của mình");
      }
      const ended = await ctx.db.transaction(async (tx) => {
        const before = await load(tx, id, true);
        const next = {
          fullName: body.fullName ?? before.full_name,
          role: body.role ?? before.role,
          agencyId: body.agencyId !== undefined ? body.agencyId : before.agency_id,
          phone: body.phone !== undefined ? body.phone : before.phone,
          email: body.email !== undefined ? body.email : before.email,
          active: body.active ?? before.active,
        };
        await checkAgency(tx, next.role, next.agencyId);
        await updateUserProfile(tx, id, next);
        // A deactivated account, or one whose role or agency changed, loses its open sessions at
        // once: its rights are the new ones from its next sign-in (ASVS V7.4.2).
        const rightsChanged = next.role !== before.role || next.agencyId !== before.agency_id;
        const ids = !next.active || rightsChanged ? await deleteUserSessions(tx, id) : [];
        const after = auditView({ ...before, ...next, full_name: next.fullName, agency_id: next.agencyId });
        await appendEvent(tx, {
          actor: admin,
          entity: "user",
          entityId: id,
          kind: before.active && !next.active ? "user.deactivated" : "user.updated",
          data: { before: auditView(before), after },
        });
        return ids;
      });
      sessions.revoked(ended);
      return presentUser(await load(ctx.db, id));
    },

    /**
     * Removes a user's TOTP and recovery codes (a lost phone and lost codes) and ends their sessions.
     * Where the role requires TOTP, the next sign-in walks them through enrolment again.
     */
    async resetSecondFactor(actor: Actor | null, id: string): Promise<void> {
      const admin = authorize(actor, "user.manage");
      await resetAndSignOut(admin, id, "user.totp_reset", async (tx, user) => {
        await disableTotp(tx, id);
        return { before: { totp: user.totp_secret !== null }, after: { totp: false } };
      });
    },

    /** Sets a new password, lifts any sign-in delay and ends the user's sessions. */
    async resetPassword(actor: Actor | null, id: string, password: string): Promise<void> {
      const admin = authorize(actor, "user.manage");
      checkNewPassword(password, (await load(ctx.db, id)).username);
      const passwordHash = await hashPassword(password);
      await resetAndSignOut(admin, id, "user.password_reset", async (tx, user) => {
        await setUserPassword(tx, id, passwordHash, ctx.clock.now());
        await clearThrottle(tx, `user:${id}`);
        // The event says that it happened, never what the password is.
        return { before: { lockedUntil: user.delayed_until }, after: { lockedUntil: null } };
      });
    },
  };
}
