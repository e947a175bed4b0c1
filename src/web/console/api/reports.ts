import type { z } from "zod";
import type {
  missedByAgencyResponse,
  ObligationView,
  periodicListResponse,
  ReportFilters,
  seriesResponse,
  summaryQuery,
  summaryResponse,
  timeLimitsBody,
  timeLimitsResponse,
  waiveBody,
} from "../../../shared/schemas/reports.js";
import { api, qs } from "./client.js";
import { refresh, store, useGet, useSend } from "./query.js";
import { requestKeys } from "./requests.js";

/** Figures, reports and obligations (docs/console.md "Reports"); shapes from src/shared/schemas/reports.ts. */
export type SummaryQuery = z.input<typeof summaryQuery>;
export type SummaryResponse = z.infer<typeof summaryResponse>;
export type SeriesResponse = z.infer<typeof seriesResponse>;
export type PeriodicList = z.infer<typeof periodicListResponse>;
export type MissedByAgency = z.infer<typeof missedByAgencyResponse>;
export type TimeLimits = z.infer<typeof timeLimitsResponse>;
export type TimeLimitsBody = z.input<typeof timeLimitsBody>;

export const reportKeys = {
  summary: (q: SummaryQuery) => ["reports", "summary", q] as const,
  series: (q: ReportFilters) => ["reports", "series", q] as const,
  periodic: ["reports", "periodic"] as const,
  missed: ["obligations", "missed-by-agency"] as const,
  timeLimits: ["admin", "time-limits"] as const,
};

export const useSummary = (q: SummaryQuery) =>
  useGet<SummaryResponse>(reportKeys.summary(q), `/api/v1/reports/summary${qs(q)}`);

export const useSeries = (q: ReportFilters) =>
  useGet<SeriesResponse>(reportKeys.series(q), `/api/v1/reports/series${qs(q)}`);

/** Missed obligations by agency, for the coordinator's board (Art. 13.1). */
export const useMissedByAgency = (enabled: boolean) =>
  useGet<MissedByAgency>(reportKeys.missed, "/api/v1/obligations/missed-by-agency", { enabled });

/** The coordinator waives one obligation with a reason (audited); the request is read again. */
export const useWaive = (requestId: string) =>
  useSend(
    ({ id, body }: { id: string; body: z.output<typeof waiveBody> }) =>
      api<ObligationView>(`/api/v1/obligations/${id}/waive`, { method: "POST", body }),
    refresh(requestKeys.detail(requestId), ["obligations"]),
  );

export const useTimeLimits = () => useGet<TimeLimits>(reportKeys.timeLimits, "/api/v1/admin/time-limits");

export const useSaveTimeLimits = () =>
  useSend(
    (body: TimeLimitsBody) => api<TimeLimits>("/api/v1/admin/time-limits", { method: "PUT", body }),
    store(reportKeys.timeLimits),
  );

/** Download addresses (GET with the session cookie; the browser saves the file). */
export const reportFileUrl = (
  kind: "monthly" | "quarterly" | "yearly",
  period: string,
  ext: "xlsx" | "pdf",
) => `/api/v1/reports/${kind}/${period}.${ext}`;
export const extractUrl = (ext: "csv" | "xlsx", filters: ReportFilters) =>
  `/api/v1/reports/extract.${ext}${qs(filters)}`;
