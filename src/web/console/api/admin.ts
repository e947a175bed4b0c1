import { useQuery } from "@tanstack/react-query";
import type { AdminCalendarResponse } from "../../../shared/schemas/calendar.js";
import { api } from "./client.js";
import { refresh, store, useItems, useSend } from "./query.js";

/** A list of an admin resource (`{ items }`), refreshed after each save. */
export function useAdminList<T>(key: readonly string[], url: string) {
  return useItems<T>(["admin", ...key], url);
}

/** Create (POST to createUrl) or update (PATCH to updateUrl(id)); both refresh the admin and directory lists. */
export function useAdminSave<T, Id extends string | number>(
  createUrl: string,
  updateUrl: (id: Id) => string,
) {
  return useSend(
    ({ id, body }: { id: Id | null; body: unknown }) =>
      id === null
        ? api<T>(createUrl, { method: "POST", body })
        : api<T>(updateUrl(id), { method: "PATCH", body }),
    refresh(["admin"], ["directory"]),
  );
}

const calendarKey = ["admin", "calendar"] as const;

/** The working-time calendar (R-HA6) and the years it still lacks an official schedule for. */
export function useAdminCalendar() {
  return useQuery({
    queryKey: calendarKey,
    queryFn: ({ signal }) => api<AdminCalendarResponse>("/api/v1/admin/calendar", { signal }),
  });
}

/** Saves the weekly rules (`year: null`) or one year's official schedule; the answer is the new calendar. */
export function useSaveCalendar() {
  return useSend(
    ({ year, body }: { year: number | null; body: unknown }) =>
      api<AdminCalendarResponse>(
        year === null ? "/api/v1/admin/calendar" : `/api/v1/admin/calendar/years/${year}`,
        { method: "PUT", body },
      ),
    store(calendarKey),
  );
}
