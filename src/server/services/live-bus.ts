import type { Relay } from "../db/relay.js";

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

const CHANNEL = "live";

/**
 * Fan-out of request changes, published after the transaction commits, to every server process of
 * the database (issue 15): through the relay (db/relay.ts — LISTEN/NOTIFY on PostgreSQL, in-memory
 * on the embedded database). A console connected to any process sees changes made on any other.
 */
export function createLiveBus(relay: Relay) {
  return {
    publish(event: LiveEvent): void {
      relay.publish(CHANNEL, event);
    },
    subscribe(listener: (event: LiveEvent) => void): () => void {
      return relay.subscribe(CHANNEL, (payload) => listener(payload as LiveEvent));
    },
  };
}

export type LiveBus = ReturnType<typeof createLiveBus>;
