import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiDocsEnabled } from "../../config.js";
import type { RouteOptions } from "../route-options.js";

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, ctx }) => {
  // The address `npm start` prints for the API: what is here and where it is described, not a 404.
  const docs = apiDocsEnabled(ctx.config);
  const index = {
    name: "Tổng đài 1022 API",
    version: "1",
    description: docs ? "/api/docs" : null,
    openapi: docs ? "/api/openapi.json" : null,
    health: "/healthz",
    open311: "/open311/v2/discovery.json",
  };
  for (const url of ["/api/v1/", "/api/v1"])
    app.get(
      url,
      {
        schema: {
          tags: ["system"],
          summary:
            "The API's index: its version and where it is described (the description and OpenAPI document are null where API_DOCS is off)",
          response: {
            200: z.object({
              name: z.string(),
              version: z.string(),
              description: z.string().nullable(),
              openapi: z.string().nullable(),
              health: z.string(),
              open311: z.string(),
            }),
          },
        },
      },
      async () => index,
    );
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["system"],
        summary:
          "Liveness and readiness: 503 with the reason while the database is unreachable or the process is shutting down",
        response: {
          200: z.object({
            status: z.literal("ok"),
            /** Which server process answered (several share a port under WORKERS=N, issue 15). */
            pid: z.number().int(),
            /** Whether this process hears the others' live updates (the relay's LISTEN connection). */
            relay: z.enum(["listening", "connecting"]),
          }),
          503: z.object({ status: z.literal("unavailable"), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      const health = await services.system.health();
      if (health.ok)
        return {
          status: "ok" as const,
          pid: process.pid,
          relay: services.relay.listening ? ("listening" as const) : ("connecting" as const),
        };
      return reply
        .status(503)
        .header("retry-after", "5")
        .header("cache-control", "no-store")
        .send({ status: "unavailable" as const, reason: health.reason });
    },
  );
};
