import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponse } from "../../../shared/schemas/common.js";
import { kbSearchHit, kbSearchQuery } from "../../../shared/schemas/kb.js";
import type { RouteOptions } from "../route-options.js";
import { publicRead } from "./public-read.js";

/** Public search of the published Q&A base (Art. 12, R-HA1): narrow schema, no staff fields. */
export const publicKbRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  // Search-as-you-type sends a request per pause in typing; the limit still stops scraping.
  app.get(
    "/api/v1/public/kb/search",
    publicRead({
      summary: "Tìm câu hỏi – trả lời đã công bố",
      querystring: kbSearchQuery,
      response: { 200: z.array(kbSearchHit), 400: errorResponse, 429: errorResponse },
    }),
    async (request) => services.kb.searchPublic(request.query),
  );
};
