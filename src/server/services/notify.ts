import type { Executor } from "../db/client.js";
import { enqueueOutbox } from "../db/repositories/outbox.repository.js";
import { claimUnreachedNotice } from "../db/repositories/outbox-delivery.repository.js";
import { findRequesterContact } from "../db/repositories/requester.repository.js";
import { normalizePhone } from "../domain/phone.js";
import type { NotifiedSignal } from "./live-bus.js";
import { notifyStaff } from "./staff-notification.service.js";

/** Why the requester is being told something; each kind has its own message text. */
export type NotificationKind =
  | "acknowledgement"
  | "forwarded"
  | "follow_portal"
  | "verifying"
  | "progress"
  | "answer_published"
  | "refused"
  /** Art. 14.6: the agency asks the requester for what is missing; the reply comes back on the channel. */
  | "question"
  | "follow_link"
  /** Issue 19: after publication, whether the answer resolved the question (asked once). */
  | "feedback_request";

export interface Target {
  channel: string;
  recipient: string;
}

/**
 * Where to reach a requester (the one rule, used at intake and for every later message): on the
 * chat channel they used (R-CH4–5), else by email when known (R-CH3), else a phone caller by SMS
 * to the number they gave (issue 12). Portal requesters without an email, and callers without a
 * usable number, follow the portal with their code (Art. 10.2).
 */
export function targetsOf(who: {
  channel: string;
  email: string | null;
  externalId: string | null;
  phone?: string | null;
}): Target[] {
  if ((who.channel === "zalo" || who.channel === "facebook") && who.externalId) {
    return [{ channel: who.channel, recipient: who.externalId }];
  }
  if (who.email) return [{ channel: "email", recipient: who.email }];
  // Only a mobile number takes an SMS (+84 3x/5x/7x/8x/9x); a landline caller follows the portal.
  const phone = who.channel === "phone" ? normalizePhone(who.phone) : null;
  if (phone && /^\+84[35789]\d{8}$/.test(phone)) return [{ channel: "sms", recipient: phone }];
  return [];
}

/** Where the messages of this request go: the contacts it was given with (issue 13), nobody else's. */
export async function targetsFor(tx: Executor, requestId: string): Promise<Target[]> {
  const contact = await findRequesterContact(tx, requestId);
  return contact ? targetsOf(contact) : [];
}

/**
 * Enqueues the message telling the requester about a change, inside the transaction of that
 * change; the outbox worker delivers it with retries. Called by the request service only. Returns
 * where it was sent (none: the requester reads it on the follow page only).
 */
export async function notifyRequester(
  tx: Executor,
  n: {
    requestId: string;
    eventId: number;
    kind: NotificationKind;
    code: string;
    text: string;
    /** Known targets of a brand-new request (its intake knows them); otherwise looked up. */
    targets?: Target[];
    /** What makes the message unique, instead of the event: a message sent once per request. */
    dedupeScope?: string;
  },
): Promise<Target[]> {
  const targets = n.targets ?? (await targetsFor(tx, n.requestId));
  for (const target of targets) {
    await enqueueOutbox(tx, {
      requestId: n.requestId,
      eventId: n.eventId,
      channel: target.channel,
      recipient: target.recipient,
      kind: n.kind,
      subject: `[${n.code}] Tổng đài 1022`,
      body: n.text,
      dedupeKey: `${n.dedupeScope ?? n.eventId}:${target.channel}:${target.recipient}`,
    });
  }
  return targets;
}

/** The outbox row of a message to a requester, as the worker or a delivery report holds it. */
export interface UnreachedMessage {
  request_id: string | null;
  event_id: number | null;
  channel: string;
  kind: string;
  subject: string | null;
  body: string;
  dedupe_key: string | null;
  id: number;
}

/**
 * A message could not be delivered: on a chat channel because the provider's window closed
 * (Facebook 24 h, Zalo 7 days), an SMS the gateway reported failed or expired (issue 12), or a chat
 * message or SMS the worker gave up on after its retries (the provider down or refusing for hours):
 * reach the requester by email when we know it. True when that email is (or already was) queued — the dedupe
 * key is the message's own, so a repeated report queues it once. Without an email the requester
 * follows the portal with the code they received in the acknowledgement (Art. 10.2).
 */
export async function fallbackAfterUndeliverable(tx: Executor, row: UnreachedMessage): Promise<boolean> {
  if (!["zalo", "facebook", "sms"].includes(row.channel) || !row.request_id) return false;
  const email = (await findRequesterContact(tx, row.request_id))?.email;
  if (!email) return false;
  await enqueueOutbox(tx, {
    requestId: row.request_id,
    eventId: row.event_id,
    channel: "email",
    recipient: email,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    dedupeKey: `${row.dedupe_key ?? `outbox:${row.id}`}:fallback:email`,
  });
  return true;
}

/**
 * The messages a requester must get, so staff call them back when one does not arrive: the
 * acknowledgement (their code, R-IN5), the answer, the refusal (Art. 9), and the agency's question
 * that the request waits on (Art. 14.6). Progress notes (forwarded, verifying, progress…) and the
 * feedback question are also on the follow page and only inform.
 */
const mustReachRequester: ReadonlySet<string> = new Set<NotificationKind>([
  "acknowledgement",
  "answer_published",
  "refused",
  "question",
]);

/**
 * A message to the requester ended without reaching them — the worker gave up (failed), the
 * channel could not take it (undeliverable), or the SMS gateway reported it failed or expired.
 * In the transaction that records it: another way is tried first (an email, above);
 * when none is and the message is one the requester must get, the staff member who received the
 * request (else the coordinators) is told once per message. Returns who was told, for the caller to
 * publish once the transaction commits (`live.publishNotified`), so their bell shows it at once.
 */
export async function afterUnreached(
  tx: Executor,
  row: UnreachedMessage,
  at: Date,
): Promise<NotifiedSignal | null> {
  if (await fallbackAfterUndeliverable(tx, row)) return null;
  // Webhook rows carry a request too, but go to an integration, not to the requester.
  if (!row.request_id || row.channel === "webhook" || !mustReachRequester.has(row.kind)) return null;
  const claimed = await claimUnreachedNotice(tx, row.id, at);
  if (!claimed) return null;
  const requestId = row.request_id;
  const userIds = await notifyStaff(tx, { kind: "requester_unreached", requestId }, at);
  return { userIds, kind: "requester_unreached", requestId, code: claimed.code };
}
