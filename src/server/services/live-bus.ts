import { type Actor, can } from "../../shared/permissions.js";
import type { MentionSignal } from "../../shared/schemas/feedback.js";
import type { Relay } from "../db/relay.js";
import type { RequestRow } from "../db/repositories/request.repository.js";

/** A change to a request, pushed to open consoles (issue 5, live updates). No personal data. */
export interface LiveEvent {
  requestId: string;
  code: string;
  status: string;
  agencyId: string | null;
  /** Agencies cooperating on the request (issue 19): their staff see its changes too. */
  cooperatingAgencyIds?: string[];
  urgency: "normal" | "urgent";
  /** The action taken, or "obligation_reminder" for a reminder to the agency (Art. 13.1). */
  kind: string;
  /** Present when kind is "obligation_reminder": which duty, which step, and its due time. */
  reminder?: { obligationId: string; obligationKind: string; step: "due_soon" | "missed"; dueAt: string };
}

/**
 * Whether a console signed in as `actor` receives `event`: whoever may read the request — its
 * agency's staff, province-wide roles, and the staff of an agency cooperating on it (issue 19).
 */
export function liveEventVisible(actor: Actor, event: LiveEvent): boolean {
  const own = actor.agencyId;
  const agencyId = own !== null && event.cooperatingAgencyIds?.includes(own) ? own : event.agencyId;
  return can(actor, "request.read", { agencyId });
}

/**
 * The event of a change to a request, from its row: sent to whoever may read the request
 * (liveEventVisible), its agency's staff and those of the agencies cooperating on it alike.
 */
export const requestChanged = (
  row: Pick<RequestRow, "id" | "code" | "status" | "agency_id" | "cooperating_agency_ids" | "urgency">,
  kind: string,
): LiveEvent => ({
  requestId: row.id,
  code: row.code,
  status: row.status,
  agencyId: row.agency_id,
  cooperatingAgencyIds: row.cooperating_agency_ids,
  urgency: row.urgency,
  kind,
});

const CHANNEL = "live";
const MENTION_CHANNEL = "live_mention";
const NOTIFIED_CHANNEL = "live_notified";
const CALL_CHANNEL = "live_call";

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
 * Staff were notified of something no request event carries to their consoles — a message that
 * reached no requester, found by the outbox worker or an SMS delivery report — so only their
 * consoles are told and the bell refreshes at once. Ids and the request's code, no personal data.
 */
export interface NotifiedSignal {
  userIds: string[];
  kind: "requester_unreached";
  requestId: string;
  code: string;
}

/**
 * Fan-out of request changes, published after the transaction commits, to every server process of
 * the database (issue 15): through the relay (db/relay.ts — LISTEN/NOTIFY on PostgreSQL, in-memory
 * on the embedded database). A console connected to any process sees changes made on any other.
 */
export function createLiveBus(relay: Relay) {
  const live = topic<LiveEvent>(relay, CHANNEL);
  const calls = topic<CallLiveEvent>(relay, CALL_CHANNEL);
  const mentions = topic<MentionSignal>(relay, MENTION_CHANNEL);
  const notified = topic<NotifiedSignal>(relay, NOTIFIED_CHANNEL);
  return {
    publish: live.publish,
    subscribe: live.subscribe,
    publishCall: calls.publish,
    subscribeCalls: calls.subscribe,
    /** Issue 19: someone was @mentioned in an internal note; only that user's consoles are told. */
    publishMention: mentions.publish,
    subscribeMentions: mentions.subscribe,
    /** Published after the transaction that stored the notifications commits. */
    publishNotified: notified.publish,
    subscribeNotified: notified.subscribe,
  };
}

/** One relay channel carrying one kind of signal: publish it, or subscribe (returns the unsubscribe). */
function topic<T>(relay: Relay, channel: string) {
  return {
    publish(event: T): void {
      relay.publish(channel, event);
    },
    subscribe(listener: (event: T) => void): () => void {
      return relay.subscribe(channel, (payload) => listener(payload as T));
    },
  };
}

export type LiveBus = ReturnType<typeof createLiveBus>;
