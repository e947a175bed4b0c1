import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CallView } from "../../../shared/schemas/calls.js";
import { dialableNumber, isWithheldNumber } from "../../../shared/schemas/cti.js";
import { api } from "./client.js";

export type { CallView };

/** Calls from the switchboard (issue 12); the live stream's `call` events invalidate these. */
export const callKeys = {
  all: ["calls"] as const,
  queue: (queue: "live" | "callbacks") => ["calls", "queue", queue] as const,
  ofRequest: (requestId: string) => ["calls", "request", requestId] as const,
};

export function useCallQueue(queue: "live" | "callbacks", enabled = true) {
  return useQuery({
    queryKey: callKeys.queue(queue),
    queryFn: ({ signal }) => api<{ items: CallView[] }>(`/api/v1/calls?queue=${queue}`, { signal }),
    enabled,
  });
}

export function useRequestCalls(requestId: string, enabled = true) {
  return useQuery({
    queryKey: callKeys.ofRequest(requestId),
    queryFn: ({ signal }) => api<{ items: CallView[] }>(`/api/v1/requests/${requestId}/calls`, { signal }),
    enabled,
  });
}

function useCallCommand(path: "pickup" | "callback") {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) =>
      api<CallView>(`/api/v1/calls/${encodeURIComponent(callId)}/${path}`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: callKeys.all }),
  });
}

export const usePickUp = () => useCallCommand("pickup");
export const useCallBack = () => useCallCommand("callback");

export const recordingUrl = (callId: string, download = false) =>
  `/api/v1/calls/${encodeURIComponent(callId)}/recording${download ? "?download=1" : ""}`;

/**
 * National form for the screen: +84912345678 → 0912345678; null for a withheld number ("anonymous"
 * as the switchboard sent it), which the console says as «Số ẩn».
 */
export const displayNumber = (n: string | null): string | null =>
  n === null || isWithheldNumber(n) ? null : n.startsWith("+84") ? `0${n.slice(3)}` : n;

/** Whether the switchboard can call this caller back (the server refuses any other number). */
export const canCallBack = (call: CallView): boolean => dialableNumber.safeParse(call.from).success;
