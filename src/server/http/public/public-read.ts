import type { FastifySchema } from "fastify";
import { perProcess } from "../rate-limit-store.js";

/**
 * The options of a public GET (captcha, figures, Q&A search, published files): the "public" OpenAPI
 * tag, and 120 calls a minute from one address — enough for search-as-you-type and the portal, not
 * for scraping.
 */
export function publicRead<S extends FastifySchema>(schema: S) {
  return {
    config: { rateLimit: perProcess({ max: 120, timeWindow: "1 minute" }) },
    schema: { tags: ["public"], ...schema },
  };
}
