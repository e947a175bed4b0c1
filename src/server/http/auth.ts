import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { Services } from "../services/index.js";
import { isStaffRoute } from "./route-options.js";

export const SESSION_COOKIE = "sid";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves the session cookie to an actor on every request, and refuses cookie-authenticated
 * writes without the session's CSRF token in the x-csrf-token header (R-SE1).
 */
export function registerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await services.auth.resolve(token);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    if (
      !safeMethods.has(request.method) &&
      usesTheSession(request) &&
      request.headers[CSRF_HEADER] !== session.csrfToken
    ) {
      throw new AppError("CSRF");
    }
  });
}

/**
 * Whether a write acts on the staff session, so needs the session's CSRF token: staff routes (they
 * declare an action) and the session's own routes under /api/v1/auth/ but sign-in. The public forms
 * (the follow form, a citizen's submission, the webhooks) never act as the signed-in user, so an
 * operator who has the console open in another tab can still use them (issue 14); they have their
 * own protection (captcha, rate limits, signatures).
 */
function usesTheSession(request: FastifyRequest): boolean {
  if (request.routeOptions.config.action !== undefined) return true;
  const path = request.url.split("?")[0] ?? request.url;
  if (isStaffRoute(path)) return true;
  return path.startsWith("/api/v1/auth/") && path !== "/api/v1/auth/login";
}

/** The signed-in staff member, or 401. Routes pass it to the service, which authorizes first. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED");
  return request.actor;
}
