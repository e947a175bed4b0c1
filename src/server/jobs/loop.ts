/**
 * A job that runs one pass at a time, again every `intervalMs` until stopped. stop() waits for
 * the pass in progress, so a graceful shutdown never leaves a delivery half-recorded.
 */
export interface JobLoop {
  start(): void;
  stop(): Promise<void>;
  readonly running: boolean;
}

export function createJobLoop(
  pass: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
): JobLoop {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> | null = null;
  let active = false;

  const tick = () => {
    timer = null;
    current = pass()
      .catch(onError)
      .finally(() => {
        current = null;
        if (active) timer = setTimeout(tick, intervalMs);
      });
  };

  return {
    start() {
      if (active) return;
      active = true;
      tick();
    },
    async stop() {
      active = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
    },
    get running() {
      return active;
    },
  };
}

/** Exponential back-off with a little jitter so retries of many rows do not arrive together. */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 + 0.1 * random()));
}
