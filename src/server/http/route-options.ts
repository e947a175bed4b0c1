import type { Action } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import type { Services } from "../services/index.js";

/** What every route plugin is registered with. */
export interface RouteOptions {
  services: Services;
  ctx: AppContext;
}

/**
 * What a staff route needs (R-SE1). CONVENTION: every route under /api/v1/ that is not public
 * (see isStaffRoute) is declared through staff-route.ts (staffPlugin / staffRoutes), which puts this in its
 * `config.action`:
 *
 * - an Action from src/shared/permissions.ts: roles without it are refused (403) before validation;
 * - an array of actions: the route dispatches to several (e.g. request actions); roles holding none
 *   of them are refused, the service decides the rest;
 * - "staff": any signed-in staff member (directory lists, /stream).
 *
 * The guard (route-guard.ts) enforces it; the service still authorizes first, with the
 * resource's agency. src/server/http/permission-matrix.test.ts checks every role × staff route
 * against the permission table and fails for a staff route that declares nothing;
 * openapi-security.test.ts checks the security each one states in the OpenAPI document.
 */
export type RouteAccess = Action | readonly Action[] | "staff";

declare module "fastify" {
  interface FastifyContextConfig {
    action?: RouteAccess;
  }
}

/** Paths anyone may call (citizens, channel webhooks, sign-in): everything else under /api/v1/ is staff. */
// "/api/v1/cti/": the switchboard's events, authenticated by their signature or token (cti.routes.ts).
const publicPrefixes = ["/api/v1/public/", "/api/v1/auth/", "/api/v1/channels/", "/api/v1/cti/"];
const publicPaths = new Set([
  // The API's index: where its description and health check are (health.routes.ts).
  "/api/v1/",
  "/api/v1/calendar/deadline",
  "/api/v1/calendar/working-hours",
  "/api/v1/calendar/days",
]);

export function isStaffRoute(url: string): boolean {
  const path = url.split("?")[0] ?? url;
  if (!path.startsWith("/api/v1/")) return false;
  if (publicPaths.has(path)) return false;
  return !publicPrefixes.some((p) => path.startsWith(p));
}
