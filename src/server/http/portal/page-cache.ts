/**
 * A micro-cache for public pages that are the same for everyone (home, published answers): under a
 * burst — a news item sends thousands of citizens to the same page — one render serves all requests
 * of the next few seconds, and concurrent misses share one render. Publication shows within TTL.
 */
export function createPageCache(ttlMs: number, maxEntries: number) {
  const entries = new Map<string, { at: number; html: Promise<string> }>();
  const cached = async function cached(key: string, render: () => Promise<string>): Promise<string> {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.html;
    if (entries.size >= maxEntries) {
      for (const [k, e] of entries) if (now - e.at >= ttlMs) entries.delete(k);
      if (entries.size >= maxEntries) entries.clear();
    }
    const html = render();
    entries.set(key, { at: now, html });
    html.catch(() => entries.delete(key));
    return html;
  };
  /** Forget every page now (a publication or take-down on any server process, issue 15). */
  return Object.assign(cached, { clear: () => entries.clear() });
}
