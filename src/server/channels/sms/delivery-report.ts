import type { DeliveryReport } from "../../db/repositories/outbox-delivery.repository.js";
import { asRecord, idString, parseProviderJson } from "../provider-json.js";

/** Gateway words for a final delivery state (eSMS/Kannel/SMPP style); anything else is not final. */
const finalStates: Record<string, DeliveryReport["status"]> = {
  delivered: "delivered",
  delivrd: "delivered",
  success: "delivered",
  failed: "failed",
  undeliv: "failed",
  undelivered: "failed",
  rejectd: "failed",
  rejected: "failed",
  expired: "expired",
};

function reportOf(item: Record<string, unknown>): DeliveryReport | null {
  const raw = idString(item.status ?? item.Status ?? item.SendStatus) ?? "";
  const status = finalStates[raw.toLowerCase()];
  if (!status) return null;
  const providerMessageId = idString(item.SMSID ?? item.smsId ?? item.MessageId ?? item.messageId);
  const requestId = idString(item.RequestId ?? item.requestId);
  if (!providerMessageId && !requestId) return null;
  const error = item.error ?? item.ErrorMessage ?? item.errorMessage;
  return { providerMessageId, requestId, status, error: typeof error === "string" ? error : null };
}

/**
 * A delivery-report call from the SMS gateway (docs/phone-adapters.md): JSON, one report or an
 * array of them, or a form (`SMSID=…&status=…`). Reports that are not final ("sent", "accepted")
 * and items that name no message are skipped; null when the body is neither JSON nor a form.
 */
export function parseDeliveryReports(raw: Buffer, contentType: string): DeliveryReport[] | null {
  if (contentType.includes("application/x-www-form-urlencoded")) {
    const form = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
    const one = reportOf(form);
    return one ? [one] : [];
  }
  const text = raw.toString("utf8").trim();
  if (text.startsWith("[")) {
    try {
      const list: unknown = JSON.parse(text);
      if (!Array.isArray(list)) return null;
      return list.slice(0, 1000).flatMap((item) => reportOf(asRecord(item)) ?? []);
    } catch {
      return null;
    }
  }
  const body = parseProviderJson(raw);
  if (!body) return null;
  const one = reportOf(body);
  return one ? [one] : [];
}
