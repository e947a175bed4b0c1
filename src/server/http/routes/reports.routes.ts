import { z } from "zod";
import { invalidField } from "../../../shared/errors.js";
import {
  periodicListResponse,
  periodKinds,
  reportFilters,
  seriesResponse,
  summaryQuery,
  summaryResponse,
} from "../../../shared/schemas/reports.js";
import { csvStream, xlsxStream } from "../../services/report-extract.js";
import { renderPdf, renderXlsx } from "../../services/report-render.js";
import { staffPlugin } from "../staff-route.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const badFile = "Tệp báo cáo phải có đuôi .xlsx hoặc .pdf.";

/** Figures, periodic reports and extraction (Art. 11, 13.3, 16; issue 11). */
export const reportRoutes = staffPlugin(["reports"], (route, { services, ctx }) => {
  const reports = services.reports;

  const view = route.group("/api/v1/reports", "report.view");
  view.get(
    "/summary",
    "Số liệu tổng hợp theo kỳ và nhóm",
    { query: summaryQuery, response: summaryResponse },
    async ({ actor, query }) => reports.summary(actor, query),
  );
  view.get(
    "/series",
    "Số yêu cầu tiếp nhận theo ngày và kênh",
    { query: reportFilters, response: seriesResponse },
    async ({ actor, query }) => reports.series(actor, query),
  );
  view.get(
    "/periodic",
    "Các báo cáo định kỳ (tháng, quý, năm)",
    { response: periodicListResponse },
    async ({ actor }) => reports.periodic(actor),
  );

  /** Downloads: the body is a file (Buffer or stream), so no JSON schema for the success answer. */
  view.get(
    "/:kind/:file",
    "Tải báo cáo định kỳ (XLSX hoặc PDF), ví dụ monthly/2026-03.pdf, quarterly/2026-Q1.xlsx",
    { params: z.object({ kind: z.enum(periodKinds), file: z.string().max(20) }) },
    async ({ actor, params, reply }) => {
      const m = /^(.+)\.(xlsx|pdf)$/.exec(params.file);
      if (!m) {
        throw invalidField("file", badFile, { code: "bad_format" });
      }
      const [, period = "", format] = m;
      const report = await reports.periodicReport(actor, params.kind, period);
      const name = `bao-cao-1022-${period}${report.data.agency ? `-${report.data.agency.code}` : ""}.${format}`;
      reply.header("content-disposition", `attachment; filename="${name}"`);
      reply.header("x-report-frozen", String(report.frozen));
      if (format === "pdf") {
        return reply.type("application/pdf").send(await renderPdf(report.data, ctx.config, report.frozen));
      }
      return reply.type(XLSX).send(await renderXlsx(report.data, ctx.config, report.frozen));
    },
  );

  for (const format of ["csv", "xlsx"] as const) {
    route.get(
      `/api/v1/reports/extract.${format}`,
      "report.extract",
      `Trích xuất hồ sơ yêu cầu (${format.toUpperCase()}, không giới hạn số dòng; được ghi nhật ký)`,
      { query: reportFilters },
      async ({ actor, query, origin, reply }) => {
        const rows = await reports.extract(actor, query, format, origin);
        const name = `trich-xuat-1022-${query.from}-${query.to}.${format}`;
        reply.header("content-disposition", `attachment; filename="${name}"`);
        reply.type(format === "csv" ? "text/csv; charset=utf-8" : XLSX);
        return reply.send(format === "csv" ? csvStream(rows) : xlsxStream(rows));
      },
    );
  }
});
