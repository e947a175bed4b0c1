import ExcelJS from "exceljs";
import * as mupdf from "mupdf";

/** One worksheet read back: its rows from the first, each row its cells from column A. */
export type SheetRows = ExcelJS.CellValue[][];

/**
 * A downloaded XLSX read back, sheet by sheet in the workbook's order (ExcelJS's types ask for an
 * ArrayBuffer: a copy of the bytes is one, no cast). Blank rows are kept as `[]`, so `rows[n - 1]` is row n.
 */
export async function sheets(body: Buffer): Promise<Map<string, SheetRows>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(body).buffer);
  const out = new Map<string, SheetRows>();
  wb.eachSheet((ws) => {
    const rows: SheetRows = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      // `values` is 1-based (index 0 is empty), an array for every row ExcelJS reads.
      rows.push(Array.isArray(row.values) ? row.values.slice(1) : []);
    });
    out.set(ws.name, rows);
  });
  return out;
}

/** A downloaded PDF's text, its runs of white space made one space. */
export function pdfText(body: Buffer): string {
  const doc = mupdf.Document.openDocument(body, "application/pdf");
  let text = "";
  for (let i = 0; i < doc.countPages(); i++)
    text += doc.loadPage(i).toStructuredText("preserve-whitespace").asText();
  return text.replace(/\s+/g, " ");
}
