import type { ChannelAdapter, DeliveryResult } from "./channel.js";

/**
 * The phone hotline (R-CH1). Its inbound side is the operator's intake screen fed by the CTI
 * events; the identity is the caller's number. Nothing is "sent" to a phone line: messages to a
 * caller go to the "sms" channel (sms/sms.adapter.ts, chosen in services/notify.ts), so a row
 * addressed here is undeliverable and the requester follows the portal or is called back by staff.
 */
export function createPhoneAdapter(): ChannelAdapter {
  return {
    channel: "phone",
    async deliver(): Promise<DeliveryResult> {
      return {
        status: "undeliverable",
        error: "Kênh điện thoại không gửi được tin nhắn; người dân theo dõi trên Cổng thông tin.",
      };
    },
  };
}
