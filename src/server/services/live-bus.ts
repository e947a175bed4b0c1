import { EventEmitter } from "node:events";

/** A change to a request, pushed to open consoles (issue 5, live updates). No personal data. */
export interface LiveEvent {
  requestId: string;
  code: string;
  status: string;
  agencyId: string | null;
  urgency: "normal" | "urgent";
  kind: string;
}

/**
 * In-process fan-out of request changes, published after the transaction commits. One server
 * process sees its own changes; several processes behind a balancer would relay these through
 * PostgreSQL LISTEN/NOTIFY (not needed for the single-process deployment we ship).
 */
export function createLiveBus() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(event: LiveEvent): void {
      emitter.emit("event", event);
    },
    subscribe(listener: (event: LiveEvent) => void): () => void {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
  };
}

export type LiveBus = ReturnType<typeof createLiveBus>;
