import { EventEmitter } from "node:events";

/**
 * Tells long-lived connections (the SSE stream) that their session has ended — logout, password
 * change, role change, deactivation — so they close at once instead of at their next request.
 * In-process, like the live bus: one server process holds its own connections.
 */
export function createSessionBus() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    /** Sessions (by id: the sha256 of the cookie token) that no longer exist. */
    revoked(sessionIds: readonly string[]): void {
      for (const id of sessionIds) emitter.emit(id);
    },
    onRevoked(sessionId: string, listener: () => void): () => void {
      emitter.once(sessionId, listener);
      return () => emitter.off(sessionId, listener);
    },
  };
}

export type SessionBus = ReturnType<typeof createSessionBus>;
