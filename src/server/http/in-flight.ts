import type { FastifyInstance, RouteHandlerMethod } from "fastify";

/**
 * Handlers still at work when the server stops. The HTTP server closes as soon as its connections
 * do, and a client that gave up has closed its own while the handler still writes to the database;
 * `app.close()` therefore also waits for every handler started before it (main.ts closes the pool
 * only after), so what a handler does after its first write is not cut off. Register before routes.
 */
export function registerInFlight(app: FastifyInstance): void {
  const running = new Set<Promise<unknown>>();
  app.addHook("onRoute", (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function tracked(this: FastifyInstance, request, reply) {
      const result: unknown = handler.call(this, request, reply);
      // A handler that answered synchronously (or sends later itself) is left exactly as it was.
      if (!(result instanceof Promise)) return result;
      running.add(result);
      // Inline callbacks, not a named closure: the TypeScript loader names each one it creates
      // (a defineProperty per request, issue 16).
      result.then(
        () => running.delete(result),
        () => running.delete(result),
      );
      return result;
    };
  });
  app.addHook("onClose", async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  });
}
