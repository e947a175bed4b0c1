import { createRequire } from "node:module";
import path from "node:path";
import ExcelJS from "exceljs";
import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { agenciesApart, type SummaryRow } from "../../shared/schemas/reports.js";
import type { Config } from "../config.js";
import { periodTitle } from "../domain/report-period.js";
import type { ReportData } from "./report.service.js";
import {
  addXlsxSections,
  heading,
  NOT_FORWARDED_TITLE,
  notForwardedLines,
  notForwardedText,
  ordered,
  pct,
  pdfSections,
  pdfTable,
  satisfactionTotals,
  subheading,
} from "./report-sections.js";

/**
 * Periodic reports rendered from their stored figures only (a frozen report renders the same every
 * time): XLSX with exceljs, PDF with pdfmake in the administrative layout of Decree 30/2020/NĐ-CP
 * (issuing body, national motto, number and date, title, body, recipients, signature block).
 * Font: DejaVu Serif from the dejavu-fonts-ttf package — one full TTF with every Vietnamese glyph,
 * so no system font is assumed and no subset misses a character.
 */
const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const font = (file: string) => path.join(fontDir, file);

let fontsReady = false;
function ensureFonts(): void {
  if (fontsReady) return;
  pdfmake.setFonts({
    Serif: {
      normal: font("DejaVuSerif.ttf"),
      bold: font("DejaVuSerif-Bold.ttf"),
      italics: font("DejaVuSerif-Italic.ttf"),
      bolditalics: font("DejaVuSerif-BoldItalic.ttf"),
    },
  });
  // Nothing else is read while rendering: the font files only, never the network.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
  fontsReady = true;
}

const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
/** When the figures were computed, as Vietnamese writes it: «22:58 ngày 06/12/2026» (Vietnam time). */
const madeAt = (generatedAt: string) => `${generatedAt.slice(11, 16)} ngày ${dmy(generatedAt.slice(0, 10))}`;
const hrs = (h: number | null) => (h === null ? "—" : h.toFixed(1).replace(".", ","));

/** The figures' columns, as both renderers show them. */
const columns: { head: string; value: (r: SummaryRow) => string | number }[] = [
  { head: "Tiếp nhận", value: (r) => r.received },
  { head: "Phiếu chuyển", value: (r) => r.forwarded },
  { head: "Đã trả lời", value: (r) => r.answered },
  { head: "Đúng hạn", value: (r) => r.onTime },
  { head: "Trễ hạn", value: (r) => r.late },
  { head: "Quá hạn chưa trả lời", value: (r) => r.openOverdue },
  { head: "Trả lại quá hạn", value: (r) => r.returnedLate },
  { head: "Tỷ lệ đúng hạn", value: (r) => pct(r.onTimeRate) },
  { head: "Trung vị (giờ)", value: (r) => hrs(r.medianHours) },
];

// ---------------------------------------------------------------- XLSX

export async function renderXlsx(data: ReportData, config: Config, frozen: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Tổng đài 1022";
  wb.created = new Date(data.generatedAt);
  const title = `Báo cáo tình hình tiếp nhận, trả lời yêu cầu qua Tổng đài 1022 ${periodTitle(data)}`;

  const sheet = wb.addWorksheet("Tổng hợp");
  sheet.addRow([config.REPORT_ISSUER]).font = { bold: true };
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([
    `Từ ngày ${dmy(data.from)} đến ngày ${dmy(data.to)}${data.agency ? ` — ${data.agency.name}` : ""}`,
  ]);
  sheet.addRow([
    frozen
      ? `Số liệu chốt lúc ${madeAt(data.generatedAt)} (không thay đổi)`
      : `Số liệu tạm tính lúc ${madeAt(data.generatedAt)}, kỳ báo cáo chưa kết thúc`,
  ]);
  sheet.addRow([]);
  const t = data.total;
  const totals: [string, number | string][] = [
    ["Yêu cầu tiếp nhận", t.received],
    ["Tổng đài viên trả lời từ cơ sở dữ liệu hỏi đáp", t.answeredByOperator],
    ["Yêu cầu qua Zalo, Facebook, email được gợi ý câu trả lời hỏi đáp ngay khi tiếp nhận", t.suggested],
    ["— trong đó người hỏi vẫn cần cán bộ (nhắn lại hoặc được xử lý tiếp)", t.suggestedThenOperator],
    ["Chuyển cơ quan (phiếu chuyển)", t.forwarded],
    ["Từ chối tiếp nhận", t.refused],
    ["Chuyển cơ quan điều phối", t.escalated],
    ["Cơ quan trả lại cơ quan điều phối", t.returned],
    ["Đã trả lời", t.answered],
    ["Trả lời đúng hạn", t.onTime],
    ["Trả lời trễ hạn", t.late],
    ["Quá hạn chưa trả lời", t.openOverdue],
    ["Trả lại quá hạn (phiếu đóng khi đã quá hạn mà chưa trả lời)", t.returnedLate],
    ["Tỷ lệ đúng hạn", pct(t.onTimeRate)],
    ["Thời gian xử lý trung vị (giờ làm việc)", hrs(t.medianHours)],
    ["Thời gian xử lý phân vị 90 (giờ làm việc)", hrs(t.p90Hours)],
    ["Cập nhật tiến độ", t.progressUpdates],
    ["Lỡ hẹn trả lời", t.missedAppointments],
    ["Đã công khai", t.published],
    ...satisfactionTotals(t),
  ];
  for (const [k, v] of totals) sheet.addRow([k, v]);
  sheet.getColumn(1).width = 48;
  sheet.getColumn(2).width = 14;

  const table = (name: string, head: string, rows: SummaryRow[], notForwarded?: SummaryRow) => {
    const ws = wb.addWorksheet(name);
    const header = ws.addRow([head, ...columns.map((c) => c.head), "Phân vị 90 (giờ)", "Đã công khai"]);
    header.font = { bold: true };
    for (const r of ordered(rows)) {
      ws.addRow([r.label, ...columns.map((c) => c.value(r)), hrs(r.p90Hours), r.published]);
    }
    ws.getColumn(1).width = 48;
    for (let i = 2; i <= columns.length + 3; i++) ws.getColumn(i).width = 14;
    ws.views = [{ state: "frozen", ySplit: 1 }];
    if (!notForwarded) return;
    ws.addRow([]);
    ws.addRow([NOT_FORWARDED_TITLE]).font = { bold: true };
    for (const line of notForwardedLines(notForwarded)) ws.addRow(line);
  };
  const byAgency = agenciesApart(data.byAgency);
  table("Theo cơ quan", "Cơ quan", byAgency.agencies, byAgency.notForwarded);
  if (data.byField.length) table("Theo lĩnh vực", "Lĩnh vực", data.byField);
  if (data.byChannel.length) table("Theo kênh", "Kênh tiếp nhận", data.byChannel);
  addXlsxSections(wb, data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- PDF

function figuresTable(head: string, rows: SummaryRow[]): Content {
  return pdfTable(
    head,
    columns.map((c) => c.head),
    ordered(rows).map((r) => [r.label, columns.map((c) => c.value(r))]),
  );
}

export async function renderPdf(data: ReportData, config: Config, frozen: boolean): Promise<Buffer> {
  ensureFonts();
  const made = data.generatedAt.slice(0, 10);
  const t = data.total;
  const byAgency = agenciesApart(data.byAgency);
  const scope = data.agency ? ` của ${data.agency.name}` : "";
  const line = (width: number) =>
    ({
      canvas: [{ type: "line", x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }],
      alignment: "center",
    }) as Content;
  const p = (text: string | Content[], extra: Record<string, unknown> = {}): Content =>
    ({ text, alignment: "justify", margin: [0, 0, 0, 5], leadingIndent: 28, ...extra }) as Content;

  const doc: TDocumentDefinitions = {
    pageSize: "A4",
    // Decree 30, Annex I: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    pageMargins: [85, 57, 50, 57],
    defaultStyle: { font: "Serif", fontSize: 12, lineHeight: 1.15 },
    info: {
      title: `Báo cáo Tổng đài 1022 ${periodTitle(data)}`,
      author: config.REPORT_ISSUER,
      creator: "Tổng đài 1022",
    },
    // A table heading never ends a page alone.
    // (what follows on the page is at most the table's header row: fewer than two rows of cells)
    pageBreakBefore: (node, rest) =>
      node.headlineLevel === 1 && rest.getFollowingNodesOnPage().length < 2 * (columns.length + 2) + 2,
    footer: (page, pages) =>
      pages > 1 && page > 1
        ? { text: String(page), alignment: "center", fontSize: 11, margin: [0, 20, 0, 0] }
        : null,
    content: [
      {
        columns: [
          {
            width: 190,
            stack: [
              { text: config.REPORT_PARENT.toUpperCase(), fontSize: 10.5, alignment: "center" },
              { text: config.REPORT_ISSUER.toUpperCase(), fontSize: 10.5, bold: true, alignment: "center" },
              line(60),
              { text: "Số:        /BC-TĐ1022", fontSize: 11.5, alignment: "center", margin: [0, 8, 0, 0] },
            ],
          },
          {
            width: "*",
            stack: [
              { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fontSize: 10.5, bold: true, alignment: "center" },
              { text: "Độc lập - Tự do - Hạnh phúc", fontSize: 11.5, bold: true, alignment: "center" },
              line(170),
              {
                text: `${config.REPORT_PLACE}, ngày ${made.slice(8, 10)} tháng ${made.slice(5, 7)} năm ${made.slice(0, 4)}`,
                italics: true,
                fontSize: 11.5,
                alignment: "center",
                margin: [0, 8, 0, 0],
              },
            ],
          },
        ],
        columnGap: 6,
      },
      { text: "BÁO CÁO", bold: true, fontSize: 14, alignment: "center", margin: [0, 24, 0, 2] },
      {
        text: `Tình hình tiếp nhận, xử lý và trả lời yêu cầu hỗ trợ, cung cấp thông tin qua Tổng đài 1022${scope} ${periodTitle(data)}`,
        bold: true,
        fontSize: 13,
        alignment: "center",
        margin: [40, 0, 40, 2],
      },
      line(120),
      {
        text: `(Từ ngày ${dmy(data.from)} đến ngày ${dmy(data.to)}; ${frozen ? `số liệu chốt lúc ${madeAt(data.generatedAt)}` : "số liệu tạm tính, kỳ báo cáo chưa kết thúc"})`,
        italics: true,
        fontSize: 11,
        alignment: "center",
        margin: [0, 6, 0, 14],
      },
      p(
        `Thực hiện Quy chế tiếp nhận, xử lý và trả lời yêu cầu hỗ trợ, cung cấp thông tin qua Tổng đài 1022, đơn vị báo cáo kết quả ${periodTitle(data)} như sau:`,
      ),
      heading("I. TÌNH HÌNH TIẾP NHẬN"),
      p(
        `Trong kỳ, Tổng đài 1022 tiếp nhận ${t.received} yêu cầu; tổng đài viên trả lời trực tiếp từ cơ sở dữ liệu hỏi đáp ${t.answeredByOperator} yêu cầu; chuyển ${t.forwarded} phiếu đến các cơ quan, đơn vị; từ chối tiếp nhận ${t.refused} yêu cầu; chuyển cơ quan điều phối xác định thẩm quyền ${t.escalated} yêu cầu; cơ quan trả lại ${t.returned} phiếu.`,
      ),
      heading("II. KẾT QUẢ TRẢ LỜI"),
      p(
        `Các cơ quan đã trả lời ${t.answered} phiếu, trong đó đúng hạn ${t.onTime} phiếu, trễ hạn ${t.late} phiếu (tỷ lệ đúng hạn ${pct(t.onTimeRate)}); còn ${t.openOverdue} phiếu quá hạn chưa trả lời tại thời điểm cuối kỳ; ${t.returnedLate} phiếu bị trả lại khi đã quá hạn mà chưa trả lời. Thời gian xử lý trung vị ${hrs(t.medianHours)} giờ làm việc, phân vị 90 là ${hrs(t.p90Hours)} giờ làm việc. Có ${t.progressUpdates} lần cập nhật tiến độ, ${t.missedAppointments} lần lỡ hẹn trả lời; đã công khai ${t.published} kết quả trả lời.`,
      ),
      subheading("1. Theo cơ quan, đơn vị"),
      figuresTable("Cơ quan, đơn vị", byAgency.agencies),
      ...(byAgency.notForwarded ? [p(notForwardedText(byAgency.notForwarded))] : []),
      ...(data.byField.length
        ? [subheading("2. Theo lĩnh vực"), figuresTable("Lĩnh vực", data.byField)]
        : []),
      ...(data.byChannel.length
        ? [subheading("3. Theo kênh tiếp nhận"), figuresTable("Kênh tiếp nhận", data.byChannel)]
        : []),
      ...pdfSections(data, p),
      heading("V. ĐÁNH GIÁ, KIẾN NGHỊ"),
      p(
        t.late + t.openOverdue + t.returnedLate > 0
          ? `Đề nghị các cơ quan, đơn vị có phiếu trễ hạn hoặc quá hạn chưa trả lời rà soát, khắc phục và bảo đảm thời hạn trả lời theo quy định.`
          : "Các cơ quan, đơn vị đã bảo đảm thời hạn trả lời theo quy định.",
      ),
      {
        columns: [
          {
            width: 200,
            stack: [
              { text: "Nơi nhận:", bold: true, italics: true, fontSize: 12 },
              { text: "- UBND tỉnh (để báo cáo);", fontSize: 11 },
              { text: "- Các sở, ban, ngành cấp tỉnh;", fontSize: 11 },
              { text: "- UBND các xã, phường;", fontSize: 11 },
              { text: "- Lưu: VT.", fontSize: 11 },
            ],
          },
          {
            width: "*",
            stack: [
              {
                text: config.REPORT_SIGNER_TITLE.toUpperCase(),
                bold: true,
                alignment: "center",
                fontSize: 12.5,
              },
              {
                text: "(Ký, ghi rõ họ tên và đóng dấu)",
                italics: true,
                alignment: "center",
                fontSize: 11,
                margin: [0, 2, 0, 60],
              },
            ],
          },
        ],
        margin: [0, 16, 0, 0],
        unbreakable: true,
      },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
