import { DATE_FILTERS, type DateFilter, type InvalidDates, SEARCH_MAX } from "../answers-filter.js";
import { formatDate, type Html, html, isoDate, paragraphs, queryString } from "../html.js";
import { layout } from "../layout.js";
import { attachmentList } from "./attachments.js";
import type { KbHit, Option, PublishedAnswer } from "./types.js";

export interface AnswersFilter {
  q?: string;
  field?: string;
  agency?: string;
  from?: string;
  to?: string;
  page: number;
}

export interface AnswersView {
  filter: AnswersFilter;
  /** Dates given that are no day of the calendar: dropped from the filter; the page says so and
   * shows each back as typed, to be corrected. */
  invalid?: InvalidDates;
  /** The search text was over the box's limit and was cut to it: the page says so at the field. */
  cut?: boolean;
  items: PublishedAnswer[];
  total: number;
  pageSize: number;
  fields: Option[];
  agencies: Option[];
  kb: KbHit[];
}

/** A short, single-line excerpt for lists. */
export function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

/** U+00A0 itself: 2 bytes on the wire where `&nbsp;` takes 6, twice an item. */
const NBSP = "\u00a0";

/**
 * One answer of a list (/hoi-dap, the home page). «Trả lời: <agency>» holds together on a phone
 * (no-break spaces): after a long field's tag the line broke between «Trả» and «lời». The agency's
 * own name still wraps where it must. The markup is repeated 20 times a page, so it says only what
 * the styles need (issue 16, thirty-seventh session): the title is the item's only direct link
 * (`.list > li > a:first-child`), the field's tag the meta line's only span (`.meta > span`), no line breaks
 * between blocks, and `datetime` the day shown (Vietnam's), not the instant.
 */
export function answerItem(a: PublishedAnswer): Html {
  return html`<li><a href="/hoi-dap/${encodeURIComponent(a.id)}">${excerpt(a.question, 160)}</a><p>${excerpt(a.answer)}</p><p class="meta">${a.fieldName ? html`<span>${a.fieldName}</span> ` : ""}${a.agency ? `Trả${NBSP}lời:${NBSP}${a.agency} · ` : ""}<time datetime="${isoDate(a.publishedAt)}">${formatDate(a.publishedAt)}</time></p></li>`;
}

function select(
  name: string,
  label: string,
  options: Option[],
  value: string | undefined,
  all: string,
): Html {
  return html`<div><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">
<option value="">${all}</option>${options.map((o) => html`<option value="${o.code}"${o.code.toLowerCase() === value?.toLowerCase() ? html` selected` : ""}>${o.name}</option>`)}
</select></div>`;
}

/**
 * A date filter as Vietnamese write dates, dd/mm/yyyy, whatever the browser's locale — a date input
 * shows the browser's (mm/dd/yyyy in an English Chromium). Text, so it works without JavaScript; the
 * server reads dd/mm/yyyy and the links' yyyy-mm-dd (answers-filter.ts). A date that is no day
 * (`typed`) is shown back as typed, so the citizen sees what to correct (thirty-fifth session).
 */
function dateField(name: DateFilter, value: string | undefined, typed: string | undefined): Html {
  const id = `f-${name}`;
  const invalid = typed !== undefined;
  return html`<div class="half"><label for="${id}">${DATE_FILTERS[name]}</label><input id="${id}" type="text" name="${name}" inputmode="numeric" autocomplete="off" maxlength="10" placeholder="dd/mm/yyyy" pattern="\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d\\d-\\d\\d" title="Ngày/tháng/năm, ví dụ 06/12/2026" value="${invalid ? typed : value ? formatDate(value) : ""}"${invalid ? html` aria-invalid="true" aria-describedby="${id}-err"` : ""}>${
    invalid
      ? html`<p class="err" id="${id}-err">Ngày không hợp lệ, đã bỏ qua. Nhập theo dạng ngày/tháng/năm, ví dụ 06/12/2026.</p>`
      : ""
  }</div>`;
}

/** Published answers (Art. 12, R-PU1): filters by field, agency and period, full-text search; no JS needed. */
export function answersPage(v: AnswersView): string {
  const f = v.filter;
  const invalid = v.invalid ?? {};
  const pages = Math.max(1, Math.ceil(v.total / v.pageSize));
  const link = (page: number) =>
    `/hoi-dap${queryString({ q: f.q, field: f.field, agency: f.agency, from: f.from, to: f.to, page: page > 1 ? page : undefined })}`;
  const filtered = Boolean(f.q || f.field || f.agency || f.from || f.to || invalid.from || invalid.to);
  return layout({
    title: "Hỏi đáp — kết quả trả lời đã công khai",
    description:
      "Kết quả trả lời yêu cầu hỗ trợ, cung cấp thông tin đã được công khai trên Tổng đài 1022 Thanh Hóa.",
    section: "answers",
    scripts: ["filters.js"],
    body: html`<h1>Hỏi đáp</h1>
<p>Kết quả trả lời đã được công khai (Điều 12 Quy chế). Cơ quan trả lời chịu trách nhiệm về tính pháp lý của nội dung trả lời.</p>
<form class="card filters" method="get" action="/hoi-dap" role="search" data-drop-empty>
<div class="full"><label for="f-q">Tìm kiếm</label><input id="f-q" type="search" name="q" value="${f.q ?? ""}" placeholder="Ví dụ: cách ly, tiêm phòng, hỗ trợ" maxlength="${SEARCH_MAX}"${
      v.cut ? html` aria-describedby="f-q-err"` : ""
    }>${
      v.cut
        ? html`<p class="err" id="f-q-err">Nội dung tìm kiếm dài quá ${SEARCH_MAX} ký tự: chỉ phần đầu (hiện trong ô) được dùng để tìm. Bạn có thể sửa lại cho ngắn gọn hơn.</p>`
        : ""
    }</div>
${select("field", "Lĩnh vực", v.fields, f.field, "Tất cả lĩnh vực")}
${select("agency", "Cơ quan trả lời", v.agencies, f.agency, "Tất cả cơ quan")}
${dateField("from", f.from, invalid.from)}
${dateField("to", f.to, invalid.to)}
<div class="full submit-row"><button class="btn" type="submit">Lọc kết quả</button>${filtered ? html` <a href="/hoi-dap">Xoá bộ lọc</a>` : ""}</div>
</form>
${v.kb.length > 0 ? kbSection(v.kb) : ""}
<h2 id="ket-qua">${filtered ? html`${v.total} kết quả phù hợp` : html`${v.total} câu trả lời đã công khai`}</h2>
${
  v.items.length > 0
    ? html`<ol class="list" aria-labelledby="ket-qua">${v.items.map(answerItem)}</ol>`
    : f.page > pages && v.total > 0
      ? // An old bookmark or a hand-edited link past the last page: the list is not empty.
        html`<p class="card">Không có trang ${f.page}: danh sách chỉ có ${pages} trang. <a href="${link(pages)}">Xem trang ${pages}</a>.</p>`
      : html`<p class="card">Chưa có câu trả lời phù hợp. Bạn có thể <a href="/gui-yeu-cau">gửi yêu cầu</a> hoặc gọi 1022.</p>`
}
${
  pages > 1 && f.page <= pages
    ? html`<nav class="pager" aria-label="Phân trang">
${f.page > 1 ? html`<a class="btn secondary" href="${link(f.page - 1)}" rel="prev">← Trang trước</a>` : html`<span></span>`}
<span class="muted">Trang ${f.page}/${pages}</span>
${f.page < pages ? html`<a class="btn secondary" href="${link(f.page + 1)}" rel="next">Trang sau →</a>` : html`<span></span>`}
</nav>`
    : ""
}`,
  });
}

function kbSection(kb: KbHit[]): Html {
  return html`<h2 id="hoi-dap-thuong-gap">Từ bộ câu hỏi thường gặp</h2>
<ul class="list" aria-labelledby="hoi-dap-thuong-gap">${kb.map(
    (k) => html`<li><h3>${k.question}</h3>
<p>${k.snippet.map((s) => (s.marked ? html`<mark>${s.text}</mark>` : s.text))}</p>${
      k.fieldName ? html`<p class="meta"><span>${k.fieldName}</span></p>` : ""
    }</li>`,
  )}</ul>`;
}

/** One published answer on its own stable URL, naming the agency legally responsible (Art. 8.2). */
export function answerPage(a: PublishedAnswer): string {
  return layout({
    title: excerpt(a.question, 70),
    description: excerpt(a.answer, 155),
    section: "answers",
    body: html`<p><a href="/hoi-dap">← Tất cả câu trả lời</a></p>
<article class="card">
<h1>${excerpt(a.question, 120)}</h1>
<dl class="facts">
${a.fieldName ? html`<dt>Lĩnh vực</dt><dd>${a.fieldName}</dd>` : ""}
<dt>Cơ quan trả lời</dt><dd>${a.agency ?? "Tổng đài 1022"}</dd>
<dt>Ngày công khai</dt><dd><time datetime="${a.publishedAt}">${formatDate(a.publishedAt)}</time></dd>
</dl>
<h2>Câu hỏi</h2>
<div class="question">${paragraphs(a.question)}</div>
<h2>Trả lời</h2>
<div class="answer">${paragraphs(a.answer)}</div>
${attachmentList(a.attachments)}
<p class="muted">${a.agency ?? "Cơ quan trả lời"} chịu trách nhiệm về tính pháp lý của kết quả trả lời (Điều 8.2 Quy chế Tổng đài 1022).</p>
</article>
<p>Chưa rõ? <a href="/gui-yeu-cau">Gửi yêu cầu mới</a> hoặc gọi <a href="tel:1022">1022</a>.</p>`,
  });
}
