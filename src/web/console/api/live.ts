import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { requestKeys } from "./requests.js";

export type LiveState = "connecting" | "live" | "offline";

/**
 * Live updates (issue 5): one EventSource on /api/v1/stream per open console. Each `request`
 * event invalidates the lists, the board and that request, so new requests and slips appear
 * without reloading. The browser reconnects by itself after a drop. `onRequesterMessage` is told
 * when a requester wrote on a request the caller may read (Art. 14.6), with its code.
 */
export function useLiveUpdates(enabled: boolean, onRequesterMessage?: (code: string) => void): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  const onMessage = useRef(onRequesterMessage);
  onMessage.current = onRequesterMessage;
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/v1/stream", { withCredentials: true });
    source.onopen = () => setState("live");
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.addEventListener("request", (event) => {
      let requestId: string | undefined;
      try {
        const data: unknown = JSON.parse((event as MessageEvent<string>).data);
        if (
          typeof data === "object" &&
          data !== null &&
          "requestId" in data &&
          typeof data.requestId === "string"
        ) {
          requestId = data.requestId;
          if (
            "kind" in data &&
            data.kind === "message_received" &&
            "code" in data &&
            typeof data.code === "string"
          )
            onMessage.current?.(data.code);
        }
      } catch {
        // A malformed event still means "something changed": refresh the lists.
      }
      if (requestId) void client.invalidateQueries({ queryKey: requestKeys.detail(requestId) });
      void client.invalidateQueries({ queryKey: requestKeys.all });
    });
    return () => source.close();
  }, [client, enabled]);
  return state;
}
