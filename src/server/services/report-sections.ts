import type ExcelJS from "exceljs";
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { massEventEnd } from "../../shared/schemas/mass-events.js";
import {
  agenciesApart,
  type ReportData,
  type ReportMassEvent,
  type SummaryRow,
} from "../../shared/schemas/reports.js";

/**
 * The periodic report's sections added by issue 19, for both renderers (report-render.ts): the
 * requesters' satisfaction per agency, field and channel (the figures of `/reports/summary`), and
 * the mass events of the period with the requests linked and answered with the prepared text.
 */

export const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1).replace(".", ",")}%`);
const rating = (r: number | null) => (r === null ? "—" : r.toFixed(2).replace(".", ","));
const dm = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Rows in the order shown: named groups first, the catch-all ("-": no agency, no field) last. */
export const ordered = (rows: SummaryRow[]) => [
  ...rows.filter((r) => r.key !== "-"),
  ...rows.filter((r) => r.key === "-"),
];

const satisfactionColumns: { head: string; value: (r: SummaryRow) => string | number }[] = [
  { head: "Ý kiến đánh giá", value: (r) => r.feedbackCount },
  { head: "Đã giải quyết", value: (r) => r.feedbackResolved },
  { head: "Chưa giải quyết", value: (r) => r.feedbackCount - r.feedbackResolved },
  { head: "Tỷ lệ đã giải quyết", value: (r) => pct(r.resolvedRate) },
  { head: "Mức hài lòng trung bình (1–5)", value: (r) => rating(r.ratingAvg) },
];

const massEventColumns: { head: string; value: (e: ReportMassEvent) => string | number }[] = [
  { head: "Từ ngày", value: (e) => dm(e.startsAt) },
  {
    head: "Đến ngày",
    value: (e) => dm(massEventEnd(e)),
  },
  { head: "Yêu cầu gắn với sự kiện", value: (e) => e.linked },
  { head: "Trả lời bằng câu trả lời soạn sẵn", value: (e) => e.answered },
];

/**
 * The satisfaction's groups: agencies only in the agencies' group (thirty-sixth session, as the on-time
 * tables); the requests never forwarded, if rated, apart (`notForwarded`), never listed as an agency.
 */
const groups = (data: ReportData) => {
  const { agencies, notForwarded } = agenciesApart(data.byAgency);
  const list: [string, SummaryRow[]][] = [
    ["Cơ quan", agencies],
    ["Lĩnh vực", data.byField],
    ["Kênh tiếp nhận", data.byChannel],
  ];
  return { list, notForwarded: notForwarded && notForwarded.feedbackCount > 0 ? notForwarded : undefined };
};

/** The lines the summary sheet adds for the requesters' satisfaction. */
export function satisfactionTotals(t: SummaryRow): [string, number | string][] {
  return [
    ["Ý kiến đánh giá của người yêu cầu (sau khi công khai trả lời)", t.feedbackCount],
    ["— trong đó cho biết đã được giải quyết", t.feedbackResolved],
    ["— trong đó cho biết chưa được giải quyết", t.feedbackCount - t.feedbackResolved],
    ["Tỷ lệ đã giải quyết", pct(t.resolvedRate)],
    ["Mức hài lòng trung bình (1–5)", rating(t.ratingAvg)],
  ];
}

/**
 * Thirty-fifth session: the requests never forwarded to an agency (the "-" row by agency), shown
 * after the agencies' table and outside it — the on-time ranking holds agencies only.
 */
const NOT_FORWARDED = "Yêu cầu không chuyển cơ quan nào (tổng đài trả lời, từ chối hoặc chờ chuyển)";
export const NOT_FORWARDED_TITLE = `${NOT_FORWARDED} — không xếp hạng đúng hạn`;

export function notForwardedLines(r: SummaryRow): [string, number][] {
  return [
    ["Tiếp nhận", r.received],
    ["Tổng đài viên trả lời từ cơ sở dữ liệu hỏi đáp", r.answeredByOperator],
    ["Từ chối tiếp nhận", r.refused],
    ["Chuyển cơ quan điều phối", r.escalated],
  ];
}

export const notForwardedText = (r: SummaryRow) =>
  `Ngoài các cơ quan, đơn vị trên, ${r.received} yêu cầu không chuyển cơ quan nào (không tính vào tỷ lệ đúng hạn của cơ quan): tổng đài viên trả lời từ cơ sở dữ liệu hỏi đáp ${r.answeredByOperator}, từ chối tiếp nhận ${r.refused}, chuyển cơ quan điều phối ${r.escalated}; còn lại chờ chuyển hoặc đang xử lý tại Tổng đài.`;

/** The rated requests never forwarded, after the agencies' satisfaction table (PDF). */
const notForwardedSatisfaction = (r: SummaryRow) =>
  `Yêu cầu không chuyển cơ quan nào (tổng đài trả lời, không tính là cơ quan): ${r.feedbackCount} ý kiến đánh giá, ${r.feedbackResolved} ý kiến cho biết đã được giải quyết, ${r.feedbackCount - r.feedbackResolved} ý kiến cho biết chưa được giải quyết (tỷ lệ đã giải quyết ${pct(r.resolvedRate)}); mức hài lòng trung bình ${rating(r.ratingAvg)}/5.`;

// ---------------------------------------------------------------- XLSX

/** Sheets "Mức hài lòng" (each group's rows that have feedback) and "Sự kiện diện rộng". */
export function addXlsxSections(wb: ExcelJS.Workbook, data: ReportData): void {
  const satisfaction = wb.addWorksheet("Mức hài lòng");
  satisfaction.addRow(["Nhóm", "Tên", ...satisfactionColumns.map((c) => c.head)]).font = { bold: true };
  const { list, notForwarded } = groups(data);
  for (const [group, rows] of list) {
    for (const r of ordered(rows).filter((x) => x.feedbackCount > 0))
      satisfaction.addRow([group, r.label, ...satisfactionColumns.map((c) => c.value(r))]);
  }
  if (notForwarded) {
    satisfaction.addRow([]);
    satisfaction.addRow(["", NOT_FORWARDED, ...satisfactionColumns.map((c) => c.value(notForwarded))]);
  }
  satisfaction.getColumn(2).width = 48;
  satisfaction.views = [{ state: "frozen", ySplit: 1 }];

  if (!data.massEvents) return;
  const events = wb.addWorksheet("Sự kiện diện rộng");
  events.addRow(["Sự kiện", ...massEventColumns.map((c) => c.head)]).font = { bold: true };
  for (const e of data.massEvents) events.addRow([e.title, ...massEventColumns.map((c) => c.value(e))]);
  events.getColumn(1).width = 48;
  for (let i = 2; i <= massEventColumns.length + 1; i++) events.getColumn(i).width = 16;
  events.views = [{ state: "frozen", ySplit: 1 }];
}

// ---------------------------------------------------------------- PDF

const cell = (
  text: string | number,
  opts: Partial<{ bold: boolean; alignment: "left" | "center" | "right" }> = {},
) => ({ text: String(text), ...opts }) as TableCell;

/** A numbered table in the report's style: TT, a name column, then figures aligned right. */
export function pdfTable(
  head: string,
  figureHeads: string[],
  rows: [string, (string | number)[]][],
): Content {
  const body: TableCell[][] = [
    [
      cell("TT", { bold: true, alignment: "center" }),
      cell(head, { bold: true, alignment: "center" }),
      ...figureHeads.map((h) => cell(h, { bold: true, alignment: "center" })),
    ],
    ...rows.map(([label, values], i) => [
      cell(i + 1, { alignment: "center" }),
      cell(label),
      ...values.map((v) => cell(v, { alignment: "right" })),
    ]),
  ];
  if (rows.length === 0)
    body.push([{ text: "Không có số liệu.", colSpan: 2 + figureHeads.length, italics: true }]);
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      widths: [14, "*", ...figureHeads.map(() => (figureHeads.length > 6 ? 34 : 52))],
      body,
      dontBreakRows: true,
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingLeft: () => 2,
      paddingRight: () => 2,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    fontSize: 8,
    lineHeight: 1.05,
    margin: [0, 4, 0, 10],
  };
}

/** A numbered heading of the PDF report (I., II., …) and a sub-heading kept with the table it heads. */
export const heading = (text: string): Content => ({ text, bold: true, margin: [0, 6, 0, 4] });
export const subheading = (text: string): Content => ({
  text,
  bold: true,
  italics: true,
  margin: [0, 4, 0, 0],
  headlineLevel: 1,
});

/** Sections III (satisfaction) and IV (mass events; left out of reports frozen before them). */
export function pdfSections(data: ReportData, p: (text: string) => Content): Content[] {
  const t = data.total;
  const out: Content[] = [
    heading("III. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI YÊU CẦU"),
    p(
      t.feedbackCount > 0
        ? `Sau khi kết quả trả lời được công khai, người yêu cầu gửi ${t.feedbackCount} ý kiến đánh giá: ${t.feedbackResolved} ý kiến cho biết đã được giải quyết, ${t.feedbackCount - t.feedbackResolved} ý kiến cho biết chưa được giải quyết (tỷ lệ đã giải quyết ${pct(t.resolvedRate)}); mức hài lòng trung bình ${rating(t.ratingAvg)}/5.`
        : "Trong kỳ chưa có ý kiến đánh giá của người yêu cầu.",
    ),
  ];
  let n = 0;
  const { list, notForwarded } = groups(data);
  for (const [group, rows] of list) {
    const rated = ordered(rows).filter((r) => r.feedbackCount > 0);
    const apart = group === "Cơ quan" ? notForwarded : undefined;
    if (rated.length > 0 || apart) out.push(subheading(`${++n}. Theo ${group.toLowerCase()}`));
    if (rated.length > 0)
      out.push(
        pdfTable(
          group,
          satisfactionColumns.map((c) => c.head),
          rated.map((r) => [r.label, satisfactionColumns.map((c) => c.value(r))]),
        ),
      );
    if (apart) out.push(p(notForwardedSatisfaction(apart)));
  }
  const events = data.massEvents;
  if (!events) return out;
  const linked = events.reduce((n, e) => n + e.linked, 0);
  const answered = events.reduce((n, e) => n + e.answered, 0);
  out.push(
    heading("IV. SỰ KIỆN DIỆN RỘNG"),
    p(
      events.length > 0
        ? `Trong kỳ có ${events.length} sự kiện diện rộng được khai báo; ${linked} yêu cầu được gắn với các sự kiện, trong đó ${answered} yêu cầu được trả lời ngay bằng câu trả lời soạn sẵn.`
        : "Trong kỳ không có sự kiện diện rộng.",
    ),
  );
  if (events.length > 0)
    out.push(
      pdfTable(
        "Sự kiện",
        massEventColumns.map((c) => c.head),
        events.map((e) => [e.title, massEventColumns.map((c) => c.value(e))]),
      ),
    );
  return out;
}
