import { EventEmitter } from "node:events";

/** A change to a request, pushed to open consoles (issue 5, live updates). No personal data. */
export interface LiveEvent {
  requestId: string;
  code: string;
  status: string;
  agencyId: string | null;
  urgency: "normal" | "urgent";
  /** The action taken, or "obligation_reminder" for a reminder to the agency (Art. 13.1). */
  kind: string;
  /** Present when kind is "obligation_reminder": which duty, which step, and its due time. */
  reminder?: { obligationId: string; obligationKind: string; step: "due_soon" | "missed"; dueAt: string };
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
