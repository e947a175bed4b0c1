import type { FastifyInstance } from "fastify";
import { AppError } from "../../shared/errors.js";
import { type Action, type Actor, can } from "../../shared/permissions.js";
import type { RouteAccess } from "./route-options.js";

/** Whether the actor's role may reach a route with this access declaration (no agency check here). */
export function mayReach(actor: Actor, access: RouteAccess): boolean {
  if (access === "staff") return true;
  const list: readonly Action[] = typeof access === "string" ? [access] : access;
  return list.some((a) => can(actor, a));
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

const declared = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route registered after the guard, with its declared access: the permission matrix reads it. */
export function declaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return declared.get(app) ?? [];
}

/**
 * Enforces `config.action` (route-options.ts) right after the session is resolved, before the body
 * is parsed: unauthenticated → 401, a role without the action → 403. Register after registerAuth
 * and before the route plugins.
 */
export function registerRouteGuard(app: FastifyInstance): void {
  const routes: DeclaredRoute[] = [];
  declared.set(app, routes);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      routes.push({ method, url: route.url, access: route.config?.action });
    }
  });
  // Callback style, not async: every request passes here, and a promise each costs (issue 16).
  app.addHook("onRequest", (request, _reply, done) => {
    const access = request.routeOptions.config.action;
    if (access === undefined) return done();
    if (!request.actor) return done(new AppError("UNAUTHENTICATED"));
    done(mayReach(request.actor, access) ? undefined : new AppError("FORBIDDEN"));
  });
}
