/**
 * Why a delivery failed, as one stable code (src/shared/delivery-reason.ts), read from the text the
 * outbox stores as `last_error`. The adapters write that text in a few fixed shapes
 * (`Graph 400 code=10 subcode=2018278: …`, `Zalo 200 error=-230: …`, `SMS 200 CodeResult=101: …`,
 * `HTTP 503`, the SMTP server's reply inside nodemailer's message, a network error's name, or one
 * of their own Vietnamese sentences), so the code is derived when the row is presented — rows
 * stored before this module are classified too, and no column is added. A call recording that could
 * not be fetched (`call_recordings.last_error`, written by channels/cti/recording-fetch.ts and at the
 * announcement by services/cti-events.ts) is read by the same function: its texts are `HTTP <status>`,
 * a network error, or its own sentences below. The provider code tables
 * below are also what the chat adapters decide "undeliverable" by (graphCodeReason,
 * zaloCodeReason): one table per provider, read in both places.
 */
import type { DeliveryReason } from "../../shared/delivery-reason.js";

/**
 * Messenger Send API (Graph) error codes. 10 + 2018278 is the closed 24-hour window
 * (../shared/spec/INTEGRATIONS.md §1); 551 / 1545041 "this person isn't available right now"
 * (blocked the page, deactivated); 100 + 2018001 "no matching user"; 190 an invalid or expired
 * token, 102 an expired session, 200–299 a missing permission (pages_messaging); 4, 17, 32, 613
 * the rate limits; 1, 2 Graph's own temporary failures; 100 otherwise an invalid parameter.
 */
const graphSubcodes = new Map<number, DeliveryReason>([
  [2018278, "window"],
  [2018108, "window"],
  [1545041, "recipient"],
  [2018001, "recipient"],
]);
const graphCodes = new Map<number, DeliveryReason>([
  [10, "window"],
  [551, "recipient"],
  [190, "auth"],
  [102, "auth"],
  [4, "rate"],
  [17, "rate"],
  [32, "rate"],
  [613, "rate"],
  [1, "provider"],
  [2, "provider"],
  [100, "content"],
]);

/** What Graph's own codes say, the subcode first (it is the finer one); undefined when they say nothing. */
export function graphCodeReason(code: number, subcode?: number): DeliveryReason | undefined {
  const bySubcode = subcode === undefined ? undefined : graphSubcodes.get(subcode);
  return bySubcode ?? graphCodes.get(code) ?? (code >= 200 && code <= 299 ? "auth" : undefined);
}

export function graphReason(status: number, code: number, subcode?: number): DeliveryReason {
  return graphCodeReason(code, subcode) ?? httpReason(status);
}

/**
 * Zalo OA API `error` values: -230 no interaction for 7 days, -213 not a follower, -201 also seen
 * for the no-interaction case (INTEGRATIONS §2.5, the adapter treats all three as the window);
 * -216 invalid or expired access token (§2.4, refreshed once before this is stored), -124 the
 * same from the OAuth side; -32 the rate limit; -211 the OA's message quota spent.
 */
const zaloCodes = new Map<number, DeliveryReason>([
  [-230, "window"],
  [-213, "window"],
  [-201, "window"],
  [-216, "auth"],
  [-124, "auth"],
  [-32, "rate"],
  [-211, "quota"],
]);

export function zaloCodeReason(code: number): DeliveryReason | undefined {
  return zaloCodes.get(code);
}

export function zaloReason(status: number, code: number): DeliveryReason {
  return zaloCodeReason(code) ?? httpReason(status);
}

/**
 * eSMS-shaped gateway `CodeResult` (INTEGRATIONS §6): 99 the gateway's unknown error, 101 key or
 * secret refused, 102 account locked, 103 balance spent, 104 brandname not registered, 118/119 an
 * SMS type the account may not send, 131 message too long, 146 text outside the registered template.
 */
const smsCodes = new Map<string, DeliveryReason>([
  ["99", "provider"],
  ["101", "auth"],
  ["102", "auth"],
  ["103", "quota"],
  ["104", "config"],
  ["118", "config"],
  ["119", "config"],
  ["131", "content"],
  ["146", "content"],
]);

export function smsGatewayReason(status: number, code: string): DeliveryReason {
  return smsCodes.get(code) ?? httpReason(status);
}

/** An HTTP status alone (webhook receivers, a provider answering without its own code). */
export function httpReason(status: number): DeliveryReason {
  if (status === 401 || status === 403) return "auth";
  if (status === 429) return "rate";
  if (status === 408) return "provider";
  if (status === 404 || status === 410) return "recipient";
  if (status === 413 || status === 422) return "content";
  if (status >= 500 && status <= 599) return "provider";
  return "unknown";
}

/**
 * An SMTP reply (RFC 5321 code, RFC 3463 enhanced status when given). Permanent recipient trouble
 * is 5.1.x (unknown user, bad domain, bad address) or 5.2.2 (mailbox full); 5.7.x without a login
 * reply is a policy refusal of the message; 4xx is the server's temporary trouble, or a throttle.
 */
export function smtpReason(reply: number, enhanced: string | undefined, text: string): DeliveryReason {
  if (reply === 530 || reply === 534 || reply === 535 || enhanced === "5.7.8") return "auth";
  if (/too many|rate limit|try again later|throttl/i.test(text) || enhanced?.startsWith("4.7."))
    return "rate";
  if (enhanced?.startsWith("5.1.") || enhanced === "5.2.2" || enhanced === "4.2.2") return "recipient";
  if (reply === 552 || enhanced === "5.3.4" || enhanced?.startsWith("5.6.")) return "content";
  if (enhanced?.startsWith("5.7.") || reply === 554) return "content";
  if (reply === 550 || reply === 551 || reply === 553) return "recipient";
  if (reply === 452 && enhanced === undefined) return "provider";
  if (reply >= 400 && reply < 500) return "provider";
  return "unknown";
}

/** The outbox worker's prefix when a retried delivery gave up (outbox.worker.ts). */
const GAVE_UP = /^Hết số lần thử \(\d{1,6}\): /;
const GRAPH = /^Graph (\d{3}) code=(-?\d{1,9}|\?)(?: subcode=(\d{1,12}))?:/;
const ZALO = /^Zalo (\d{3}) error=(-?\d{1,9}|\?):/;
const ZALO_OAUTH = /^Zalo OAuth (\d{3}):/;
const SMS = /^SMS (\d{3}) CodeResult=([0-9A-Za-z]{1,12}|\?):/;
const HTTP = /^HTTP (\d{3})\b/;
/** nodemailer's words before the server's reply, or an enhanced status code: this is a mail error. */
const SMTP =
  /(?:Invalid login|recipients were rejected|Message failed|Mail command failed|Data command failed|Can't send mail|Sender address rejected|Recipient command failed)[^:]{0,40}: ([245]\d\d)(?:[ -]([245]\.\d{1,3}\.\d{1,3}))?/;
const SMTP_ENHANCED = /\b([245]\d\d)[ -]([45]\.\d{1,3}\.\d{1,3})\b/;
/** Node's fetch gives a timeout as "The operation was aborted due to timeout", a body cut short as "terminated". */
const NETWORK =
  /\b(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|ESOCKET|ECONNECTION|EDNS)\b|fetch failed|^(?:TimeoutError|AbortError)\b|socket hang up|Greeting never received|Connection (?:timeout|closed)|timed out|aborted due to timeout|^terminated$/i;

/** Our own sentences (the adapters' and the worker's), matched on their stable words. */
const ownSentences: [RegExp, DeliveryReason][] = [
  [/^Chưa cấu hình /, "config"],
  [/^Kênh [^ ]{1,20} đang tắt\./, "config"],
  [/^Không có kênh /, "config"],
  [/^Đăng ký webhook /, "config"],
  [/^Địa chỉ webhook |trỏ tới địa chỉ nội bộ /, "config"],
  [/cửa sổ [^()]{0,40}đã đóng/, "window"],
  [/^Số điện thoại [^.]{0,40}không hợp lệ/, "recipient"],
  [/^HTTP 410: /, "recipient"],
  [/^(?:ZaloTokenError: )?Không thể làm mới access token/, "auth"],
  // A call recording: its host is not on the allowlist, the file is too big or not the one announced,
  // the recording host redirected nowhere or in circles.
  [/^Máy chủ không nằm trong danh sách cho phép/, "config"],
  [/^Tệp ghi âm (?:quá lớn|vượt quá giới hạn)/, "content"],
  [/^Mã băm sha256 của tệp ghi âm không khớp/, "content"],
  [/^(?:Chuyển hướng không có địa chỉ|Quá nhiều lần chuyển hướng)/, "provider"],
];

const int = (digits: string | undefined): number => (digits && digits !== "?" ? Number(digits) : Number.NaN);

/**
 * The reason of a stored delivery error; null when there is none. Only the text's start (where
 * every shape above begins) and its first 2,000 characters are read, so a long provider text costs
 * nothing and a number elsewhere in it (a request code, an address) is never taken for a code.
 */
export function deliveryReason(stored: string | null | undefined): DeliveryReason | null {
  if (!stored) return null;
  const text = stored.slice(0, 2000).replace(GAVE_UP, "");
  const graph = GRAPH.exec(text);
  if (graph) return graphReason(int(graph[1]), int(graph[2]), graph[3] ? int(graph[3]) : undefined);
  const zalo = ZALO.exec(text);
  if (zalo) return zaloReason(int(zalo[1]), int(zalo[2]));
  const oauth = ZALO_OAUTH.exec(text);
  if (oauth) {
    const byStatus = httpReason(int(oauth[1]));
    return byStatus === "provider" || byStatus === "rate" ? byStatus : "auth";
  }
  const sms = SMS.exec(text);
  if (sms) return smsGatewayReason(int(sms[1]), sms[2] ?? "");
  for (const [pattern, reason] of ownSentences) if (pattern.test(text)) return reason;
  const http = HTTP.exec(text);
  if (http) return httpReason(int(http[1]));
  const smtp = SMTP.exec(text) ?? SMTP_ENHANCED.exec(text);
  if (smtp) return smtpReason(int(smtp[1]), smtp[2], text);
  if (NETWORK.test(text)) return "network";
  return "unknown";
}
