import { describe, expect, it } from "vitest";
import { deliveryReasons } from "../../shared/delivery-reason.js";
import { webhookTargetMessages } from "../channels/webhook/webhook-target.js";
import { deliveryReason, graphReason, httpReason, smtpReason } from "./delivery-reason.js";

/** Texts as the adapters and the outbox worker store them, each with the reason staff should read. */
const stored: [string, string][] = [
  // Messenger (facebook.adapter.ts)
  ["Graph 400 code=10 subcode=2018278: (#10) This message is sent outside of allowed window.", "window"],
  ["Graph 400 code=10: (#10) This message is sent outside of allowed window.", "window"],
  ["Graph 400 code=551 subcode=1545041: This person isn't available right now.", "recipient"],
  ["Graph 400 code=100 subcode=2018001: No matching user found", "recipient"],
  ["Graph 400 code=100: (#100) Param message[text] must be non-empty.", "content"],
  ["Graph 400 code=190: Error validating access token: Session has expired", "auth"],
  ["Graph 403 code=200: (#200) The page is not authorized to send messages", "auth"],
  ["Graph 400 code=613: Calls to this api have exceeded the rate limit.", "rate"],
  ["Graph 503 code=2: Service temporarily unavailable", "provider"],
  ["Graph 502 code=?: ", "provider"],
  ["Graph 400 code=?: ", "unknown"],
  // Zalo OA (zalo.adapter.ts, zalo-token.ts)
  ["Zalo 200 error=-230: User has not interacted with the OA in the past 7 days", "window"],
  ["Zalo 200 error=-213: User has not followed OA", "window"],
  ["Zalo 200 error=-216: Access token is invalid", "auth"],
  ["Zalo 200 error=-32: Exceed rate limit", "rate"],
  ["Zalo 200 error=-211: Out of quota", "quota"],
  ["Zalo 500 error=?: ", "provider"],
  ["Zalo 200 error=-999: Something new", "unknown"],
  ["Zalo OAuth 400: invalid_grant", "auth"],
  ["Zalo OAuth 503: no access_token", "provider"],
  ["Không thể làm mới access token Zalo: thiếu refresh token, app id hoặc app secret.", "auth"],
  ["Người dân không tương tác với OA trong 7 ngày qua (cửa sổ tư vấn Zalo đã đóng).", "window"],
  ["Đã quá 24 giờ kể từ tin nhắn cuối của người dân (cửa sổ Messenger đã đóng).", "window"],
  ["Kênh Zalo đang tắt.", "config"],
  ["Kênh Facebook đang tắt.", "config"],
  ["Chưa cấu hình Page access token.", "config"],
  // SMS gateway (sms.adapter.ts)
  ["SMS 200 CodeResult=101: Authorize Failed", "auth"],
  ["SMS 200 CodeResult=103: Balance not enough", "quota"],
  ["SMS 200 CodeResult=104: Brandname not exist", "config"],
  ["SMS 200 CodeResult=99: Unknown error", "provider"],
  ["SMS 503 CodeResult=?: ", "provider"],
  ["SMS 429 CodeResult=?: ", "rate"],
  ["Số điện thoại nhận SMS không hợp lệ.", "recipient"],
  ["Chưa cấu hình cổng SMS.", "config"],
  // Email (nodemailer's messages through errorText)
  ["Error: Invalid login: 535 5.7.8 Authentication credentials invalid", "auth"],
  ["Error: Can't send mail - all recipients were rejected: 550 5.1.1 <a@b.vn>: User unknown", "recipient"],
  ["Error: Message failed: 552 5.3.4 Message size exceeds fixed limit", "content"],
  ["Error: Message failed: 554 5.7.1 Message rejected as spam", "content"],
  ["Error: Mail command failed: 421 4.7.0 Too many connections, try again later", "rate"],
  ["Error: Data command failed: 451 4.3.0 Temporary server error", "provider"],
  ["Error: connect ECONNREFUSED 127.0.0.1:2525", "network"],
  ["Error: Greeting never received", "network"],
  ["Error: Connection timeout", "network"],
  ["Chưa cấu hình máy chủ SMTP.", "config"],
  ["Kênh email đang tắt.", "config"],
  // Network around fetch (callProvider)
  ["TypeError: fetch failed", "network"],
  ["TimeoutError: The operation was aborted due to timeout", "network"],
  ["Error: getaddrinfo ENOTFOUND graph.facebook.com", "network"],
  // Webhooks (webhook.deliverer.ts)
  ["HTTP 500", "provider"],
  ["HTTP 401", "auth"],
  ["HTTP 429", "rate"],
  ["HTTP 410: bên nhận đã ngừng nhận.", "recipient"],
  ["Đăng ký webhook đã tạm dừng.", "config"],
  ["Đăng ký webhook không còn tồn tại.", "config"],
  ["hooks.example.vn trỏ tới địa chỉ nội bộ 10.0.0.5: không gửi webhook.", "config"],
  ['Không có kênh "fax".', "config"],
  // Call recordings, as the announcement (services/cti-events.ts) and the fetch
  // (channels/cti/recording-fetch.ts) store them in call_recordings.last_error.
  ["Máy chủ không nằm trong danh sách cho phép (CTI_RECORDING_HOSTS).", "config"],
  ["Máy chủ không nằm trong danh sách cho phép: evil.example:8088", "config"],
  ["Máy chủ không nằm trong danh sách cho phép: (địa chỉ không hợp lệ)", "config"],
  ["Tệp ghi âm quá lớn.", "content"],
  ["Tệp ghi âm quá lớn (70000000 byte).", "content"],
  ["Tệp ghi âm vượt quá giới hạn dung lượng.", "content"],
  ["Mã băm sha256 của tệp ghi âm không khớp.", "content"],
  ["Chuyển hướng không có địa chỉ (HTTP 302).", "provider"],
  ["Quá nhiều lần chuyển hướng.", "provider"],
  ["HTTP 404", "recipient"],
  ["HTTP 403", "auth"],
  ["HTTP 503", "provider"],
  ["HTTP 408", "provider"],
  // fetch's failure: its cause ("Error: connect …"), or the error's message (timeout, a body cut short).
  ["Error: connect ECONNREFUSED 127.0.0.1:8088", "network"],
  ["Error: getaddrinfo ENOTFOUND pbx.local", "network"],
  ["The operation was aborted due to timeout", "network"],
  ["terminated", "network"],
  // The outbox worker gave up after its retries: the reason is the last attempt's.
  ["Hết số lần thử (15): Graph 503 code=2: Service temporarily unavailable", "provider"],
  ["Hết số lần thử (15): TypeError: fetch failed", "network"],
];

describe("deliveryReason: what the stored text says", () => {
  it.each(stored)("%s → %s", (text, reason) => {
    expect(deliveryReason(text)).toBe(reason);
  });

  it("classifies the webhook target refusals as configuration", () => {
    for (const message of Object.values(webhookTargetMessages))
      expect(deliveryReason(message)).toBe("config");
  });

  it("has nothing to say about no error", () => {
    expect(deliveryReason(null)).toBeNull();
    expect(deliveryReason(undefined)).toBeNull();
    expect(deliveryReason("")).toBeNull();
  });

  it("does not take numbers in unrelated text for provider codes", () => {
    for (const text of [
      "Yêu cầu 1022-2026-000190 đã chuyển Sở Y tế, phòng 551, mã 2018278",
      "code=190 subcode=2018278",
      " Graph 400 code=190: leading space is not our shape",
      "Lỗi: 550 người dân đã gọi",
      "Số nhà 535 đường Lê Lợi",
      "error=-230",
      "HTTPS 500",
      "SMS CodeResult=101",
      "?",
      "\u0000\u0001\ud800",
      "Zalo 200 error=-2300000000000: too long a code",
    ]) {
      expect(deliveryReason(text), text).toBe("unknown");
    }
  });

  it("reads a huge text in bounded time and only its start", () => {
    const huge = `Graph 400 code=190: ${"x".repeat(1_000_000)}`;
    const started = performance.now();
    expect(deliveryReason(huge)).toBe("auth");
    // A code past the first 2,000 characters is not read.
    expect(deliveryReason(`${"a ".repeat(2_000)}ECONNREFUSED`)).toBe("unknown");
    // Patterns that could backtrack are given their worst inputs.
    expect(deliveryReason(`Can't send mail${" -".repeat(50_000)}`)).toBe("unknown");
    expect(deliveryReason(`Kênh ${"x".repeat(100_000)} đang tắt.`)).toBe("unknown");
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("answers one of the closed set for any text", () => {
    const samples = [
      "Graph 999 code=-1:",
      "Zalo 000 error=0:",
      "SMS 200 CodeResult=100:",
      "HTTP 200",
      "HTTP 302",
    ];
    for (const text of samples) expect(deliveryReasons).toContain(deliveryReason(text));
  });
});

describe("the provider tables", () => {
  it("takes the Graph subcode before the code, and the HTTP status last", () => {
    expect(graphReason(400, 10, 2018278)).toBe("window");
    expect(graphReason(400, 551, 1545041)).toBe("recipient");
    expect(graphReason(400, 100, 2018001)).toBe("recipient");
    expect(graphReason(400, 250)).toBe("auth");
    expect(graphReason(500, Number.NaN)).toBe("provider");
    expect(graphReason(400, Number.NaN)).toBe("unknown");
  });

  it("reads HTTP statuses and SMTP replies", () => {
    expect([401, 403, 404, 410, 413, 429, 500, 599, 600, 418].map(httpReason)).toEqual([
      "auth",
      "auth",
      "recipient",
      "recipient",
      "content",
      "rate",
      "provider",
      "provider",
      "unknown",
      "unknown",
    ]);
    expect(smtpReason(452, "4.2.2", "mailbox full")).toBe("recipient");
    expect(smtpReason(550, undefined, "no such user")).toBe("recipient");
    expect(smtpReason(530, undefined, "authentication required")).toBe("auth");
    expect(smtpReason(500, undefined, "syntax error")).toBe("unknown");
  });
});
