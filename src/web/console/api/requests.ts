import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type RequestAction, requestActionPaths } from "../../../shared/request-status.js";
import type { DuplicateResponse } from "../../../shared/schemas/duplicates.js";
import type {
  actionBodies,
  createRequestBody,
  RequestDetail,
  requestListQuery,
  requestListResponse,
} from "../../../shared/schemas/requests.js";
import { api, qs } from "./client.js";

export type RequestList = z.infer<typeof requestListResponse>;
export type RequestListFilter = Omit<Partial<z.input<typeof requestListQuery>>, "status"> & {
  status?: string;
};
export type CreateRequestInput = z.input<typeof createRequestBody>;
/** Action body by action name, straight from the shared schemas. */
export type ActionBody<A extends RequestAction> = z.input<(typeof actionBodies)[A]>;
export type ActionInput = { [A in RequestAction]: { action: A; body: ActionBody<A> } }[RequestAction];

import type { RequesterLookup } from "../../../shared/schemas/requests.js";

export type { RequesterLookup };

export const requestKeys = {
  all: ["requests"] as const,
  list: (filter: RequestListFilter) => ["requests", "list", filter] as const,
  detail: (id: string) => ["requests", "detail", id] as const,
  lookup: (phone: string) => ["requests", "lookup", phone] as const,
  board: ["requests", "board"] as const,
};

export function useRequestList(filter: RequestListFilter, enabled = true) {
  return useQuery({
    queryKey: requestKeys.list(filter),
    queryFn: ({ signal }) => api<RequestList>(`/api/v1/requests${qs(filter)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRequest(id: string | undefined) {
  return useQuery({
    queryKey: requestKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api<RequestDetail>(`/api/v1/requests/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useRequesterLookup(phone: string) {
  return useQuery({
    queryKey: requestKeys.lookup(phone),
    queryFn: ({ signal }) => api<RequesterLookup>(`/api/v1/requesters/lookup${qs({ phone })}`, { signal }),
    enabled: phone.replace(/\D/g, "").length >= 9,
  });
}

export function useCreateRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRequestInput) =>
      api<RequestDetail>("/api/v1/requests", { method: "POST", body }),
    onSuccess: (detail) => {
      client.setQueryData(requestKeys.detail(detail.id), detail);
      void client.invalidateQueries({ queryKey: requestKeys.all });
    },
  });
}

const actionPath = requestActionPaths;

export function useRequestAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ActionInput) =>
      api<RequestDetail>(`/api/v1/requests/${id}/actions/${actionPath[input.action]}`, {
        method: "POST",
        body: input.body,
      }),
    onSuccess: (detail) => {
      client.setQueryData(requestKeys.detail(detail.id), detail);
      void client.invalidateQueries({ queryKey: requestKeys.all });
    },
  });
}

/**
 * Issue 19: open requests asking the same thing — for the text being typed (with its field), or
 * for a saved request (the others it may be merged into).
 */
export function useDuplicates(source: { text: string; field?: string } | { id: string }) {
  const key =
    "id" in source ? ["duplicates", "of", source.id] : ["duplicates", source.text, source.field ?? ""];
  const text = "id" in source ? "" : source.text.trim().slice(0, 2000);
  return useQuery({
    queryKey: [...requestKeys.all, ...key],
    queryFn: ({ signal }) =>
      "id" in source
        ? api<DuplicateResponse>(`/api/v1/requests/${source.id}/duplicates`, { signal })
        : api<DuplicateResponse>(
            `/api/v1/requests/duplicates${qs({ content: text, fieldCode: source.field || undefined, limit: 5 })}`,
            { signal },
          ),
    enabled: "id" in source || text.length >= 8,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Issue 19: merges request `id` into `intoId` (the `merge` transition). */
export function useMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; version: number; intoId: string }) =>
      api<RequestDetail>(`/api/v1/requests/${input.id}/actions/${actionPath.merge}`, {
        method: "POST",
        body: { version: input.version, intoId: input.intoId },
      }),
    onSuccess: (detail) => {
      client.setQueryData(requestKeys.detail(detail.id), detail);
      void client.invalidateQueries({ queryKey: requestKeys.all });
    },
  });
}
