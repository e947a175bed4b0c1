import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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

export function useSummary(q: SummaryQuery) {
  return useQuery({
    queryKey: reportKeys.summary(q),
    queryFn: ({ signal }) => api<SummaryResponse>(`/api/v1/reports/summary${qs(q)}`, { signal }),
    retry: false,
  });
}

export function useSeries(q: ReportFilters) {
  return useQuery({
    queryKey: reportKeys.series(q),
    queryFn: ({ signal }) => api<SeriesResponse>(`/api/v1/reports/series${qs(q)}`, { signal }),
    retry: false,
  });
}

/** Missed obligations by agency, for the coordinator's board (Art. 13.1). */
export function useMissedByAgency(enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.missed,
    queryFn: ({ signal }) => api<MissedByAgency>("/api/v1/obligations/missed-by-agency", { signal }),
    enabled,
    retry: false,
  });
}

/** The coordinator waives one obligation with a reason (audited); the request is read again. */
export function useWaive(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.output<typeof waiveBody> }) =>
      api<ObligationView>(`/api/v1/obligations/${id}/waive`, { method: "POST", body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: requestKeys.detail(requestId) });
      void client.invalidateQueries({ queryKey: ["obligations"] });
    },
  });
}

export function useTimeLimits() {
  return useQuery({
    queryKey: reportKeys.timeLimits,
    queryFn: ({ signal }) => api<TimeLimits>("/api/v1/admin/time-limits", { signal }),
    retry: false,
  });
}

export function useSaveTimeLimits() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TimeLimitsBody) =>
      api<TimeLimits>("/api/v1/admin/time-limits", { method: "PUT", body }),
    onSuccess: (data) => client.setQueryData(reportKeys.timeLimits, data),
  });
}

/** Download addresses (GET with the session cookie; the browser saves the file). */
export const reportFileUrl = (
  kind: "monthly" | "quarterly" | "yearly",
  period: string,
  ext: "xlsx" | "pdf",
) => `/api/v1/reports/${kind}/${period}.${ext}`;
export const extractUrl = (ext: "csv" | "xlsx", filters: ReportFilters) =>
  `/api/v1/reports/extract.${ext}${qs(filters)}`;
