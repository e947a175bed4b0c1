import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteOptions } from "../route-options.js";

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["system"],
        summary: "Liveness and database readiness",
        response: {
          200: z.object({ status: z.literal("ok") }),
          503: z.object({ status: z.literal("unavailable") }),
        },
      },
    },
    async (_request, reply) => {
      const ok = await services.system.databaseAnswers();
      return ok ? { status: "ok" as const } : reply.status(503).send({ status: "unavailable" as const });
    },
  );
};
