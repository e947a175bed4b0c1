import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { captchaChallenge } from "../../../shared/schemas/captcha.js";
import type { RouteOptions } from "../route-options.js";
import { publicRead } from "./public-read.js";

/** A fresh proof-of-work challenge for the portal form (self-hosted ALTCHA, no third party). */
export const captchaRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  // A challenge is cheap to make but each one is remembered once used: the limit keeps scripts from hoarding.
  app.get(
    "/api/v1/public/captcha",
    publicRead({
      summary: "Proof-of-work challenge (ALTCHA) guarding POST /api/v1/public/requests",
      response: { 200: captchaChallenge },
    }),
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return services.captcha.createChallenge();
    },
  );
};
