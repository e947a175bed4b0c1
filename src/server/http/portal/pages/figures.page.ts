import type { PublicFigures } from "../../../../shared/schemas/reports.js";
import { periodTitle } from "../../../domain/report-period.js";
import { html } from "../html.js";
import { layout } from "../layout.js";

const kinds = [
  { kind: "monthly", slug: "thang", label: "Tháng trước" },
  { kind: "quarterly", slug: "quy", label: "Quý trước" },
  { kind: "yearly", slug: "nam", label: "Năm trước" },
] as const;

export type FiguresSlug = (typeof kinds)[number]["slug"];
export const figuresKindOf = (slug: string | undefined) =>
  (kinds.find((k) => k.slug === slug) ?? kinds[0]).kind;

const vnDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
/** "Tháng 5 năm 2026", "Quý I năm 2026": the period in words as a heading, not its code "2026-Q1". */
const periodHeading = (f: PublicFigures) => {
  const words = periodTitle(f);
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const percent = (rate: number) => `${(Math.round(rate * 1000) / 10).toLocaleString("vi-VN")} %`;
const rateOrNone = (rate: number | null) => (rate === null ? null : percent(rate));
type FigureRow = PublicFigures["rows"][number];
/**
 * The figures of an agency, each with its heading: the table's columns on a screen, and on a phone
 * (where six columns do not fit 390 px) the labels of the agency's card (`data-label`, portal.css).
 * `null` is «—»: too few answers or feedbacks for a rate.
 */
const columns: [label: string, value: (r: FigureRow) => string | null][] = [
  ["Đã trả lời", (r) => r.answered.toLocaleString("vi-VN")],
  ["Đúng hạn", (r) => rateOrNone(r.onTimeRate)],
  ["Lượt đánh giá", (r) => r.feedbackCount.toLocaleString("vi-VN")],
  ["Đã giải quyết", (r) => rateOrNone(r.resolvedRate)],
  [
    "Mức hài lòng",
    (r) =>
      r.ratingAvg === null ? null : `${r.ratingAvg.toLocaleString("vi-VN", { maximumFractionDigits: 2 })}/5`,
  ],
];

/**
 * Public figures (issue 19, Art. 13, 16): each agency's answers and on-time rate for the last closed
 * month, quarter or year — the frozen report's own figures, no personal data, small counts without a
 * rate. Readable without JavaScript; tabs are links.
 */
export function figuresPage(f: PublicFigures): string {
  const rated = f.rows.filter((r) => r.answered > 0 || r.feedbackCount > 0);
  return layout({
    title: "Thống kê trả lời đúng hạn theo cơ quan",
    description:
      "Số yêu cầu đã trả lời và tỷ lệ trả lời đúng hạn của từng cơ quan — Tổng đài 1022 Thanh Hóa.",
    section: "figures",
    body: html`<h1>Thống kê trả lời đúng hạn</h1>
<p>Mỗi cơ quan phải trả lời trong thời hạn của Quy chế Tổng đài 1022 (8 giờ làm việc kể từ khi nhận phiếu chuyển; 4 giờ làm việc để cập nhật kết quả sau khi đã trả lời qua điện thoại). Số liệu lấy từ báo cáo định kỳ đã chốt, không chứa thông tin cá nhân.</p>
<nav class="tabs" aria-label="Kỳ thống kê">${kinds.map(
      (k) =>
        html`<a href="/thong-ke?ky=${k.slug}"${k.kind === f.kind ? html` aria-current="page"` : ""}>${k.label}</a> `,
    )}</nav>
<h2 id="ky">${periodHeading(f)}: từ ${vnDay(f.from)} đến ${vnDay(f.to)}</h2>
${
  rated.length === 0
    ? html`<p class="card">Chưa có yêu cầu nào được chuyển cơ quan trả lời trong kỳ này.</p>`
    : html`<div class="table-wrap"><table class="stack" role="table" aria-labelledby="ky">
<thead><tr role="row"><th scope="col" role="columnheader">Cơ quan</th>${columns.map(
        ([label]) => html`<th scope="col" role="columnheader" class="num">${label}</th>`,
      )}</tr></thead>
<tbody>${rated.map(
        (r) =>
          html`<tr role="row"><th scope="row" role="rowheader">${r.agency}</th>${columns.map(
            ([label, value]) =>
              html`<td role="cell" class="num" data-label="${label}">${value(r) ?? html`<span class="muted">—</span>`}</td>`,
          )}</tr>`,
      )}</tbody>
</table></div>
<p class="muted">«—»: dưới ${f.minAnswered} yêu cầu đã trả lời hoặc bị trả lại khi đã quá hạn trong kỳ, không tính tỷ lệ đúng hạn; dưới ${f.minAnswered} lượt đánh giá, không tính tỷ lệ giải quyết và mức hài lòng. Đánh giá do người yêu cầu gửi sau khi kết quả trả lời được công khai, tính vào kỳ gửi đánh giá. Một yêu cầu tính vào kỳ nó được chuyển đến cơ quan; đúng hạn khi trả lời (qua điện thoại hoặc bằng văn bản) trong thời hạn.</p>`
}`,
  });
}
