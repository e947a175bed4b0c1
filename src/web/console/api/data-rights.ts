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
import { refresh, store, useGet, useSend } from "./query.js";

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

export const useDataRequests = (state: "open" | "closed" | "all") =>
  useGet<DataRequestList>(dataRightsKeys.list(state), `/api/v1/data-requests?state=${state}`);

export const useDataRequest = (id: string) =>
  useGet<DataRequestDetail>(dataRightsKeys.one(id), `/api/v1/data-requests/${id}`);

export const useCreateDataRequest = () =>
  useSend(
    (body: CreateDataRequestBody) =>
      api<DataRequestDetail>("/api/v1/data-requests", { method: "POST", body }),
    refresh(["data-requests"]),
  );

type Step = { step: "acknowledge" | "execute" | "refuse"; body: Record<string, unknown> };

/** A workflow step of a case: acknowledge, execute or refuse. */
export const useDataRequestStep = (id: string) =>
  useSend(
    ({ step, body }: Step) =>
      api<DataRequestDetail>(`/api/v1/data-requests/${id}/${step}`, { method: "POST", body }),
    (data, client) => {
      client.setQueryData(dataRightsKeys.one(id), data);
      void client.invalidateQueries({ queryKey: ["data-requests"] });
    },
  );

export const dataExportUrl = (id: string) => `/api/v1/data-requests/${id}/export`;

export const useRetention = () => useGet<Retention>(dataRightsKeys.retention, "/api/v1/admin/retention");

export const useSaveRetention = () =>
  useSend(
    (body: RetentionBody) => api<Retention>("/api/v1/admin/retention", { method: "PUT", body }),
    store(dataRightsKeys.retention),
  );

export const useRunRetention = () =>
  useSend(
    () => api<{ counts: Record<string, number> }>("/api/v1/admin/retention/run", { method: "POST" }),
    refresh(dataRightsKeys.retention),
  );

/** The legal hold of a request (coordinator): stops deletion and retention for it. */
export const useLegalHold = (requestId: string, enabled: boolean) =>
  useGet<LegalHold>(["legal-hold", requestId], `/api/v1/requests/${requestId}/legal-hold`, { enabled });

export const useSetLegalHold = (requestId: string) =>
  useSend(
    (reason: string | null) =>
      api<LegalHold>(`/api/v1/requests/${requestId}/legal-hold`, {
        method: reason === null ? "DELETE" : "PUT",
        body: reason === null ? undefined : { reason },
      }),
    store(["legal-hold", requestId]),
  );
