import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../test/harness.js";
import { declaredRoutes } from "./route-guard.js";
import { isStaffRoute } from "./route-options.js";

/**
 * The OpenAPI document tells API clients what a staff route needs (R-SE1): the session cookie on
 * every staff route, and the x-csrf-token header on every route that changes state (registerAuth
 * refuses a cookie-authenticated write without it). Walked from the document the app serves, so a
 * route declared by hand with the wrong security is caught.
 */
const t = await createTestApp();
afterAll(() => t.close());

const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
interface Operation {
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, unknown> };
}
const doc = res.json<{ paths: Record<string, Record<string, Operation>> }>();

/** Staff operations: everything under /api/v1 but the public pages, sign-in and the webhooks. */
const isStaffPath = (path: string) =>
  isStaffRoute(path) || (path.startsWith("/api/v1/auth/") && !/^\/api\/v1\/auth\/login(\/|$)/.test(path));

const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
);
const staff = operations.filter((o) => isStaffPath(o.path));
const requires = (op: Operation, scheme: string) =>
  (op.security?.length ?? 0) > 0 && (op.security ?? []).every((requirement) => scheme in requirement);

describe("OpenAPI security of staff routes (R-SE1)", () => {
  it("serves a document listing the staff routes", () => {
    expect(res.statusCode).toBe(200);
    expect(staff.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(["POST /api/v1/kb/entries/{id}/publish", "GET /api/v1/admin/users"]),
    );
  });

  it("lists every route that declares an action", () => {
    const documented = new Set(staff.map((o) => `${o.method} ${o.path}`));
    const missing = declaredRoutes(t.app)
      .filter((r) => r.access !== undefined)
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`)
      .filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });

  it("requires the session on every staff route", () => {
    const without = staff.filter((o) => !requires(o.op, "session")).map((o) => `${o.method} ${o.path}`);
    expect(without).toEqual([]);
  });

  it("requires the CSRF header on every staff route that changes state", () => {
    const writes = staff.filter((o) => !["GET", "HEAD"].includes(o.method));
    expect(writes.length).toBeGreaterThan(20);
    const without = writes.filter((o) => !requires(o.op, "csrf")).map((o) => `${o.method} ${o.path}`);
    expect(without).toEqual([]);
  });
});

describe("OpenAPI of the Open311 routes (issue 17)", () => {
  const open311 = operations.filter((o) => o.path.startsWith("/open311/v2/"));

  it("documents every GeoReport v2 endpoint, public (no session, no CSRF: only POST needs an api_key)", () => {
    expect(open311.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      "GET /open311/v2/discovery.{format}",
      "GET /open311/v2/requests.{format}",
      "GET /open311/v2/requests/{service_request_id}.{format}",
      "GET /open311/v2/services.{format}",
      "GET /open311/v2/services/{service_code}.{format}",
      "GET /open311/v2/tokens/{token}.{format}",
      "POST /open311/v2/requests.{format}",
    ]);
    expect(open311.filter((o) => (o.op.security?.length ?? 0) > 0)).toEqual([]);
    expect(open311.some((o) => isStaffPath(o.path))).toBe(false);
  });

  it("documents POST requests as form-encoded, as the spec says", () => {
    const post = open311.find((o) => o.method === "POST");
    expect(Object.keys(post?.op.requestBody?.content ?? {})).toContain("application/x-www-form-urlencoded");
  });
});
