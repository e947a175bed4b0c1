import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponse } from "../../../shared/schemas/common.js";
import { feedbackBody, feedbackCreated } from "../../../shared/schemas/feedback.js";
import { publicLookupQuery } from "../../../shared/schemas/requests.js";
import type { RouteOptions } from "../route-options.js";

const codeParam = z.object({ code: z.string().trim().min(1).max(20) });

/**
 * Issue 19, satisfaction: the requester says whether the published answer resolved the question.
 * The same key as the look-up (code + the phone or email it was given with, in the query so the
 * body is exactly the contract's); once per request (409 FEEDBACK_ALREADY_GIVEN), only after
 * publication (409 FEEDBACK_NOT_OPEN); any mismatch of code and key is the look-up's 404.
 */
export const publicFeedbackRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.post(
    "/api/v1/public/requests/:code/feedback",
    {
      // Slowed down like the look-up: guessing a phone number is as hard here as there.
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags: ["public"],
        summary:
          "Đánh giá kết quả trả lời đã công khai (một lần): đã giải quyết chưa, mức hài lòng 1–5, ý kiến",
        params: codeParam,
        querystring: publicLookupQuery,
        body: feedbackBody,
        response: { 201: feedbackCreated, 400: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const { phone, email } = request.query;
      const created = await services.feedback.giveFeedback(
        request.params.code,
        email !== undefined ? { email } : { phone: phone ?? "" },
        request.body,
      );
      return reply.status(201).send(created);
    },
  );
};
