import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { Services } from "../services/index.js";

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
      request.url !== "/api/v1/auth/login" &&
      request.headers[CSRF_HEADER] !== session.csrfToken
    ) {
      throw new AppError("CSRF");
    }
  });
}

/** The signed-in staff member, or 401. Routes pass it to the service, which authorizes first. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED");
  return request.actor;
}
