import type { Config } from "../../config.js";
import type { ChannelAdapter, DeliveryResult, OutboundMessage } from "../channel.js";
import { errorText } from "../channel.js";
import { callProvider, idString } from "../provider-json.js";
import { composeSms } from "./sms-text.js";

/** The path of the delivery-report webhook; the gateway is given it with the token in each send. */
export const SMS_DELIVERY_PATH = "/api/v1/channels/sms/delivery";

/** "+84912345678", "0912345678" → "84912345678", the form Vietnamese gateways take; null if not a number. */
export function msisdn84(recipient: string): string | null {
  const digits = recipient.replace(/[\s.()-]/g, "");
  const national = /^\+84(\d{9,10})$/.exec(digits)?.[1] ?? /^0(\d{9,10})$/.exec(digits)?.[1];
  return national && /^[1-9]/.test(national) ? `84${national}` : null;
}

/** Gateway codes that will not change on a retry (eSMS: 101 authorize failed, 104 brandname unknown…). */
const TRANSIENT_CODES = new Set(["99", "102"]);

/**
 * SMS to phone callers (R-CH3, INTEGRATIONS §6) through an HTTP brandname gateway in the shape of
 * eSMS's `SendMultipleMessage_V4_post_json`: `{ApiKey, SecretKey, Phone, Content, Brandname,
 * SmsType: "2", IsUnicode, RequestId, CallbackUrl}` → `{CodeResult: "100", SMSID}`. `RequestId` is
 * the outbox row's dedupe key, the same on every retry, so the gateway drops a repeat. The text is
 * composed here from the message (docs/phone-adapters.md, "SMS").
 */
export function createSmsAdapter(config: Config): ChannelAdapter {
  const options = {
    diacritics: config.SMS_DIACRITICS === "on",
    maxSegments: config.SMS_MAX_SEGMENTS,
    publicUrl: config.PUBLIC_URL,
  };
  const callbackUrl = config.SMS_DLR_TOKEN
    ? `${config.PUBLIC_URL.replace(/\/+$/, "")}${SMS_DELIVERY_PATH}?token=${encodeURIComponent(config.SMS_DLR_TOKEN)}`
    : undefined;

  return {
    channel: "sms",
    async deliver(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryResult> {
      // Staff read the last error on the request: what happened, as the other channels say it. The
      // variables to set are for whoever runs the server, listed at start-up (unconfiguredChannels).
      if (!config.SMS_GATEWAY_URL || !config.SMS_API_KEY) {
        return { status: "retry", error: "Chưa cấu hình cổng SMS.", unconfigured: true };
      }
      const phone = msisdn84(message.recipient);
      if (!phone) return { status: "failed", error: "Số điện thoại nhận SMS không hợp lệ." };
      const content = composeSms(
        { kind: message.kind, code: message.requestCode, body: message.body },
        options,
      );
      const body = {
        ApiKey: config.SMS_API_KEY,
        SecretKey: config.SMS_SECRET_KEY ?? "",
        Phone: phone,
        Content: content,
        Brandname: config.SMS_SENDER,
        SmsType: "2",
        IsUnicode: options.diacritics ? "1" : "0",
        RequestId: message.dedupeKey,
        ...(callbackUrl ? { CallbackUrl: callbackUrl } : {}),
      };
      try {
        const answer = await callProvider(
          config.SMS_GATEWAY_URL,
          { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
          signal,
        );
        const code = idString(answer.json.CodeResult) ?? "";
        const detail = `SMS ${answer.status} CodeResult=${code || "?"}: ${String(answer.json.ErrorMessage ?? "").slice(0, 200)}`;
        if (answer.status === 200 && code === "100") {
          return { status: "sent", providerMessageId: idString(answer.json.SMSID) };
        }
        if (answer.status >= 500 || answer.status === 429 || code === "" || TRANSIENT_CODES.has(code)) {
          return { status: "retry", error: detail };
        }
        return { status: "failed", error: detail };
      } catch (cause) {
        return { status: "retry", error: errorText(cause) };
      }
    },
  };
}
