import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  CreateMassEventBody,
  MassEventView,
  massEventList,
  RequestMassEvent,
} from "../../../shared/schemas/mass-events.js";
import { api, qs } from "./client.js";
import { requestKeys } from "./requests.js";

/** Issue 19: mass events — the coordinator's declarations, the desk's offer, the reports' figures. */
export type MassEventList = z.infer<typeof massEventList>;

const keys = {
  all: ["mass-events"] as const,
  figures: (from: string, to: string) => ["mass-events", "figures", from, to] as const,
};

export function useMassEvents() {
  return useQuery({
    queryKey: keys.all,
    queryFn: ({ signal }) => api<MassEventList>("/api/v1/mass-events", { signal }),
    retry: false,
  });
}

/** Declares (no id) or edits (id + the version read) an event; the list is read again. */
export function useSaveMassEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: CreateMassEventBody }) =>
      id
        ? api<MassEventView>(`/api/v1/mass-events/${id}`, { method: "PUT", body: { ...body, version } })
        : api<MassEventView>("/api/v1/mass-events", { method: "POST", body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Ends an event now (kept for the reports). */
export function useEndMassEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (e: Pick<MassEventView, "id" | "version">) =>
      api<MassEventView>(`/api/v1/mass-events/${e.id}/cancel`, {
        method: "POST",
        body: { version: e.version },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.all }),
  });
}

/** The event a request is linked to (the server links it now if it matches one on now). */
export function useRequestMassEvent(requestId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...requestKeys.all, "mass-event", requestId],
    queryFn: ({ signal }) => api<RequestMassEvent>(`/api/v1/requests/${requestId}/mass-event`, { signal }),
    enabled: enabled && requestId !== undefined,
    retry: false,
  });
}

/** The events of a report period with their linked and answered counts. */
export function useMassEventFigures(from: string, to: string) {
  return useQuery({
    queryKey: keys.figures(from, to),
    queryFn: ({ signal }) => api<MassEventList>(`/api/v1/reports/mass-events${qs({ from, to })}`, { signal }),
    retry: false,
  });
}
