import { App } from "antd";

/** What `attempt` reads of a write: a TanStack mutation fits as it is. */
interface Write<V, T> {
  mutateAsync: (variables: V) => Promise<T>;
}

/**
 * A write whose refusal the page already reads out from the mutation's own `error` (in its dialog,
 * above its form or beside its button). `attempt` runs it, toasts `done` once it went through, and
 * answers the server's answer — or null when it was refused, so the caller goes on only after a
 * success.
 */
export function useAttempt() {
  const { message } = App.useApp();
  return async function attempt<V, T>(write: Write<V, T>, variables: V, done?: string): Promise<T | null> {
    const answer = await write.mutateAsync(variables).catch(() => null);
    if (answer !== null && done !== undefined) void message.success(done);
    return answer;
  };
}
