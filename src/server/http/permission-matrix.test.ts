import { randomUUID } from "node:crypto";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { type Action, type Role, roles, scopeOf } from "../../shared/permissions.js";
import { createTestApp } from "../../test/harness.js";
import { type StaffSession, signIn } from "../../test/staff.js";
import { type DeclaredRoute, declaredRoutes } from "./route-guard.js";
import { isStaffRoute } from "./route-options.js";

/**
 * R-SE1 "each person sees what their role and agency allow": every role × every staff route,
 * enumerated from the app itself, so routes added later are covered without editing this file.
 * Each staff route declares `config.action` (route-options.ts); the expectation comes from the
 * permission table in src/shared/permissions.ts:
 *   - not signed in → 401;
 *   - a role without the action → 403 (or 404 where existence is hidden);
 *   - a role with it → anything but 401/403 (400 for the empty body, 404 for the random id, 200 …);
 *   - never a 500: a route that fails on an empty body or an unknown id is a bug, not "allowed".
 */
const t = await createTestApp({ seed: "demo" });
afterAll(() => t.close());

const demoUser: Record<Role, string> = {
  operator: "operator",
  focal_point: "focal",
  agency_leader: "leader",
  coordinator: "coordinator",
  admin: "admin",
};
const sessions = new Map<Role, StaffSession>();
for (const role of roles) sessions.set(role, await signIn(t.app, demoUser[role]));

const staffRoutes = declaredRoutes(t.app).filter((r) => isStaffRoute(r.url));

/** A concrete URL for a route pattern: a random UUID for every parameter (missing rows → 404). */
const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, () => randomUUID()).replace(/\*$/, "x");

function expected(route: DeclaredRoute, role: Role): "allowed" | "denied" | "partly" {
  const access = route.access;
  if (access === "staff") return "allowed";
  if (access === undefined) throw new Error(`${route.method} ${route.url} declares no action`);
  const list: readonly Action[] = typeof access === "string" ? [access] : access;
  const held = list.filter((a) => scopeOf(role, a) !== null);
  if (held.length === 0) return "denied";
  return held.length === list.length ? "allowed" : "partly";
}

/** Streams (SSE) never end; an answer that has not come after a while was not a refusal. */
async function call(opts: InjectOptions, send: (o: InjectOptions) => Promise<LightMyRequestResponse>) {
  const timeout = new Promise<"streaming">((resolve) => setTimeout(() => resolve("streaming"), 3000).unref());
  const res = await Promise.race([send(opts), timeout]);
  return res === "streaming" ? 200 : res.statusCode;
}

const request = (route: DeclaredRoute): InjectOptions => ({
  method: route.method as InjectOptions["method"],
  url: concrete(route.url),
  ...(["POST", "PUT", "PATCH"].includes(route.method) ? { payload: {} } : {}),
});

describe("permission matrix (R-SE1)", () => {
  it("finds the staff routes, and every one declares the action it needs", () => {
    expect(staffRoutes.map((r) => r.url)).toEqual(
      expect.arrayContaining(["/api/v1/admin/users", "/api/v1/agencies"]),
    );
    const undeclared = staffRoutes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared, "staff routes without config.action (see src/server/http/route-options.ts)").toEqual(
      [],
    );
  });

  describe.each(staffRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))("%s", (_name, route) => {
    it("answers 401 without a session", async () => {
      const status = await call(request(route), (o) => t.app.inject(o));
      expect(status).toBe(401);
    });

    // Without a declaration there is nothing to compare with; the declaration test above fails instead.
    it.skipIf(route.access === undefined).each(roles)("as %s follows the permission table", async (role) => {
      const session = sessions.get(role);
      if (!session) throw new Error(`no session for ${role}`);
      const status = await call(request(route), (o) => session.inject(o));
      const want = expected(route, role);
      const access = JSON.stringify(route.access);
      if (want === "denied") expect([403, 404], `${role} must not reach ${access}`).toContain(status);
      else if (want === "allowed") expect([401, 403, 500], `${role} holds ${access}`).not.toContain(status);
      else expect([401, 500], `${role} holds part of ${access}`).not.toContain(status);
      expect(status, "a server error is never an answer").toBeLessThan(500);
    });
  });
});
