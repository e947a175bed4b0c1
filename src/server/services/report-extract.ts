import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { formatVnIso } from "../../shared/time.js";
import type { ExtractRow } from "../db/repositories/report-extract.repository.js";

/**
 * The extraction's columns (Art. 11.1): every request with its fields, times, agency, obligations
 * (due and met per kind), result and the link to its call recording. Obligations that repeat
 * (appointments) are counted and their last due time shown.
 */
const obligationKinds = ["answer", "record", "progress", "publish"] as const;

export const extractHeader = [
  "Mã yêu cầu",
  "Kênh",
  "Thời điểm tiếp nhận",
  "Mức độ",
  "Trạng thái",
  "Mã lĩnh vực",
  "Lĩnh vực",
  "Nội dung",
  "Tổng đài viên",
  "Mã cơ quan",
  "Cơ quan",
  "Thời điểm chuyển",
  "Lý do từ chối",
  "Nguồn trả lời",
  "Thời điểm trả lời",
  "Nội dung trả lời",
  "Thời điểm công khai",
  "Thời điểm đóng",
  ...obligationKinds.flatMap((k) => [`${k}: hạn`, `${k}: hoàn thành`, `${k}: miễn`]),
  "appointment: số lần",
  "appointment: hạn cuối",
  "Ghi âm cuộc gọi",
];

const t = (d: Date | null) => (d ? formatVnIso(d) : "");
const ts = (s: string | null | undefined) => (s ? formatVnIso(new Date(s)) : "");

export function extractCells(r: ExtractRow): string[] {
  const obligations = r.obligations ?? [];
  const perKind = obligationKinds.flatMap((kind) => {
    const o = obligations.find((x) => x.kind === kind);
    return [ts(o?.due_at), ts(o?.met_at), ts(o?.waived_at)];
  });
  const appointments = obligations.filter((o) => o.kind === "appointment");
  const lastAppointment = appointments[appointments.length - 1];
  return [
    r.code,
    r.channel,
    t(r.received_at),
    r.urgency,
    r.status,
    r.field_code ?? "",
    r.field_name ?? "",
    r.content,
    r.operator ?? "",
    r.agency_code ?? "",
    r.agency_name ?? "",
    t(r.forwarded_at),
    r.refusal_reason ?? "",
    r.answer_source ?? "",
    t(r.answered_at),
    r.answer ?? "",
    t(r.published_at),
    t(r.closed_at),
    ...perKind,
    String(appointments.length),
    ts(lastAppointment?.due_at),
    r.recording_url ?? "",
  ].map(neutralise);
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Rows are sent in chunks of about this many characters, not one write per row. */
const CSV_CHUNK = 64 * 1024;

/**
 * CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese right). Rows are gathered into
 * chunks of ≈64 KiB: one stream write per chunk instead of one per row. Rows are pulled only when
 * the client has read the previous chunk (Readable.from respects back-pressure).
 */
export function csvStream(rows: AsyncIterable<ExtractRow>): Readable {
  async function* chunks() {
    let chunk = `\uFEFF${extractHeader.map(quote).join(",")}\r\n`;
    for await (const r of rows) {
      chunk += `${extractCells(r).map(quote).join(",")}\r\n`;
      if (chunk.length >= CSV_CHUNK) {
        yield chunk;
        chunk = "";
      }
    }
    yield chunk;
  }
  return Readable.from(chunks());
}

/** XLSX written row by row with exceljs' streaming writer: memory stays flat. */
export function xlsxStream(rows: AsyncIterable<ExtractRow>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet("Trích xuất");
  let closed = false;
  out.on("close", () => {
    closed = true;
  });
  // Back-pressure: wait for the client to read before producing more rows.
  const drained = () =>
    out.writableNeedDrain && !closed
      ? new Promise<void>((resolve) => {
          const done = () => {
            out.off("drain", done);
            out.off("close", done);
            resolve();
          };
          out.on("drain", done);
          out.on("close", done);
        })
      : Promise.resolve();
  void (async () => {
    try {
      ws.addRow(extractHeader).commit();
      for await (const r of rows) {
        ws.addRow(extractCells(r)).commit();
        await drained();
        if (closed) break;
      }
      if (closed) return;
      ws.commit();
      await wb.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** Spreadsheet formula injection (CSV/XLSX opened in Excel): a leading apostrophe defuses it. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
