import { readFile, writeFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

/** A spreadsheet as rows of named cells; CSV (any delimiter, quoted multi-line cells) or XLSX. */
export type TableRow = Record<string, string>;

const isXlsx = (file: string) => /\.xlsx$/i.test(file);

/** The delimiter of a CSV header line, when the user did not say: the most frequent candidate. */
export function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  const candidates = [",", ";", "\t", "|"];
  return candidates.reduce((best, c) => (header.split(c).length > header.split(best).length ? c : best), ",");
}

export async function readTable(
  file: string,
  delimiter?: string,
): Promise<{ columns: string[]; rows: TableRow[] }> {
  if (isXlsx(file)) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) return { columns: [], rows: [] };
    const columns: string[] = [];
    sheet.getRow(1).eachCell((cell, col) => {
      columns[col - 1] = cell.text.trim();
    });
    const rows: TableRow[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const r: TableRow = {};
      columns.forEach((name, i) => {
        r[name] = row.getCell(i + 1).text ?? "";
      });
      rows.push(r);
    });
    return { columns, rows };
  }
  const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  const records = parse(text, {
    delimiter: delimiter ?? detectDelimiter(text),
    columns: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as TableRow[];
  const columns = records[0] ? Object.keys(records[0]) : [];
  return { columns, rows: records };
}

export async function writeTable(
  file: string,
  columns: string[],
  rows: TableRow[],
  delimiter = ",",
): Promise<void> {
  if (isXlsx(file)) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Hỏi đáp");
    sheet.addRow(columns);
    for (const r of rows) sheet.addRow(columns.map((c) => r[c] ?? ""));
    await workbook.xlsx.writeFile(file);
    return;
  }
  await writeFile(file, stringify(rows, { header: true, columns, delimiter, quoted_match: /[\n"]/ }), "utf8");
}
