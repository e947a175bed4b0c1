/**
 * Groups concurrent reads by key into shared statements (issue 16): a key asked for while fewer than
 * `maxInFlight` statements run goes at once (no added latency when quiet); under a crowd, the keys
 * waiting go together in the next statement, up to `maxBatch` distinct keys. Callers asking for the
 * same key while it waits share its row. A key is always read by a statement that starts after it
 * was asked for, so no answer is older than the question: this is not a cache.
 *
 * Each statement costs PostgreSQL a fixed price whatever it returns — the protocol round trip, the
 * executor set-up of the whole plan, a snapshot, a transaction — and the server a socket write and
 * read; on a 2-core machine that price, not the index look-ups, was most of a citizen's look-up.
 */
export interface KeyBatcherOptions {
  maxInFlight: number;
  maxBatch: number;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * The grouping itself: `run` gets each distinct key waiting with how many callers asked for it, and
 * the n-th of a key's `callers` (0-based, in the order they asked) gets `give(row, n, callers)`.
 */
function createBatcher<R, T>(
  run: (keys: Map<string, number>) => Promise<Map<string, R>>,
  give: (row: R | undefined, nth: number, callers: number) => T,
  { maxInFlight, maxBatch }: KeyBatcherOptions,
): (key: string) => Promise<T> {
  const waiting = new Map<string, Waiter<T>[]>();
  let inFlight = 0;
  const pump = () => {
    while (inFlight < maxInFlight && waiting.size > 0) {
      const batch = new Map<string, Waiter<T>[]>();
      for (const [key, waiters] of waiting) {
        batch.set(key, waiters);
        waiting.delete(key);
        if (batch.size >= maxBatch) break;
      }
      inFlight++;
      run(new Map([...batch].map(([key, waiters]) => [key, waiters.length])))
        .then((rows) => {
          for (const [key, waiters] of batch) {
            const row = rows.get(key);
            for (const [nth, w] of waiters.entries()) w.resolve(give(row, nth, waiters.length));
          }
        })
        .catch((error: unknown) => {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
        })
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };
  return (key) =>
    new Promise<T>((resolve, reject) => {
      const waiters = waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      pump();
    });
}

export function createKeyBatcher<R>(
  /** Reads the rows of these distinct keys; a key without a row is simply absent from the map. */
  run: (keys: string[]) => Promise<Map<string, R>>,
  options: KeyBatcherOptions,
): (key: string) => Promise<R | undefined> {
  return createBatcher(
    (keys) => run([...keys.keys()]),
    (row) => row,
    options,
  );
}

/**
 * Concurrent increments grouped the same way (the shared rate limits, issue 16): `run` adds each
 * key's number of callers in one statement and returns each key's total afterwards; the callers of
 * a key get the totals they would have seen one after the other (total − callers + 1 … total).
 * Every increment is written before its caller hears of it, so nothing is counted late.
 */
export function createCountBatcher<R extends { count: number }>(
  run: (increments: Map<string, number>) => Promise<Map<string, R>>,
  options: KeyBatcherOptions,
): (key: string) => Promise<R> {
  return createBatcher(
    run,
    (row, nth, callers) => {
      // A statement that upserts every key returns every key; a missing one is a bug, not a count.
      if (!row) throw new Error("count batcher: the statement returned no row for a key");
      return { ...row, count: row.count - callers + 1 + nth };
    },
    options,
  );
}
