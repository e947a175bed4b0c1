import { gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

/** A rendered page as it goes on the wire: UTF-8 bytes, and gzipped for clients that accept it. */
export interface CachedPage {
  body: Buffer;
  gzip: Buffer;
}

/**
 * A micro-cache for public pages that are the same for everyone (home, published answers): under a
 * burst — a news item sends thousands of citizens to the same page — one render serves all requests
 * of the next few seconds, and concurrent misses share one render. Publication shows within TTL.
 * The page is kept encoded (and gzipped) once, not re-encoded from a string on every request.
 */
export function createPageCache(ttlMs: number, maxEntries: number) {
  /** `ready`: the page once rendered, so a hit is answered without waiting on a promise. */
  type Entry = { at: number; page: Promise<CachedPage>; ready?: CachedPage };
  const entries = new Map<string, Entry>();
  const cached = async function cached(key: string, render: () => Promise<string>): Promise<CachedPage> {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.page;
    if (entries.size >= maxEntries) {
      for (const [k, e] of entries) if (now - e.at >= ttlMs) entries.delete(k);
      if (entries.size >= maxEntries) entries.clear();
    }
    const page = render().then((html) => {
      const body = Buffer.from(html, "utf8");
      return { body, gzip: gzipSync(body) };
    });
    const entry: Entry = { at: now, page };
    entries.set(key, entry);
    page.then(
      (ready) => {
        entry.ready = ready;
      },
      () => entries.delete(key),
    );
    return page;
  };
  /**
   * The page under `key` if it is rendered and still fresh, else undefined (then `cached` renders
   * it or waits for the render under way): the same bound as `cached`, without a promise per hit.
   */
  const fresh = (key: string): CachedPage | undefined => {
    const hit = entries.get(key);
    return hit?.ready && Date.now() - hit.at < ttlMs ? hit.ready : undefined;
  };
  /** Forget every page now (a publication or take-down on any server process, issue 15). */
  return Object.assign(cached, { fresh, clear: () => entries.clear() });
}

/** Sends a cached page, gzipped when the client accepts it (the shared caches keep both: Vary). */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  cacheControl: string,
) {
  reply
    .type("text/html; charset=utf-8")
    .header("cache-control", cacheControl)
    .header("vary", "accept-encoding");
  if (/\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
    return reply.header("content-encoding", "gzip").send(page.gzip);
  }
  return reply.send(page.body);
}
