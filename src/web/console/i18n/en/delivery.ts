import type { Strings } from "../strings.js";
import type { delivery as vi } from "../vi/delivery.js";

/** Why a message or a webhook did not go through, and what to do (vi/delivery.ts). */
export const delivery: Strings<typeof vi> = {
  deliveryReason: {
    label: {
      auth: "Access token expired or refused",
      window: "The chat channel's reply window has closed",
      recipient: "The recipient cannot receive messages",
      rate: "The provider is throttling messages",
      quota: "The sending account's allowance is spent",
      provider: "The provider is failing for now",
      network: "Cannot reach the provider",
      content: "The provider refused the message",
      config: "The channel is not configured or is turned off",
      unknown: "Unclassified error",
    },
    byChannel: {
      window_facebook: "Facebook's 24-hour reply window has closed",
      window_zalo: "The citizen has not interacted with the Zalo OA for 7 days",
      recipient_sms: "The phone number cannot receive messages",
      recipient_email: "The email address cannot receive mail",
      recipient_facebook: "The citizen cannot receive Messenger messages (blocked the page or deactivated)",
    },
    hint: {
      auth: "an administrator reconnects the channel",
      window: "contact the citizen on another channel",
      recipient: "check the contact details or use another channel",
      rate: "the system will resend later",
      quota: "an administrator tops up or raises the allowance with the provider",
      provider: "the system will resend",
      network: "the system will resend; tell an administrator if it persists",
      content: "tell an administrator, with the technical detail",
      config: "an administrator checks the channel settings page",
      unknown: "tell an administrator if it happens again",
    },
    gaveUp: "no more retries, contact the citizen on another channel",
    detail: "Technical detail",
    webhook: {
      label: {
        auth: "The receiver refused our authentication",
        window: "The receiver is not accepting for now",
        recipient: "The receiver no longer accepts this webhook",
        rate: "The receiver is throttling deliveries",
        quota: "The receiver reports its allowance spent",
        provider: "The receiver's server is failing for now",
        network: "Cannot reach the receiver",
        content: "The receiver refused the payload",
        config: "The webhook is paused, deleted or points into a private network",
        unknown: "Unclassified error",
      },
      hint: {
        auth: "check the signing secret with the receiver",
        window: "the system will resend",
        recipient: "contact the receiver or pause the webhook",
        rate: "the system will resend later",
        quota: "contact the receiver",
        provider: "the system will resend",
        network: "the system will resend; tell the receiver if it persists",
        content: "tell the receiver, with the technical detail",
        config: "check the webhook's address and state",
        unknown: "see the technical detail",
      },
      gaveUp: "no more retries, press «Send again» once the receiver is ready",
    },
  },
};
