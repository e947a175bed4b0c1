import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";

/** The portal's static files (one CSS file, a few small scripts), loaded once and gzipped in memory. */
export const ASSETS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../portal-assets",
);

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

interface Asset {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
  hash: string;
}

const assets = new Map<string, Asset>();
for (const name of readdirSync(ASSETS_DIR)) {
  const type = TYPES[path.extname(name)];
  if (!type) continue;
  const body = readFileSync(path.join(ASSETS_DIR, name));
  const gz = type.startsWith("text/") || type.includes("svg") ? gzipSync(body, { level: 9 }) : null;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
  assets.set(name, { body, gzip: gz && gz.length < body.length ? gz : null, type, hash });
}

/** A versioned URL, so the file can be cached for a year and still change with each release. */
export function assetUrl(name: string): string {
  const asset = assets.get(name);
  if (!asset) throw new Error(`unknown portal asset ${name}`);
  return `/assets/${name}?v=${asset.hash}`;
}

export function registerAssets(app: FastifyInstance): void {
  app.get<{ Params: { name: string }; Querystring: { v?: string } }>(
    "/assets/:name",
    { schema: { hide: true } },
    async (request, reply) => {
      const asset = assets.get(request.params.name);
      if (!asset) return reply.callNotFound();
      const etag = `"${asset.hash}"`;
      reply
        .header("content-type", asset.type)
        .header("etag", etag)
        .header("vary", "accept-encoding")
        .header(
          "cache-control",
          request.query.v === asset.hash ? "public, max-age=31536000, immutable" : "public, max-age=300",
        );
      if (request.headers["if-none-match"] === etag) return reply.status(304).send();
      if (asset.gzip && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
        return reply.header("content-encoding", "gzip").send(asset.gzip);
      }
      return reply.send(asset.body);
    },
  );
}
