import { assetUrl } from "./assets.js";
import { type Html, type HtmlValue, html } from "./html.js";
import { channels, siteName } from "./site.js";

export type Section = "home" | "submit" | "follow" | "answers" | "figures";

export interface Page {
  title: string;
  description?: string;
  section?: Section;
  body: HtmlValue;
  /** Progressive-enhancement scripts from /assets (deferred; pages work for reading without them). */
  scripts?: string[];
}

const nav: { section: Section; href: string; label: string }[] = [
  { section: "home", href: "/", label: "Trang chủ" },
  { section: "submit", href: "/gui-yeu-cau", label: "Gửi yêu cầu" },
  { section: "follow", href: "/tra-cuu", label: "Tra cứu" },
  { section: "answers", href: "/hoi-dap", label: "Hỏi đáp" },
  { section: "figures", href: "/thong-ke", label: "Thống kê" },
];

/** The shell of every portal page: small, server-rendered, readable without JavaScript. */
export function layout(page: Page): string {
  const title = page.section === "home" ? siteName : `${page.title} — ${siteName}`;
  return `<!doctype html>${html`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${page.description ?? "Tiếp nhận, xử lý và trả lời yêu cầu hỗ trợ, cung cấp thông tin của tổ chức, cá nhân — 24 giờ/ngày, 7 ngày/tuần."}">
<meta name="theme-color" content="#0a4a8c">
<link rel="icon" href="${assetUrl("favicon.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl("portal.css")}">
${(page.scripts ?? []).map((s) => html`<script src="${assetUrl(s)}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="top">
<div class="wrap top-row">
<a class="brand" href="/"><span class="brand-num" aria-hidden="true">1022</span><span>Tổng đài 1022<small>Tỉnh Thanh Hóa</small></span></a>
<a class="call" href="tel:${channels.mobile.tel}">Gọi ${channels.mobile.number}</a>
</div>
<nav class="wrap nav" aria-label="Mục chính"><ul>${nav.map(
    (n) =>
      html`<li><a href="${n.href}"${page.section === n.section ? html` aria-current="page"` : ""}>${n.label}</a></li>`,
  )}</ul></nav>
</header>
<main id="main" class="wrap">
${page.body}
</main>
${footer()}
</body>
</html>`}`;
}

function footer(): Html {
  return html`<footer class="foot">
<div class="wrap">
<h2>Liên hệ Tổng đài 1022 — 24 giờ/ngày, 7 ngày/tuần</h2>
<ul class="channels">
<li>Điện thoại cố định nội tỉnh: <a href="tel:1022">${channels.hotline.number}</a></li>
<li>Di động, ngoại tỉnh: <a href="tel:${channels.mobile.tel}">${channels.mobile.number}</a></li>
<li>Thư điện tử: <a href="mailto:${channels.email}">${channels.email}</a></li>
<li>Zalo: tìm “${channels.zalo.label}”</li>
<li>Facebook: <a href="${channels.facebook.url}" rel="noopener">${channels.facebook.label}</a></li>
</ul>
<p class="muted">Cơ quan trả lời chịu trách nhiệm về tính pháp lý của kết quả trả lời (Điều 8 Quy chế Tổng đài 1022).</p>
</div>
</footer>`;
}

/** A page-level error for the portal (404 and friends), in plain words. */
export function errorPage(title: string, message: string): string {
  return layout({
    title,
    body: html`<h1>${title}</h1><p>${message}</p><p><a class="btn" href="/">Về trang chủ</a></p>`,
  });
}
