import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply } from "fastify";

/** Where `npm run build` puts the console (vite.console.config.ts). */
export const CONSOLE_DIST = fileURLToPath(new URL("../../../dist/console", import.meta.url));

const notBuiltPage = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Bàn làm việc chưa sẵn sàng — Tổng đài 1022</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>Bàn làm việc cán bộ chưa được xây dựng</h1>
<p>Máy chủ đang chạy nhưng giao diện bàn làm việc (<code>/console</code>) chưa được build.</p>
<p>Hãy chạy <code>npm run build</code> (hoặc khởi động bằng <code>npm start</code>, lệnh này tự build khi cần), rồi tải lại trang.</p>
</body></html>`;

/**
 * Serves the built staff console under /console (issue 5): hashed assets with a year-long
 * immutable cache, index.html for every other /console path so the React router takes over
 * (sign-in at /console/login). Without a build, /console answers a Vietnamese 503 page instead
 * of failing, so the API and its tests run without the web assets.
 */
export function consoleRoutes(options: { dist?: string } = {}): FastifyPluginAsync {
  const dist = options.dist ?? CONSOLE_DIST;
  return async (app) => {
    const assets = join(dist, "assets");
    if (existsSync(assets)) {
      await app.register(fastifyStatic, {
        root: assets,
        prefix: "/console/assets/",
        decorateReply: false,
        index: false,
        immutable: true,
        maxAge: "365d",
      });
    }

    const sendIndex = async (reply: FastifyReply) => {
      const html = await readFile(join(dist, "index.html"), "utf8").catch(() => null);
      if (html === null) {
        return reply
          .code(503)
          .header("cache-control", "no-store")
          .type("text/html; charset=utf-8")
          .send(notBuiltPage);
      }
      // The shell must be revalidated so a new build's asset names are picked up at once.
      return reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").send(html);
    };

    const hide = { schema: { hide: true } };
    app.get("/console", hide, async (_request, reply) => sendIndex(reply));
    app.get("/console/*", hide, async (request, reply) => {
      // A missing hashed asset is a real 404, not the app shell (which would confuse the browser).
      if (request.url.startsWith("/console/assets/")) {
        return reply.code(404).type("text/plain; charset=utf-8").send("Không tìm thấy tệp.");
      }
      return sendIndex(reply);
    });
  };
}
