import { useQuery } from "@tanstack/react-query";
import type { AgencyView, FieldView, RefusalReasonView } from "../../../shared/schemas/admin.js";
import { api, qs } from "./client.js";

/** Read lists of the directory (docs/API-CONTRACT.md "Directory"); each answers `{ items }`. */
export type AgencyOption = AgencyView;
export type FieldOption = FieldView;
export type RefusalReasonOption = RefusalReasonView;

export const directoryKeys = {
  agencies: ["directory", "agencies"] as const,
  fields: ["directory", "fields"] as const,
  reasons: ["directory", "refusal-reasons"] as const,
};

export function useAgencies() {
  return useQuery({
    queryKey: directoryKeys.agencies,
    queryFn: async () => (await api<{ items: AgencyView[] }>("/api/v1/agencies")).items,
    staleTime: 10 * 60_000,
  });
}

export function useFields() {
  return useQuery({
    queryKey: directoryKeys.fields,
    queryFn: async () => (await api<{ items: FieldView[] }>("/api/v1/fields")).items,
    staleTime: 10 * 60_000,
  });
}

export function useRefusalReasons() {
  return useQuery({
    queryKey: directoryKeys.reasons,
    queryFn: async () => (await api<{ items: RefusalReasonView[] }>("/api/v1/refusal-reasons")).items,
    staleTime: 10 * 60_000,
  });
}

export const reasonText = (r: RefusalReasonView): string => r.text;

/** One Q&A suggestion (GET /api/v1/kb/search, src/shared/schemas/kb.ts). */
export interface KbHit {
  id: string;
  question: string;
  answer: string;
}

const listOf = <T>(payload: T[] | { items: T[] }): T[] => (Array.isArray(payload) ? payload : payload.items);

export function useKbSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ["kb", "search", text],
    queryFn: async ({ signal }) =>
      listOf(
        await api<KbHit[] | { items: KbHit[] }>(`/api/v1/kb/search${qs({ q: text, limit: 5 })}`, { signal }),
      ),
    enabled: text.length >= 3,
    staleTime: 60_000,
    retry: false,
  });
}
