import { type Html, html } from "./html.js";
import { layout } from "./layout.js";
import { channels } from "./site.js";

const clock = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit",
  minute: "2-digit",
});

/** "3 phút", "45 giây": how long to wait, in words a caller reads at a glance. */
export function waitWords(seconds: number): string {
  if (seconds < 60) return `${seconds} giây`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} phút`;
  return `${Math.ceil(minutes / 60)} giờ`;
}

/**
 * The RATE_LIMITED message (API body and HTML page alike, issue 18.6): why, when to try again
 * (duration and Vietnam clock time) and the alternative that never waits — calling 1022.
 */
export function retryMessage(seconds: number, now: Date): string {
  const at = clock.format(new Date(now.getTime() + seconds * 1000));
  return `Có quá nhiều yêu cầu gửi từ cùng một địa chỉ mạng (nhiều người dùng chung mạng cơ quan hoặc nhà mạng cũng tính chung). Vui lòng thử lại sau ${waitWords(seconds)} (khoảng ${at}), hoặc gọi ${channels.hotline.number} (di động: ${channels.mobile.number}) để được hỗ trợ ngay.`;
}

/** 429 for people (issue 18.6): when to retry, and the hotline meanwhile. */
export function rateLimitedPage(seconds: number, now: Date): string {
  const at = clock.format(new Date(now.getTime() + seconds * 1000));
  return layout({
    title: "Vui lòng thử lại sau ít phút",
    body: html`<div class="card">
<h1>Vui lòng thử lại sau ${waitWords(seconds)}</h1>
<p>Hệ thống vừa nhận quá nhiều yêu cầu từ cùng một địa chỉ mạng. Nếu bạn dùng chung mạng với nhiều người (mạng cơ quan, mạng di động), lượt của người khác cũng được tính chung.</p>
<p class="notice">Bạn có thể thử lại lúc <strong id="retry-at">${at}</strong> (sau khoảng ${waitWords(seconds)}). Những gì bạn đã nhập chưa được gửi.</p>
<p>Cần hỗ trợ ngay? Gọi <a href="tel:1022">${channels.hotline.number}</a> (nội tỉnh, máy cố định) hoặc <a href="tel:${channels.mobile.tel}">${channels.mobile.number}</a> (di động, ngoại tỉnh) — 24 giờ/ngày, 7 ngày/tuần.</p>
<p><a class="btn" href="/">Về trang chủ</a></p>
</div>`,
  });
}

/** Where a citizen can go from an error page: the portal's three tasks and the hotline. */
function waysForward(): Html {
  return html`<ul>
<li><a href="/gui-yeu-cau">Gửi yêu cầu hỗ trợ, cung cấp thông tin</a></li>
<li><a href="/tra-cuu">Tra cứu yêu cầu đã gửi</a></li>
<li><a href="/hoi-dap">Xem các câu trả lời đã công khai</a></li>
</ul>
<p>Hoặc gọi <a href="tel:1022">${channels.hotline.number}</a> / <a href="tel:${channels.mobile.tel}">${channels.mobile.number}</a> — 24 giờ/ngày, 7 ngày/tuần.</p>
<p><a class="btn" href="/">Về trang chủ</a></p>`;
}

/** 404 for people (issue 18.9): a plain page with the ways forward, never the API's JSON. */
export function notFoundPage(): string {
  return layout({
    title: "Không tìm thấy trang",
    body: html`<div class="card">
<h1>Không tìm thấy trang</h1>
<p>Địa chỉ bạn mở không có trên Cổng thông tin Tổng đài 1022. Có thể đường dẫn bị gõ sai hoặc đã cũ.</p>
${waysForward()}
</div>`,
  });
}

/**
 * Any other refusal or failure of a portal page or form (a hand-edited or cut-off link, a form
 * too large, the database away, a fault): the error's own Vietnamese message on a page for people,
 * never the API's JSON (4 December 2026, twenty-fifth session).
 */
export function problemPage(status: number, message: string): string {
  const title =
    status === 503
      ? "Hệ thống đang tạm gián đoạn"
      : status >= 500
        ? "Đã có lỗi xảy ra"
        : "Không xử lý được yêu cầu";
  const hint =
    status >= 500
      ? "Vui lòng thử lại sau ít phút. Nếu cần hỗ trợ ngay, hãy gọi Tổng đài."
      : "Đường dẫn có thể đã bị cắt hoặc sửa. Vui lòng mở lại trang từ trang chủ.";
  return layout({
    title,
    body: html`<div class="card">
<h1>${title}</h1>
<p class="notice error" role="alert">${message}</p>
<p>${hint}</p>
${waysForward()}
</div>`,
  });
}
