import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  CreateDataRequestBody,
  DataRequestDetail,
  dataRequestList,
  legalHoldView,
  retentionBody,
  retentionResponse,
} from "../../../shared/schemas/data-rights.js";
import { api } from "./client.js";

/** Data-subject requests (coordinator) and retention (administrators); shapes from src/shared/schemas/data-rights.ts. */
export type DataRequestList = z.infer<typeof dataRequestList>;
export type Retention = z.infer<typeof retentionResponse>;
export type RetentionBody = z.input<typeof retentionBody>;
export type LegalHold = z.infer<typeof legalHoldView>;

export const dataRightsKeys = {
  list: (state: string) => ["data-requests", state] as const,
  one: (id: string) => ["data-requests", "one", id] as const,
  retention: ["admin", "retention"] as const,
};

export function useDataRequests(state: "open" | "closed" | "all") {
  return useQuery({
    queryKey: dataRightsKeys.list(state),
    queryFn: ({ signal }) => api<DataRequestList>(`/api/v1/data-requests?state=${state}`, { signal }),
    retry: false,
  });
}

export function useDataRequest(id: string) {
  return useQuery({
    queryKey: dataRightsKeys.one(id),
    queryFn: ({ signal }) => api<DataRequestDetail>(`/api/v1/data-requests/${id}`, { signal }),
    retry: false,
  });
}

export function useCreateDataRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDataRequestBody) =>
      api<DataRequestDetail>("/api/v1/data-requests", { method: "POST", body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["data-requests"] }),
  });
}

/** A workflow step of a case: acknowledge, execute or refuse. */
export function useDataRequestStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      step,
      body,
    }: {
      step: "acknowledge" | "execute" | "refuse";
      body: Record<string, unknown>;
    }) => api<DataRequestDetail>(`/api/v1/data-requests/${id}/${step}`, { method: "POST", body }),
    onSuccess: (data) => {
      client.setQueryData(dataRightsKeys.one(id), data);
      void client.invalidateQueries({ queryKey: ["data-requests"] });
    },
  });
}

export const dataExportUrl = (id: string) => `/api/v1/data-requests/${id}/export`;

export function useRetention() {
  return useQuery({
    queryKey: dataRightsKeys.retention,
    queryFn: ({ signal }) => api<Retention>("/api/v1/admin/retention", { signal }),
    retry: false,
  });
}

export function useSaveRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionBody) => api<Retention>("/api/v1/admin/retention", { method: "PUT", body }),
    onSuccess: (data) => client.setQueryData(dataRightsKeys.retention, data),
  });
}

export function useRunRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ counts: Record<string, number> }>("/api/v1/admin/retention/run", { method: "POST" }),
    onSuccess: () => void client.invalidateQueries({ queryKey: dataRightsKeys.retention }),
  });
}

/** The legal hold of a request (coordinator): stops deletion and retention for it. */
export function useLegalHold(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["legal-hold", requestId],
    queryFn: ({ signal }) => api<LegalHold>(`/api/v1/requests/${requestId}/legal-hold`, { signal }),
    enabled,
    retry: false,
  });
}

export function useSetLegalHold(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string | null) =>
      api<LegalHold>(`/api/v1/requests/${requestId}/legal-hold`, {
        method: reason === null ? "DELETE" : "PUT",
        body: reason === null ? undefined : { reason },
      }),
    onSuccess: (data) => client.setQueryData(["legal-hold", requestId], data),
  });
}
