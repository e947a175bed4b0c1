import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponse } from "../../../shared/schemas/common.js";
import { publicFigures, publicFiguresQuery } from "../../../shared/schemas/reports.js";
import type { RouteOptions } from "../route-options.js";
import { publicRead } from "./public-read.js";

/**
 * Each agency's public figures for the last closed month, quarter or year (issue 19; the portal's
 * /thong-ke reads the same): answers and the on-time rate, from the frozen periodic report.
 */
export const publicFiguresRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    "/api/v1/public/figures",
    publicRead({
      summary:
        "Số liệu công khai theo cơ quan: số yêu cầu đã trả lời và tỷ lệ trả lời đúng hạn của kỳ đã kết thúc",
      querystring: publicFiguresQuery,
      response: { 200: publicFigures, 400: errorResponse, 429: errorResponse },
    }),
    async (request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return services.reports.publicFigures(request.query.period);
    },
  );
};
