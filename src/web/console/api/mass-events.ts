import type { z } from "zod";
import type {
  CreateMassEventBody,
  MassEventView,
  massEventList,
  RequestMassEvent,
} from "../../../shared/schemas/mass-events.js";
import { api, qs } from "./client.js";
import { refresh, useGet, useSend } from "./query.js";
import { requestKeys } from "./requests.js";

/** Issue 19: mass events — the coordinator's declarations, the desk's offer, the reports' figures. */
export type MassEventList = z.infer<typeof massEventList>;

const keys = {
  all: ["mass-events"] as const,
  figures: (from: string, to: string) => ["mass-events", "figures", from, to] as const,
};

export const useMassEvents = (options: { enabled?: boolean } = {}) =>
  useGet<MassEventList>(keys.all, "/api/v1/mass-events", options);

/** The events of these ids, in one call, when there are any (the audit names events older than the list's). */
export const useMassEventsByIds = (ids: readonly string[]) => {
  const sorted = [...ids].sort();
  return useGet<MassEventList>(
    [...keys.all, "ids", ...sorted],
    `/api/v1/mass-events${qs({ ids: sorted.join(",") })}`,
    {
      enabled: sorted.length > 0,
    },
  );
};

/** Declares (no id) or edits (id + the version read) an event; the list is read again. */
export const useSaveMassEvent = () =>
  useSend(
    ({ id, version, body }: { id?: string; version?: number; body: CreateMassEventBody }) =>
      id
        ? api<MassEventView>(`/api/v1/mass-events/${id}`, { method: "PUT", body: { ...body, version } })
        : api<MassEventView>("/api/v1/mass-events", { method: "POST", body }),
    refresh(keys.all),
  );

/** Ends an event now (kept for the reports). */
export const useEndMassEvent = () =>
  useSend(
    (e: Pick<MassEventView, "id" | "version">) =>
      api<MassEventView>(`/api/v1/mass-events/${e.id}/cancel`, {
        method: "POST",
        body: { version: e.version },
      }),
    refresh(keys.all),
  );

/** The event a request is linked to (the server links it now if it matches one on now). */
export const useRequestMassEvent = (requestId: string | undefined, enabled: boolean) =>
  useGet<RequestMassEvent>(
    [...requestKeys.all, "mass-event", requestId],
    `/api/v1/requests/${requestId}/mass-event`,
    { enabled: enabled && requestId !== undefined },
  );

/** The events of a report period with their linked and answered counts. */
export const useMassEventFigures = (from: string, to: string) =>
  useGet<MassEventList>(keys.figures(from, to), `/api/v1/reports/mass-events${qs({ from, to })}`);
