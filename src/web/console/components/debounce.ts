import { useEffect, useMemo, useRef } from "react";

/**
 * `run(...args)` calls `fn` with the latest arguments once `ms` have passed without another call
 * (a search as one types, not at every key); `cancel()` drops a call still waiting (Enter searches
 * at once). Nothing is called after the component is gone.
 */
export function useDebounced<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(
    () => ({
      run: (...args: A) => {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => latest.current(...args), ms);
      },
      cancel: () => clearTimeout(timer.current),
    }),
    [ms],
  );
}
