import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import { errorResponse } from "../../../shared/schemas/common.js";
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
import { actorOf } from "../auth.js";
import type { RouteOptions } from "../route-options.js";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Figures, periodic reports and extraction (Art. 11, 13.3, 16; issue 11). */
export const reportRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services, ctx }) => {
  app.get(
    "/api/v1/reports/summary",
    {
      config: { action: "report.view" },
      schema: {
        tags: ["reports"],
        summary: "Số liệu tổng hợp theo kỳ và nhóm",
        querystring: summaryQuery,
        response: { 200: summaryResponse, ...errors },
      },
    },
    async (request) => services.reports.summary(actorOf(request), request.query),
  );

  app.get(
    "/api/v1/reports/series",
    {
      config: { action: "report.view" },
      schema: {
        tags: ["reports"],
        summary: "Số yêu cầu tiếp nhận theo ngày và kênh",
        querystring: reportFilters,
        response: { 200: seriesResponse, ...errors },
      },
    },
    async (request) => services.reports.series(actorOf(request), request.query),
  );

  app.get(
    "/api/v1/reports/periodic",
    {
      config: { action: "report.view" },
      schema: {
        tags: ["reports"],
        summary: "Các báo cáo định kỳ (tháng, quý, năm)",
        response: { 200: periodicListResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => services.reports.periodic(actorOf(request)),
  );

  app.get(
    "/api/v1/reports/:kind/:file",
    {
      config: { action: "report.view" },
      schema: {
        tags: ["reports"],
        summary: "Tải báo cáo định kỳ (XLSX hoặc PDF), ví dụ monthly/2026-03.pdf, quarterly/2026-Q1.xlsx",
        params: z.object({ kind: z.enum(periodKinds), file: z.string().max(20) }),
      },
    },
    async (request, reply) => {
      const { kind, file } = request.params;
      const m = /^(.+)\.(xlsx|pdf)$/.exec(file);
      if (!m) {
        throw new AppError("VALIDATION", "Tệp báo cáo phải có đuôi .xlsx hoặc .pdf.", {
          details: [
            { field: "file", code: "bad_format", message: "Tệp báo cáo phải có đuôi .xlsx hoặc .pdf." },
          ],
        });
      }
      const [, period = "", format] = m;
      const report = await services.reports.periodicReport(actorOf(request), kind, period);
      const name = `bao-cao-1022-${period}${report.data.agency ? `-${report.data.agency.code}` : ""}.${format}`;
      reply.header("content-disposition", `attachment; filename="${name}"`);
      reply.header("x-report-frozen", String(report.frozen));
      if (format === "pdf") {
        reply.type("application/pdf");
        return reply.send(await renderPdf(report.data, ctx.config, report.frozen));
      }
      reply.type(XLSX);
      return reply.send(await renderXlsx(report.data, ctx.config, report.frozen));
    },
  );

  for (const format of ["csv", "xlsx"] as const) {
    app.get(
      `/api/v1/reports/extract.${format}`,
      {
        config: { action: "report.extract" },
        schema: {
          tags: ["reports"],
          summary: `Trích xuất hồ sơ yêu cầu (${format.toUpperCase()}, không giới hạn số dòng; được ghi nhật ký)`,
          querystring: reportFilters,
        },
      },
      async (request, reply) => {
        const rows = await services.reports.extract(actorOf(request), request.query, format);
        const name = `trich-xuat-1022-${request.query.from}-${request.query.to}.${format}`;
        reply.header("content-disposition", `attachment; filename="${name}"`);
        reply.type(format === "csv" ? "text/csv; charset=utf-8" : XLSX);
        return reply.send(format === "csv" ? csvStream(rows) : xlsxStream(rows));
      },
    );
  }
};
