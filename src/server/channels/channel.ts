/**
 * The one channel adapter interface (R-CH6, Art. 4.6): a new channel is a new adapter, not changes
 * across the codebase. Inbound, an adapter turns a provider event into intake inputs (a new request
 * or a message on an existing one); outbound, it delivers one outbox message; the requester's
 * identity on the channel is the provider's user id, always a string.
 */

import { type Channel, channels } from "../../shared/request-status.js";
import type { StoredFile } from "../db/repositories/attachment.repository.js";

/** The channels a request can arrive on: one list, in src/shared/request-status.ts. */
export const channelNames = channels;
export type ChannelName = Channel;
/** Where the outbox can deliver: the request channels, plus SMS (outbound only, to phone callers). */
export type OutboundChannel = ChannelName | "sms";

export interface ChannelIdentity {
  /** Provider user id (Zalo user id, Facebook PSID, email address, phone number) — never a number. */
  externalId: string;
  displayName?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** What every channel hands to the request service; the signature of `intakeFromChannel`. */
export interface IntakeInput {
  channel: ChannelName;
  /** Provider message id: the dedupe key (same ref twice → same result, created: false). */
  externalRef: string;
  identity: ChannelIdentity;
  content: string;
  receivedAt: Date;
  /** A request code found in the subject or References: continue that request. */
  threadCode?: string | null;
  attachments?: StoredFile[];
  /** An auto-reply or bounce: recorded, never answered (RFC 3834). */
  suppressAcknowledgement?: boolean;
}

export interface IntakeResult {
  requestId: string;
  code: string;
  created: boolean;
  appended: boolean;
}

export type IntakeFn = (input: IntakeInput) => Promise<IntakeResult>;

/** One outbox row as an adapter sees it. */
export interface OutboundMessage {
  outboxId: number;
  requestId: string | null;
  requestCode: string | null;
  kind: string;
  recipient: string;
  subject: string | null;
  body: string;
  /** Stable across retries: the idempotency key where the provider takes one. */
  dedupeKey: string;
}

/**
 * The outcome of one delivery attempt. "retry" is transient (outage, 5xx, timeout); "undeliverable"
 * means this channel cannot reach the requester now (messaging window closed, user blocked the OA)
 * and another channel should; "failed" is permanent (bad credentials, malformed recipient).
 */
export type DeliveryResult =
  | { status: "sent"; providerMessageId: string | null }
  | {
      status: "retry";
      error: string;
      /** The channel lacks configuration (reported once at start-up, not as a delivery failure). */
      unconfigured?: true;
    }
  | { status: "undeliverable"; error: string }
  | { status: "failed"; error: string };

/** Headers of a webhook call, lower-cased as Node gives them. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** A webhook body that passed its signature check, split into the messages worth processing. */
export type WebhookParse =
  | { ok: true; messages: IntakeInput[] }
  | { ok: false; reason: "signature" | "stale" | "json" | "unknown_event" | "invalid"; detail?: string };

export interface ChannelAdapter {
  readonly channel: OutboundChannel;
  /** Delivers one message; never throws for provider errors — it answers a DeliveryResult. */
  deliver(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryResult>;
  /**
   * Webhook channels: verifies the signature over the raw bytes, then parses. Events the provider
   * documents but that carry no citizen message (reads, deliveries, echoes) give no messages.
   */
  parseWebhook?(rawBody: Buffer, headers: WebhookHeaders): Promise<WebhookParse>;
}

/** A string read from a header that Node may have folded into an array. */
export function headerValue(headers: WebhookHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/** Shortens provider error text before it is stored for staff; never includes request secrets. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}
