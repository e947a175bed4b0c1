import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { abilitiesOf } from "../../../shared/permissions.js";
import { loginBody, meResponse } from "../../../shared/schemas/auth.js";
import { errorResponse, staffWriteSecurity } from "../../../shared/schemas/common.js";
import { SESSION_COOKIE } from "../auth.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoute } from "../staff-route.js";

export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, ctx }) => {
  const secure = ctx.config.NODE_ENV === "production";

  app.post(
    "/api/v1/auth/login",
    {
      // Per address: brute force is also stopped per account by the lock-out in the service.
      config: { rateLimit: { max: ctx.config.LOGIN_RATE_LIMIT, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Đăng nhập (session cookie + CSRF token)",
        body: loginBody,
        response: { 200: meResponse, 401: errorResponse, 423: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await services.auth.login(username, password, {
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure,
        expires: result.expiresAt,
      });
      return { user: result.actorAsUser, csrfToken: result.csrfToken, abilities: abilitiesOf(result.actor) };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    {
      schema: {
        tags: ["auth"],
        summary: "Đăng xuất",
        // Without a session it just answers 204; with one, registerAuth wants its CSRF token.
        security: staffWriteSecurity,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await services.auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  // A signed-in staff member reading their own account: a staff route like the others.
  staffRoute(
    app,
    {
      method: "GET",
      url: "/api/v1/auth/me",
      action: "staff",
      tags: ["auth"],
      summary: "Người dùng hiện tại và quyền",
      response: { 200: meResponse },
    },
    async ({ actor, request }) => ({
      user: {
        id: actor.userId,
        username: actor.username,
        fullName: actor.fullName,
        role: actor.role,
        agencyId: actor.agencyId,
      },
      csrfToken: request.csrfToken ?? "",
      abilities: abilitiesOf(actor),
    }),
  );
};
