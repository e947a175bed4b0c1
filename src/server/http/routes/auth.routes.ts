import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Actor, abilitiesOf } from "../../../shared/permissions.js";
import {
  changePasswordBody,
  firstRunStatus,
  loginBody,
  loginCodeBody,
  loginEnrolBody,
  loginResponse,
  meResponse,
  meWithRecoveryCodes,
  recoveryCodesResponse,
  secondFactorStatus,
  totpCodeBody,
  totpDisableBody,
  totpEnrolment,
} from "../../../shared/schemas/auth.js";
import { errorResponse, staffWriteSecurity } from "../../../shared/schemas/common.js";
import { DEVICE_TTL_MS, type SignedIn, type SignInMeta } from "../../services/auth.service.js";
import { deviceCookieName, sessionCookieName } from "../auth.js";
import type { RouteOptions } from "../route-options.js";
import { staffRoutes } from "../staff-route.js";

const me = (actor: Actor, csrfToken: string) => ({
  user: {
    id: actor.userId,
    username: actor.username,
    fullName: actor.fullName,
    role: actor.role,
    agencyId: actor.agencyId,
  },
  csrfToken,
  abilities: abilitiesOf(actor),
});

export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, ctx }) => {
  const secure = ctx.config.NODE_ENV === "production";
  const sessionCookie = sessionCookieName(ctx.config);
  const deviceCookie = deviceCookieName(ctx.config);
  const loginRateLimit = { rateLimit: { max: ctx.config.LOGIN_RATE_LIMIT, timeWindow: "1 minute" } };
  const signInErrors = { 400: errorResponse, 401: errorResponse, 429: errorResponse };
  /**
   * The options of a sign-in step: its body, its answer, the error answers and the login rate limit
   * (per address per minute, on top of the progressive delay in the service; docs/security.md).
   */
  const signInStep = <B extends z.ZodType, R extends z.ZodType>(summary: string, body: B, answer: R) => ({
    config: loginRateLimit,
    schema: { tags: ["auth"], summary, body, response: { 200: answer, ...signInErrors } },
  });

  const metaOf = (request: FastifyRequest): SignInMeta => ({
    ip: request.ip,
    userAgent: request.headers["user-agent"] ?? null,
    deviceToken: request.cookies[deviceCookie],
  });

  /** Sets the session cookie (and the known-device cookie) of a completed sign-in. */
  const startSession = (reply: FastifyReply, result: SignedIn) => {
    // Secure, Path=/ and no Domain: what the __Host- prefix requires in production.
    const base = { path: "/", httpOnly: true, sameSite: "strict", secure } as const;
    reply.setCookie(sessionCookie, result.token, { ...base, expires: result.absoluteExpiresAt });
    reply.setCookie(deviceCookie, result.deviceToken, {
      ...base,
      expires: new Date(ctx.clock.now().getTime() + DEVICE_TTL_MS),
    });
    return me(result.actor, result.csrfToken);
  };

  app.get(
    "/api/v1/auth/login/first-run",
    {
      config: loginRateLimit,
      schema: {
        tags: ["auth"],
        summary: "Lần chạy đầu: chưa có tài khoản quản trị nào (trang đăng nhập hướng dẫn cách tạo)",
        response: { 200: firstRunStatus, 429: errorResponse },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return { needsFirstAdministrator: await services.users.needsFirstAdministrator() };
    },
  );

  app.post(
    "/api/v1/auth/login",
    signInStep(
      "Đăng nhập (session cookie + CSRF token; hoặc bước xác thực hai bước tiếp theo)",
      loginBody,
      loginResponse,
    ),
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await services.auth.login(username, password, metaOf(request));
      if (result.kind === "challenge") {
        return {
          secondFactor: {
            next: result.next,
            challenge: result.challenge,
            expiresAt: result.expiresAt.toISOString(),
          },
        };
      }
      return startSession(reply, result);
    },
  );

  app.post(
    "/api/v1/auth/login/totp",
    signInStep("Đăng nhập bước 2: mã xác thực (TOTP) hoặc mã khôi phục", loginCodeBody, meResponse),
    async (request, reply) => {
      const { challenge, code } = request.body;
      return startSession(reply, await services.auth.loginWithCode(challenge, code, metaOf(request)));
    },
  );

  app.post(
    "/api/v1/auth/login/enrol",
    signInStep(
      "Thiết lập xác thực hai bước bắt buộc khi đăng nhập: khoá bí mật và mã QR",
      loginEnrolBody,
      totpEnrolment,
    ),
    async (request) => services.auth.loginEnrolment(request.body.challenge),
  );

  app.post(
    "/api/v1/auth/login/enrol/confirm",
    signInStep(
      "Xác nhận thiết lập xác thực hai bước và đăng nhập (trả mã khôi phục một lần)",
      loginCodeBody,
      meWithRecoveryCodes,
    ),
    async (request, reply) => {
      const { challenge, code } = request.body;
      const result = await services.auth.loginConfirmEnrolment(challenge, code, metaOf(request));
      return { ...startSession(reply, result), recoveryCodes: result.recoveryCodes ?? [] };
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
      const token = request.cookies[sessionCookie];
      if (token) await services.auth.logout(token);
      reply.clearCookie(sessionCookie, { path: "/", secure });
      return reply.status(204).send(null);
    },
  );

  const route = staffRoutes(app, ["auth"]);

  // A signed-in staff member reading their own account: a staff route like the others.
  route.get(
    "/api/v1/auth/me",
    "staff",
    "Người dùng hiện tại và quyền",
    { response: meResponse },
    async ({ actor, request }) => me(actor, request.csrfToken ?? ""),
  );

  route.post(
    "/api/v1/auth/password",
    "staff",
    "Đổi mật khẩu của mình (cần mật khẩu hiện tại; các phiên khác bị đăng xuất)",
    { body: changePasswordBody, response: { 204: z.null() } },
    async ({ actor, body, request }) => {
      const token = request.cookies[sessionCookie] ?? "";
      await services.auth.changePassword(actor, token, body.currentPassword, body.newPassword);
    },
  );

  // The second factor of the signed-in staff member's own account.
  const totp = route.group("/api/v1/auth/totp", "staff");

  totp.get("", "Trạng thái xác thực hai bước của mình", { response: secondFactorStatus }, async ({ actor }) =>
    services.auth.secondFactorStatus(actor),
  );

  totp.post(
    "/enrol",
    "Bắt đầu bật xác thực hai bước: khoá bí mật và mã QR",
    { response: totpEnrolment },
    async ({ actor }) => services.auth.startTotpEnrolment(actor),
  );

  /** A route that checks a current code and answers a new set of recovery codes (shown once). */
  const newRecoveryCodes = (
    path: string,
    summary: string,
    issue: (actor: Actor, code: string) => Promise<string[]>,
  ) =>
    totp.post(
      path,
      summary,
      { body: totpCodeBody, response: recoveryCodesResponse },
      async ({ actor, body }) => ({
        recoveryCodes: await issue(actor, body.code),
      }),
    );

  newRecoveryCodes(
    "/confirm",
    "Xác nhận bật xác thực hai bước bằng mã đầu tiên (trả mã khôi phục một lần)",
    services.auth.confirmTotpEnrolment,
  );
  newRecoveryCodes(
    "/recovery-codes",
    "Tạo lại mã khôi phục (mã cũ hết hiệu lực)",
    services.auth.regenerateRecoveryCodes,
  );

  totp.post(
    "/disable",
    "Tắt xác thực hai bước (cần mật khẩu và mã hiện tại)",
    { body: totpDisableBody, response: { 204: z.null() } },
    async ({ actor, body }) => services.auth.disableTotp(actor, body.password, body.code),
  );
};
