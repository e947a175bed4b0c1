import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/**
 * The security headers (CSP, HSTS in production, nosniff, frame and referrer policies, …) on every
 * answer, from Helmet's middleware built ONCE. @fastify/helmet built a new Helmet — parsing and
 * validating the whole Content-Security-Policy again — on every request: ≈ 5 % of the server's CPU
 * on a cached portal page under load (bench/portal CPU profile, issue 16). The middleware only sets
 * headers on the raw response, as the plugin did; a route's own headers still win.
 */
export function registerSecurityHeaders(app: FastifyInstance, production: boolean): void {
  // Over plain HTTP outside production (a phone on the office Wi-Fi opening http://192.168.x.y:3000),
  // upgrade-insecure-requests would send every stylesheet and script to an https:// that does not
  // exist, and HSTS would pin the address to HTTPS: both only in production (issue 18.2).
  const options: HelmetOptions = {
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
  const setHeaders = helmet(options);
  app.addHook("onRequest", (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
