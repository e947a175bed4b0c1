/**
 * Forgetting the oldest entry of a Map kept to a bounded size (the rate limits' memory per client
 * address), in insertion order, without scanning from the start every time.
 *
 * `map.keys().next()` on every eviction looked cheap but is not: V8 leaves a deleted entry as a
 * hole in the Map's table until the table is rebuilt, and a fresh iterator steps over every hole
 * before the first live key. A full map that drops its oldest key on each insertion piles up
 * thousands of holes at its front, so each eviction cost ≈ 20–35 µs at 20,000 addresses — more
 * than a cached portal page's whole answer — under a crowd from many addresses (issue 16, 4 Dec 2026).
 * One iterator kept across evictions resumes where it stopped: every key before its position has
 * been returned (and deleted) already, so the next one it yields is still the oldest live key, and
 * keys inserted later — also a key deleted and set again — come after it, as the language defines
 * iteration over a Map that changes. An iterator that ran off the end (the map was emptied) is
 * replaced by a new one.
 */
export function oldestFirst<K>(map: Map<K, unknown>): () => void {
  let keys = map.keys();
  return () => {
    let next = keys.next();
    if (next.done) {
      keys = map.keys();
      next = keys.next();
    }
    if (!next.done) map.delete(next.value);
  };
}
