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

interface Waiter<R> {
  resolve(row: R | undefined): void;
  reject(error: unknown): void;
}

export function createKeyBatcher<R>(
  /** Reads the rows of these distinct keys; a key without a row is simply absent from the map. */
  run: (keys: string[]) => Promise<Map<string, R>>,
  { maxInFlight, maxBatch }: KeyBatcherOptions,
): (key: string) => Promise<R | undefined> {
  const waiting = new Map<string, Waiter<R>[]>();
  let inFlight = 0;
  const pump = () => {
    while (inFlight < maxInFlight && waiting.size > 0) {
      const batch = new Map<string, Waiter<R>[]>();
      for (const [key, waiters] of waiting) {
        batch.set(key, waiters);
        waiting.delete(key);
        if (batch.size >= maxBatch) break;
      }
      inFlight++;
      run([...batch.keys()])
        .then((rows) => {
          for (const [key, waiters] of batch) for (const w of waiters) w.resolve(rows.get(key));
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
    new Promise<R | undefined>((resolve, reject) => {
      const waiters = waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      pump();
    });
}
