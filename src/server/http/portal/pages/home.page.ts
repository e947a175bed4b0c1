import { type Html, html } from "../html.js";
import { layout } from "../layout.js";
import { channels } from "../site.js";
import { answerItem } from "./answers.page.js";
import type { Option, PublishedAnswer } from "./types.js";

export interface HomeView {
  /** The content fields of Art. 5 (R-IN2), as configured. */
  fields: Option[];
  latest: PublishedAnswer[];
  /** Issue 19: mass events on now with a banner (title, prepared answer, emergency numbers). */
  banners?: MassEventBanner[];
}

export interface MassEventBanner {
  title: string;
  answer: string;
  emergencyNumbers: readonly string[];
}

const emergencyLabels: Record<string, string> = {
  "113": "Công an",
  "114": "Cứu hoả, cứu nạn cứu hộ",
  "115": "Cấp cứu y tế",
};

/** The banner of a mass event: what everyone is asking, answered once, and who to call in danger. */
export function massEventBanner(b: MassEventBanner): Html {
  return html`<section class="card notice mass-event" role="region" aria-label="Thông báo: ${b.title}">
<h2>${b.title}</h2>
${b.answer.split(/\n+/).map((p) => html`<p>${p}</p>`)}
${
  b.emergencyNumbers.length > 0
    ? html`<p class="emergency"><strong>Khẩn cấp:</strong> ${b.emergencyNumbers.map(
        (n) => html`<a class="btn call-btn" href="tel:${n}">${n} — ${emergencyLabels[n] ?? ""}</a> `,
      )}</p>`
    : ""
}
</section>`;
}

/** What the hotline is for, every way to reach it, and a search over answers and the Q&A base. */
export function homePage(v: HomeView): string {
  return layout({
    title: "Trang chủ",
    section: "home",
    body: html`${(v.banners ?? []).map(massEventBanner)}<section class="hero">
<h1>Tổng đài 1022 Thanh Hóa</h1>
<p>Tiếp nhận, xử lý và trả lời yêu cầu hỗ trợ, cung cấp thông tin của tổ chức, cá nhân — <strong>24 giờ/ngày, 7 ngày/tuần</strong>.</p>
<form class="search" method="get" action="/hoi-dap" role="search">
<label class="sr-only" for="home-q">Tìm câu hỏi, câu trả lời</label>
<input id="home-q" type="search" name="q" placeholder="Tìm câu hỏi đã được trả lời…" maxlength="200">
<button class="btn" type="submit">Tìm</button>
</form>
<div class="actions">
<a class="btn call-btn" href="tel:${channels.mobile.tel}">Gọi ${channels.mobile.number}</a>
<a class="btn" href="/gui-yeu-cau">Gửi yêu cầu trực tuyến</a>
<a class="btn secondary" href="/tra-cuu">Tra cứu kết quả</a>
</div>
<p class="muted">Đã gọi 1022 nhưng chưa được kết nối với cơ quan? Kết quả trả lời sẽ được cập nhật tại mục <a href="/tra-cuu">Tra cứu</a> (Điều 10.2 Quy chế).</p>
</section>
<div class="grid two">
<section class="card">
<h2>Tổng đài tiếp nhận những nội dung nào?</h2>
<ul class="fields">${v.fields.map((f) => html`<li><a href="/hoi-dap?field=${encodeURIComponent(f.code)}">${f.name}</a></li>`)}</ul>
</section>
<section class="card">
<h2>Các kênh liên hệ</h2>
<ul class="channels">
<li><strong>Gọi <a href="tel:1022">1022</a></strong> — ${channels.hotline.note}</li>
<li><strong>Gọi <a href="tel:${channels.mobile.tel}">${channels.mobile.number}</a></strong> — ${channels.mobile.note}</li>
<li>Cổng thông tin: <a href="/gui-yeu-cau">${channels.portal.label}</a></li>
<li>Thư điện tử: <a href="mailto:${channels.email}">${channels.email}</a></li>
<li>Zalo: tìm “${channels.zalo.label}”</li>
<li>Facebook: <a href="${channels.facebook.url}" rel="noopener">${channels.facebook.label}</a></li>
</ul>
<p class="muted">Khi gửi yêu cầu, vui lòng dùng tiếng Việt và cho biết họ tên, địa chỉ, số điện thoại (Điều 7 Quy chế).</p>
</section>
</div>
<section>
<h2 id="moi-cong-khai">Kết quả trả lời mới công khai</h2>
${
  v.latest.length > 0
    ? html`<ol class="list" aria-labelledby="moi-cong-khai">${v.latest.map(answerItem)}</ol><p><a href="/hoi-dap">Xem tất cả câu trả lời →</a></p>`
    : html`<p class="card">Chưa có kết quả trả lời nào được công khai.</p>`
}
</section>`,
  });
}
