import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteOptions } from "../route-options.js";

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["system"],
        summary:
          "Liveness and readiness: 503 with the reason while the database is unreachable or the process is shutting down",
        response: {
          200: z.object({ status: z.literal("ok") }),
          503: z.object({ status: z.literal("unavailable"), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      const health = await services.system.health();
      if (health.ok) return { status: "ok" as const };
      return reply
        .status(503)
        .header("retry-after", "5")
        .header("cache-control", "no-store")
        .send({ status: "unavailable" as const, reason: health.reason });
    },
  );
};
