import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { Config } from "../config.js";
import type { Services } from "../services/index.js";
import { isStaffRoute } from "./route-options.js";

/**
 * The session cookie's name: `__Host-sid` in production — the browser then insists on Secure,
 * Path=/ and no Domain, so no subdomain or plain-http page can set or shadow it (ASVS V7.2) — and
 * plain `sid` in development and tests, which run over http. Everything that reads or writes the
 * cookie (routes, test helpers, browser tests) goes through this function.
 */
export function sessionCookieName(config: Pick<Config, "NODE_ENV">): string {
  return config.NODE_ENV === "production" ? "__Host-sid" : "sid";
}

/** The known-device cookie (auth.service: exempt from the per-account sign-in delay). */
export function deviceCookieName(config: Pick<Config, "NODE_ENV">): string {
  return config.NODE_ENV === "production" ? "__Host-device" : "device";
}

export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    /** The session's id (sha256 of the cookie token) when signed in. */
    sessionId: string | null;
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** The sign-in steps (password, second factor, enrolment) work without a session, hence no CSRF token. */
const isSignInStep = (url: string) => url === "/api/v1/auth/login" || url.startsWith("/api/v1/auth/login/");

/**
 * Resolves the session cookie to an actor on every request, and refuses cookie-authenticated
 * writes without the session's CSRF token in the x-csrf-token header (R-SE1).
 */
export function registerAuth(app: FastifyInstance, services: Services, config: Config): void {
  const cookie = sessionCookieName(config);
  app.decorateRequest("actor", null);
  app.decorateRequest("csrfToken", null);
  app.decorateRequest("sessionId", null);
  const resolve = async (request: FastifyRequest, token: string) => {
    const session = await services.auth.resolve(token);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    request.sessionId = session.sessionId;
    if (
      !safeMethods.has(request.method) &&
      usesTheSession(request) &&
      request.headers[CSRF_HEADER] !== session.csrfToken
    ) {
      throw new AppError("CSRF");
    }
  };
  // Callback style: a request without the cookie (every citizen's) costs no promise (issue 16).
  app.addHook("onRequest", (request, _reply, done) => {
    const token = request.cookies[cookie];
    if (!token) return done();
    resolve(request, token).then(
      () => done(),
      (error: unknown) => done(error as Error),
    );
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
  return path.startsWith("/api/v1/auth/") && !isSignInStep(path);
}

/** The signed-in staff member, or 401. Routes pass it to the service, which authorizes first. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED");
  return request.actor;
}
