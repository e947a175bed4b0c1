import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { AppError } from "../shared/errors.js";
import { configureVietnameseMessages } from "../shared/zod-messages.js";
import { apiDocsEnabled } from "./config.js";
import type { AppContext } from "./context.js";
import { registerAuth, sessionCookieName } from "./http/auth.js";
import { registerNoStore } from "./http/cache-headers.js";
import { consoleRoutes } from "./http/console.routes.js";
import { clientErrorHandler, errorHandler, frameworkErrorHandler } from "./http/errors.js";
import { registerInFlight } from "./http/in-flight.js";
import { registerInputHygiene } from "./http/input-hygiene.js";
import { registerStrictJson } from "./http/json-parser.js";
import { open311Routes } from "./http/open311/open311.routes.js";
import { portalRoutes } from "./http/portal/portal.routes.js";
import { publicAnswerAttachmentRoutes } from "./http/public/answer-attachments.routes.js";
import { captchaRoutes } from "./http/public/captcha.routes.js";
import { publicFeedbackRoutes } from "./http/public/feedback.routes.js";
import { publicFiguresRoutes } from "./http/public/figures.routes.js";
import { appSerializerCompiler } from "./http/public/follow-serializer.js";
import { publicKbRoutes } from "./http/public/kb.routes.js";
import { publicRequestRoutes } from "./http/public/requests.routes.js";
import { registerUploads } from "./http/public/uploads.js";
import { databaseRateLimitStore, registerPerProcessLimits } from "./http/rate-limit-store.js";
import { registerRouteGuard } from "./http/route-guard.js";
import type { RouteOptions } from "./http/route-options.js";
import { adminRoutes } from "./http/routes/admin.routes.js";
import { adminUserRoutes } from "./http/routes/admin-users.routes.js";
import { answerAttachmentRoutes } from "./http/routes/answer-attachments.routes.js";
import { authRoutes } from "./http/routes/auth.routes.js";
import { calendarRoutes } from "./http/routes/calendar.routes.js";
import { callRoutes } from "./http/routes/calls.routes.js";
import { channelRoutes } from "./http/routes/channels.routes.js";
import { ctiRoutes } from "./http/routes/cti.routes.js";
import { dataRightsRoutes } from "./http/routes/data-rights.routes.js";
import { directoryRoutes } from "./http/routes/directory.routes.js";
import { duplicateRoutes } from "./http/routes/duplicates.routes.js";
import { healthRoutes } from "./http/routes/health.routes.js";
import { integrationRoutes } from "./http/routes/integrations.routes.js";
import { kbRoutes } from "./http/routes/kb.routes.js";
import { massEventRoutes } from "./http/routes/mass-events.routes.js";
import { monitorRoutes } from "./http/routes/monitor.routes.js";
import { notificationRoutes } from "./http/routes/notifications.routes.js";
import { obligationRoutes } from "./http/routes/obligations.routes.js";
import { reportRoutes } from "./http/routes/reports.routes.js";
import { requestNoteRoutes } from "./http/routes/request-notes.routes.js";
import { requestRoutes } from "./http/routes/requests.routes.js";
import { registerSecurityHeaders, securityHeadersOf } from "./http/security-headers.js";
import { trustProxyOf } from "./http/trust-proxy.js";
import { createServices, type Services } from "./services/index.js";

// Zod's own messages in plain Vietnamese: every validation error a user sees is Vietnamese first.
configureVietnameseMessages();

/** Largest JSON body accepted anywhere (1 MiB); uploads go through multipart with their own limits. */
export const BODY_LIMIT = 1_048_576;

/** Builds the whole server without listening; tests drive it with app.inject. */
export async function buildApp(
  ctx: AppContext,
  services: Services = createServices(ctx),
): Promise<FastifyInstance> {
  const securityHeaders = securityHeadersOf(ctx.config.NODE_ENV === "production");
  // The instance is typed with the Zod provider; callers only need the plain Fastify surface.
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyOf(ctx.config.TRUST_PROXY),
    // A path Fastify's router refuses before any hook still gets our error body and headers (errors.ts).
    frameworkErrors: frameworkErrorHandler(securityHeaders),
    // …and so does a request Node's parser refuses (malformed, headers too large, too slow).
    clientErrorHandler: clientErrorHandler(securityHeaders),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Zod's serializer, but the citizens' follow answer and the portal submission's 201 through
  // compiled ones with the same bytes.
  app.setSerializerCompiler(appSerializerCompiler);
  app.setErrorHandler(errorHandler);
  // Unknown API paths answer JSON; unknown pages a citizen-facing page with the hotline (errors.ts).
  app.setNotFoundHandler((_request, _reply) => {
    throw new AppError("NOT_FOUND");
  });
  // The relay's LISTEN connection ends with the server (issue 15).
  app.addHook("onClose", async () => services.relay.close());
  registerStrictJson(app);
  // First of the hooks: an answer refused by any later hook carries the security headers too.
  registerSecurityHeaders(app, securityHeaders);
  // Before the session hook: refused input never reaches the database, not even for the session.
  registerInputHygiene(app);
  registerNoStore(app);
  // app.close() waits for handlers still at work for clients that went away (in-flight.ts).
  registerInFlight(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: "Tổng đài 1022 API",
        description: "Tiếp nhận, xử lý và trả lời yêu cầu hỗ trợ, cung cấp thông tin của tổ chức, cá nhân.",
        version: "1.0.0",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: sessionCookieName(ctx.config) },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // The API description helps an attacker map the surface: off in production unless API_DOCS=on.
  if (apiDocsEnabled(ctx.config)) {
    await app.register(swaggerUi, { routePrefix: "/api/docs" });
    app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  }

  await app.register(cookie);
  await registerUploads(app);
  // Every route's `config.rateLimit` counts in the shared token buckets (issue 15): one limit per
  // client address across all server processes — but flood limits of cheap reads, `perProcess(…)`,
  // count in memory through their own hook (registered first: the plugin leaves those routes alone).
  const refuse = () => new AppError("RATE_LIMITED");
  registerPerProcessLimits(app, refuse);
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore((bucket, subject, windowMs, now) =>
      services.rateLimits.count(bucket, subject, windowMs, now),
    ),
    errorResponseBuilder: refuse,
  });

  const options: RouteOptions = { services, ctx };
  registerAuth(app, services, ctx.config);
  registerRouteGuard(app);
  await app.register(healthRoutes, options);
  await app.register(authRoutes, options);
  await app.register(requestRoutes, options);
  await app.register(requestNoteRoutes, options);
  await app.register(notificationRoutes, options);
  await app.register(answerAttachmentRoutes, options);
  await app.register(duplicateRoutes, options);
  await app.register(massEventRoutes, options);
  await app.register(publicRequestRoutes, options);
  await app.register(publicFeedbackRoutes, options);
  await app.register(publicAnswerAttachmentRoutes, options);
  await app.register(monitorRoutes, options);
  await app.register(obligationRoutes, options);
  await app.register(dataRightsRoutes, options);
  await app.register(channelRoutes, options);
  await app.register(ctiRoutes, options);
  await app.register(callRoutes, options);
  await app.register(directoryRoutes, options);
  await app.register(adminRoutes, options);
  await app.register(adminUserRoutes, options);
  await app.register(integrationRoutes, options);
  await app.register(captchaRoutes, options);
  await app.register(portalRoutes, options);
  await app.register(calendarRoutes, options);
  await app.register(kbRoutes, options);
  await app.register(reportRoutes, options);
  await app.register(publicKbRoutes, options);
  await app.register(publicFiguresRoutes, options);
  // Open311 GeoReport v2 (issue 17): its own error shape and form parser, in its own scope.
  await app.register(open311Routes, { ...options, prefix: "/open311/v2" });
  await app.register(consoleRoutes());

  return app as unknown as FastifyInstance;
}
