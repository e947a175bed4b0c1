import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { agencyTable } from "../server/db/repositories/agency.repository.js";
import { insertUser } from "../server/db/repositories/user.repository.js";
import { DEMO_PASSWORD } from "../server/demo/seed.js";
import { sessionCookieName } from "../server/http/auth.js";
import { actorFromUser, hashPassword } from "../server/services/credentials.js";
import type { Actor, Role } from "../shared/permissions.js";
import { type MeResponse, meResponse } from "../shared/schemas/auth.js";
import type { TestApp } from "./harness.js";
import { json } from "./http.js";

export interface StaffSession {
  /** "sid=…" (or "__Host-sid=…" in production), ready for a cookie header. */
  cookie: string;
  csrf: string;
  me: MeResponse;
  /** app.inject with the session cookie and the x-csrf-token header added. */
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** The session cookie's names (http/auth.ts): development/test and production. */
export const sessionCookieNames = [
  sessionCookieName({ NODE_ENV: "test" }),
  sessionCookieName({ NODE_ENV: "production" }),
];

/** Signs in through POST /api/v1/auth/login, as the console does. Password defaults to demo1022. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<StaffSession> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  return sessionFrom(app, res);
}

/** The session a sign-in answer set (the login's, or the second factor's): its cookie and CSRF token. */
export function sessionFrom(app: FastifyInstance, res: LightMyRequestResponse): StaffSession {
  const sid = res.cookies.find((c) => sessionCookieNames.includes(c.name));
  if (!sid) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  const me = json(res, meResponse);
  const cookie = `${sid.name}=${sid.value}`;
  return {
    cookie,
    csrf: me.csrfToken,
    me,
    inject: (opts) =>
      app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie, "x-csrf-token": me.csrfToken } }),
  };
}

export interface NewStaff {
  role: Role;
  /** Required for focal_point and agency_leader (Art. 2.3, 14.7); e.g. "SYT" or a commune code. */
  agencyCode?: string;
  username?: string;
  password?: string;
  fullName?: string;
}

export interface CreatedStaff {
  actor: Actor;
  username: string;
  password: string;
  signIn(): Promise<StaffSession>;
}

/** Inserts a real staff account (a factory); needs the reference seed for agencyCode. */
export async function createStaffUser(t: TestApp, s: NewStaff): Promise<CreatedStaff> {
  const username = s.username ?? `${s.role.replace("_", "")}-${randomBytes(3).toString("hex")}`;
  const password = s.password ?? DEMO_PASSWORD;
  let agencyId: string | null = null;
  if (s.agencyCode) {
    const agency = await agencyTable.findByCode(t.ctx.db, s.agencyCode);
    if (!agency) throw new Error(`no agency ${s.agencyCode}`);
    agencyId = agency.id;
  }
  const row = await insertUser(t.ctx.db, {
    username,
    passwordHash: await hashPassword(password),
    fullName: s.fullName ?? `Cán bộ ${username}`,
    role: s.role,
    agencyId,
  });
  return { actor: actorFromUser(row), username, password, signIn: () => signIn(t.app, username, password) };
}
