import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import { errorResponse } from "../../../shared/schemas/common.js";
import {
  followSecretParam,
  publicAnswersQuery,
  publicLookupQuery,
  publicRequestBody,
  publicRequestCreated,
  publicRequestView,
  publishedAnswer,
  publishedAnswersPage,
} from "../../../shared/schemas/requests.js";
import type { TakeResult } from "../../domain/rate/token-bucket.js";
import { idempotencyHeaders, idempotencyKeyOf, sendReplay } from "../idempotency-key.js";
import { perProcess } from "../rate-limit-store.js";
import type { RouteOptions } from "../route-options.js";
import { multipartBodyHook, takeUploads } from "./uploads.js";

const codeParam = z.object({ code: z.string().trim().min(1).max(20) });
/** A public answer id (issue 13): never the follow code, which finds nothing here. */
const publicIdParam = z.object({ id: z.string().trim().min(1).max(40) });

/** Citizen endpoints (R-CH2, R-IN5, R-PU1–2): narrow schemas, no staff fields, rate limited. */
export const publicRequestRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, ctx }) => {
  const readLimit = perProcess({ max: 600, timeWindow: "1 minute" });
  // PUBLIC_RATE_LIMIT submissions per client address per hour as a token bucket (issue 18.6): a
  // burst of that many, then one more every hour / PUBLIC_RATE_LIMIT; a refused attempt spends nothing.
  // The buckets live in the database, shared by every server process (issue 15).
  const submissionLimit = { capacity: ctx.config.PUBLIC_RATE_LIMIT, periodMs: 3_600_000 };

  app.post(
    "/api/v1/public/requests",
    {
      // Before the body is read: a limited address costs no upload parsing. Callback style: a
      // token this process holds already answers without a promise.
      onRequest: (request, reply, done) => {
        const refusal = (taken: TakeResult) => {
          if (taken.ok) return undefined;
          reply.header("retry-after", String(Math.ceil(taken.retryAfterMs / 1000)));
          return new AppError("RATE_LIMITED");
        };
        const taken = services.rateLimits.take("public_submit", request.ip, submissionLimit);
        if (taken instanceof Promise) taken.then((t) => done(refusal(t)), done);
        else done(refusal(taken));
      },
      preValidation: multipartBodyHook,
      schema: {
        tags: ["public"],
        summary:
          "Gửi yêu cầu hỗ trợ, cung cấp thông tin (JSON, hoặc multipart/form-data với tệp “attachments”)",
        body: publicRequestBody,
        headers: idempotencyHeaders,
        response: {
          201: publicRequestCreated,
          400: errorResponse,
          409: errorResponse,
          413: errorResponse,
          415: errorResponse,
          429: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const uploads = takeUploads(request);
      const key = idempotencyKeyOf(request);
      const idem = key ? services.publicRequests.idempotencyOf(key, request.body, uploads) : null;
      // A key already answered replays that answer before the captcha: its solution was spent then.
      const stored = idem ? await services.publicRequests.storedResponse(idem) : null;
      if (stored) return sendReplay(reply, stored);
      await services.captcha.check(request.body.captcha);
      const answer = await services.publicRequests.submit(request.body, uploads, { idem });
      if (answer.replayed) return sendReplay(reply, answer.stored);
      // Issue 19: linked to a mass event on now when it matches one (never fails the submission).
      await services.massEvents
        .linkNewByCode(answer.body.code)
        .catch((err) => request.log.warn({ err }, "mass event link"));
      return reply.status(201).send(answer.body);
    },
  );

  app.get(
    "/api/v1/public/requests/:code",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags: ["public"],
        summary: "Tra cứu yêu cầu bằng mã và số điện thoại hoặc địa chỉ email đã dùng khi gửi",
        params: codeParam,
        querystring: publicLookupQuery,
        response: { 200: publicRequestView, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const { phone, email } = request.query;
      return services.publicRequests.lookup(
        request.params.code,
        email !== undefined ? { email } : { phone: phone ?? "" },
      );
    },
  );

  app.get(
    "/api/v1/public/follow/:secret",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags: ["public"],
        summary: "Theo dõi yêu cầu bằng đường dẫn riêng gửi kèm thông báo tiếp nhận (Zalo, Facebook, email)",
        params: followSecretParam,
        response: { 200: publicRequestView, 404: errorResponse },
      },
    },
    async (request) => services.publicRequests.lookupBySecret(request.params.secret),
  );

  app.get(
    "/api/v1/public/answers",
    {
      config: { rateLimit: readLimit },
      schema: {
        tags: ["public"],
        summary: "Kết quả trả lời đã công khai, mới nhất trước",
        querystring: publicAnswersQuery,
        response: { 200: publishedAnswersPage },
      },
    },
    async (request) => services.publicRequests.listAnswers(request.query),
  );

  app.get(
    "/api/v1/public/answers/:id",
    {
      config: { rateLimit: readLimit },
      schema: {
        tags: ["public"],
        summary: "Một kết quả trả lời đã công khai, theo mã công khai (không phải mã tra cứu)",
        params: publicIdParam,
        response: { 200: publishedAnswer, 404: errorResponse },
      },
    },
    async (request) => services.publicRequests.getAnswer(request.params.id),
  );
};
