import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { captchaChallenge } from "../../../shared/schemas/captcha.js";
import { perProcess } from "../rate-limit-store.js";
import type { RouteOptions } from "../route-options.js";

/** A fresh proof-of-work challenge for the portal form (self-hosted ALTCHA, no third party). */
export const captchaRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    "/api/v1/public/captcha",
    {
      // A challenge is cheap to make but each one is remembered once used: keep scripts from hoarding.
      config: { rateLimit: perProcess({ max: 120, timeWindow: "1 minute" }) },
      schema: {
        tags: ["public"],
        summary: "Proof-of-work challenge (ALTCHA) guarding POST /api/v1/public/requests",
        response: { 200: captchaChallenge },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return services.captcha.createChallenge();
    },
  );
};
