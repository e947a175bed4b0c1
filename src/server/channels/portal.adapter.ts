import type { ChannelAdapter, DeliveryResult } from "./channel.js";

/**
 * The web portal (R-CH2). Its inbound side is the public form, which calls the request service
 * directly; outbound, the requester reads every change in the public history of the request
 * (Art. 10.2), so a message addressed to the portal is delivered by being recorded.
 */
export function createPortalAdapter(): ChannelAdapter {
  return {
    channel: "portal",
    async deliver(): Promise<DeliveryResult> {
      return { status: "sent", providerMessageId: null };
    },
  };
}
