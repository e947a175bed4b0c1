import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationList } from "../../../shared/schemas/notifications.js";
import { api } from "./client.js";

/**
 * Issue 19: the signed-in user's notifications (the header's bell). Refreshed by the live stream
 * (live.ts: a request event or a mention), and every minute in case the stream was down.
 */
export const notificationKeys = { all: ["notifications"] as const };

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ signal }) => api<NotificationList>("/api/v1/notifications?limit=20", { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/notifications/${id}/read`, { method: "POST" }),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ marked: number }>("/api/v1/notifications/read-all", { method: "POST" }),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
