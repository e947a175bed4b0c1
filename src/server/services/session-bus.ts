import type { Relay } from "../db/relay.js";

const CHANNEL = "session_revoked";

/**
 * Tells long-lived connections (the SSE stream) that their session has ended — logout, password
 * change, role change, deactivation — so they close at once instead of at their next request. Sent
 * to every server process through the relay (issue 15): the stream may be held by another process.
 */
export function createSessionBus(relay: Relay) {
  return {
    /** Sessions (by id: the sha256 of the cookie token) that no longer exist. */
    revoked(sessionIds: readonly string[]): void {
      if (sessionIds.length > 0) relay.publish(CHANNEL, sessionIds);
    },
    onRevoked(sessionId: string, listener: () => void): () => void {
      let done = false;
      const unsubscribe = relay.subscribe(CHANNEL, (payload) => {
        if (done || !Array.isArray(payload) || !payload.includes(sessionId)) return;
        done = true;
        unsubscribe();
        listener();
      });
      return () => {
        done = true;
        unsubscribe();
      };
    },
  };
}

export type SessionBus = ReturnType<typeof createSessionBus>;
