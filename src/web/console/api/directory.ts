import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { AgencyView, FieldView, RefusalReasonView } from "../../../shared/schemas/admin.js";
import type { KbEntry, KbStaffSearchHit } from "../../../shared/schemas/kb.js";
import { api, qs } from "./client.js";
import { useGet } from "./query.js";

/** Read lists of the directory (docs/API-CONTRACT.md "Directory"); each answers `{ items }`. */
export type AgencyOption = AgencyView;
export type FieldOption = FieldView;
export type RefusalReasonOption = RefusalReasonView;

export const directoryKeys = {
  agencies: ["directory", "agencies"] as const,
  fields: ["directory", "fields"] as const,
  reasons: ["directory", "refusal-reasons"] as const,
};

const agenciesQuery = queryOptions({
  queryKey: directoryKeys.agencies,
  queryFn: async () => (await api<{ items: AgencyView[] }>("/api/v1/agencies")).items,
  staleTime: 10 * 60_000,
});

export function useAgencies() {
  return useQuery(agenciesQuery);
}

/**
 * The agency directory loaded as staff sign in and held while they are (the shell calls this), so
 * an agency picker opens on its options: Enter typed into one before they came chose nothing. It
 * holds the query without re-rendering the shell when the directory arrives or changes.
 */
export function useAgencyDirectoryHeld(): void {
  useQuery({ ...agenciesQuery, notifyOnChangeProps: [] });
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

export type KbHit = KbStaffSearchHit;

/**
 * Published Q&A entries matching what the operator types (R-HA1: accent-insensitive, server side):
 * the desk's five suggestions by default; the lookup page asks for more, from fewer letters, in one field.
 */
export function useKbSearch(
  q: string,
  { field, limit = 5, minLength = 3 }: { field?: string; limit?: number; minLength?: number } = {},
) {
  const text = q.trim().slice(0, 2000);
  return useQuery({
    queryKey: ["kb", "search", text, field ?? "", limit],
    queryFn: ({ signal }) =>
      api<KbHit[]>(`/api/v1/kb/search${qs({ q: text, field, limit, status: "published" })}`, { signal }),
    enabled: text.length >= minLength,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** One Q&A entry as the server presents it (GET /api/v1/kb/entries/:id, `kb.read`). */
export function useKbEntry(id: string | undefined) {
  return useGet<KbEntry>(["kb", "entry", id], `/api/v1/kb/entries/${id}`, { enabled: Boolean(id) });
}

/** The full entry behind a suggestion, its answer as plain text for the answer dialog. */
export async function fetchKbAnswer(id: string): Promise<string> {
  const entry = await api<KbEntry>(`/api/v1/kb/entries/${id}`);
  const doc = new DOMParser().parseFromString(entry.answerHtml, "text/html");
  for (const br of doc.querySelectorAll("br")) br.replaceWith("\n");
  for (const block of doc.querySelectorAll("p, li, div")) block.append("\n");
  return (doc.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}
