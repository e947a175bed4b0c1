import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/** Helmet's options: the one place the security headers are decided. */
export function helmetOptions(production: boolean): HelmetOptions {
  // Over plain HTTP outside production (a phone on the office Wi-Fi opening http://192.168.x.y:3000),
  // upgrade-insecure-requests would send every stylesheet and script to an https:// that does not
  // exist, and HSTS would pin the address to HTTPS: both only in production (issue 18.2).
  return {
    strictTransportSecurity: production,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: production ? [] : null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time; the Swagger UI needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        workerSrc: ["'self'", "blob:"],
        connectSrc: ["'self'"],
      },
    },
  };
}

/**
 * The headers Helmet sets with these options, read once by running its middleware against a
 * response that only records them. Helmet's headers do not depend on the request (no nonce), so
 * every answer gets the same ones; Helmet stays the one that decides them.
 */
export function securityHeadersOf(production: boolean): Readonly<Record<string, string>> {
  // A response that is never sent: Helmet sets its headers on it as on any other.
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  let failed: unknown;
  helmet(helmetOptions(production))(response.req, response, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  const headers = Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]);
  return Object.freeze(Object.fromEntries(headers));
}

/**
 * The security headers (CSP, HSTS in production, nosniff, frame and referrer policies, …) on every
 * answer. @fastify/helmet built a new Helmet per request, then one Helmet middleware set eleven
 * headers on the raw response per request, each validated by Node's `setHeader` (≈ 8 % of a cached
 * portal page's CPU under load, issue 16). They are now computed once (`securityHeadersOf`) and
 * given to Fastify's reply, which writes them with the answer's own headers in one `writeHead`;
 * a route's own headers still win. A route that hijacks the reply (the staff event stream) writes
 * them itself from `reply.getHeaders()`.
 */
export function registerSecurityHeaders(
  app: FastifyInstance,
  headers: Readonly<Record<string, string>>,
): void {
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
