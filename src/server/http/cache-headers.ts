import type { FastifyInstance } from "fastify";

/**
 * API answers that are the same for everyone and hold no personal data: published answers, the
 * Q&A search, the list of fields and the API description. Anything else under /api/ may carry
 * personal data (staff JSON, attachment downloads, /auth/me, the citizen's follow lookup).
 */
const cacheable = [
  "/api/v1/public/answers",
  "/api/v1/public/kb/",
  "/api/v1/public/fields",
  "/api/openapi.json",
  "/api/docs",
];

export function mayBeCached(url: string): boolean {
  const path = url.split("?")[0] ?? url;
  return cacheable.some(
    (prefix) => path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`),
  );
}

/**
 * `Cache-Control: no-store` on every API answer that may carry personal data (ASVS V14.3, issue
 * 14), so no browser, proxy or shared cache keeps it — error answers included. A route that sets
 * its own Cache-Control (the portal's pages) keeps it.
 */
export function registerNoStore(app: FastifyInstance): void {
  // Callback style, not async: every answer passes here, and a promise each costs (issue 16).
  app.addHook("onSend", (request, reply, payload, done) => {
    if (!reply.hasHeader("cache-control") && request.url.startsWith("/api/") && !mayBeCached(request.url)) {
      reply.header("cache-control", "no-store");
    }
    done(null, payload);
  });
}
