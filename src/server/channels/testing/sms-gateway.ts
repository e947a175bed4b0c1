import { json, listen, type ProviderMode } from "./provider-servers.js";

/** One send the gateway accepted, as it received it (eSMS `SendMultipleMessage_V4_post_json` body). */
export interface SmsSent {
  phone: string;
  content: string;
  isUnicode: string;
  brandname: string;
  requestId: string;
  callbackUrl: string | null;
  smsId: string;
}

/**
 * A protocol-level SMS brandname gateway (INTEGRATIONS §6, eSMS shape): POST JSON
 * `{ApiKey, SecretKey, Phone, Content, Brandname, SmsType, IsUnicode, RequestId, CallbackUrl}` →
 * `{CodeResult: "100", SMSID}`; wrong key → `{CodeResult: "101"}`. Like eSMS it drops a repeated
 * RequestId (answering the first SMSID) — `accepted` counts every accepted call, so a test can tell
 * a resend from a single send.
 */
export async function startFakeSmsGateway(options: { apiKey: string }) {
  const state = {
    mode: "ok" as ProviderMode,
    apiKey: options.apiKey,
    /** Messages that reached a handset: one per RequestId. */
    delivered: [] as SmsSent[],
    /** Every call the gateway answered with 100, repeats included. */
    accepted: 0,
    calls: 0,
  };
  const running = await listen((req, body, res) => {
    state.calls++;
    if (state.mode === "hang") return;
    if (state.mode === "down")
      return json(res, 503, { CodeResult: "-1", ErrorMessage: "Service Unavailable" });
    if (req.method !== "POST") return json(res, 405, {});
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return json(res, 200, { CodeResult: "99", ErrorMessage: "Invalid JSON" });
    }
    if (b.ApiKey !== state.apiKey)
      return json(res, 200, { CodeResult: "101", ErrorMessage: "Authorize Failed" });
    const phone = String(b.Phone ?? "");
    if (!/^84\d{9,10}$/.test(phone))
      return json(res, 200, { CodeResult: "118", ErrorMessage: "Phone invalid" });
    state.accepted++;
    const requestId = String(b.RequestId ?? "");
    const earlier = state.delivered.find((d) => requestId && d.requestId === requestId);
    if (earlier) return json(res, 200, { CodeResult: "100", CountRegenerate: 0, SMSID: earlier.smsId });
    const sent: SmsSent = {
      phone,
      content: String(b.Content ?? ""),
      isUnicode: String(b.IsUnicode ?? ""),
      brandname: String(b.Brandname ?? ""),
      requestId,
      callbackUrl: typeof b.CallbackUrl === "string" ? b.CallbackUrl : null,
      smsId: `sms-${state.delivered.length + 1}`,
    };
    state.delivered.push(sent);
    json(res, 200, { CodeResult: "100", CountRegenerate: 0, SMSID: sent.smsId });
  });
  return { ...running, state };
}
