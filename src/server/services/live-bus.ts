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
 * Something happened to a phone call (issue 12): the desk refetches the call. Only the call id,
 * never the number, travels on the stream.
 */
export interface CallLiveEvent {
  callId: string;
  kind: "new" | "ringing" | "answered" | "transfer_result" | "recording" | "ended" | "callback" | "picked_up";
  /** The operator on the call, when known: their console pops the caller up. */
  agentId: string | null;
  /** For transfer_result: connected, busy, … */
  result?: string;
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
    publishCall(event: CallLiveEvent): void {
      emitter.emit("call", event);
    },
    subscribeCalls(listener: (event: CallLiveEvent) => void): () => void {
      emitter.on("call", listener);
      return () => emitter.off("call", listener);
    },
  };
}

export type LiveBus = ReturnType<typeof createLiveBus>;
