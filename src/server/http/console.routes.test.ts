import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleRoutes } from "./console.routes.js";

describe("console routes", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "console-"));
    await mkdir(join(dir, "built", "assets"), { recursive: true });
    await writeFile(join(dir, "built", "index.html"), "<!doctype html><title>console</title>");
    await writeFile(join(dir, "built", "assets", "index-abc123.js"), "console.log(1)");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("answers a Vietnamese 503 page when the console is not built", async () => {
    const app = Fastify();
    await app.register(consoleRoutes({ dist: join(dir, "missing") }));
    const res = await app.inject({ url: "/console/login" });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain("chưa được build");
    await app.close();
  });

  it("serves index.html for app paths and hashed assets with a long cache", async () => {
    const app = Fastify();
    await app.register(consoleRoutes({ dist: join(dir, "built") }));
    for (const url of ["/console", "/console/", "/console/login", "/console/requests/123"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body).toContain("<title>console</title>");
    }
    const asset = await app.inject({ url: "/console/assets/index-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
    expect((await app.inject({ url: "/console/assets/nope.js" })).statusCode).toBe(404);
    await app.close();
  });
});
