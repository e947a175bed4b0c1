import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { callKeys } from "./calls.js";
import { noteKeys } from "./notes.js";
import { notificationKeys } from "./notifications.js";
import { requestKeys } from "./requests.js";

export type LiveState = "connecting" | "live" | "offline";

/**
 * Live updates (issue 5): one EventSource on /api/v1/stream per open console. Each `request`
 * event invalidates the lists, the board and that request, so new requests and slips appear
 * without reloading. The browser reconnects by itself after a drop. `onRequesterMessage` is told
 * when a requester wrote on a request the caller may read (Art. 14.6), with its code.
 */
/** A phone call changed (issue 12): only its id, what happened and, for a transfer, its result. */
export interface CallSignal {
  callId: string;
  kind: string;
  agentId: string | null;
  result?: string;
}

/** Issue 19: the signed-in user was @mentioned in an internal note (ids and code, no text). */
export interface MentionAlert {
  requestId: string;
  code: string;
  by: string;
}

export function useLiveUpdates(
  enabled: boolean,
  onRequesterMessage?: (code: string) => void,
  onCall?: (signal: CallSignal) => void,
  onMention?: (alert: MentionAlert) => void,
): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  const onMessage = useRef(onRequesterMessage);
  onMessage.current = onRequesterMessage;
  const onCallRef = useRef(onCall);
  onCallRef.current = onCall;
  const onMentionRef = useRef(onMention);
  onMentionRef.current = onMention;
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
      // Issue 19: a change the user sees may have notified them (a cooperating slip, a reopening).
      void client.invalidateQueries({ queryKey: notificationKeys.all });
    });
    // The switchboard (issue 12): the desk's live calls and callback queue, a request's calls.
    source.addEventListener("call", (event) => {
      void client.invalidateQueries({ queryKey: callKeys.all });
      try {
        const data: unknown = JSON.parse((event as MessageEvent<string>).data);
        if (
          typeof data === "object" &&
          data !== null &&
          "callId" in data &&
          typeof data.callId === "string"
        ) {
          onCallRef.current?.({
            callId: data.callId,
            kind: "kind" in data && typeof data.kind === "string" ? data.kind : "",
            agentId: "agentId" in data && typeof data.agentId === "string" ? data.agentId : null,
            result: "result" in data && typeof data.result === "string" ? data.result : undefined,
          });
        }
      } catch {
        // A malformed event still refreshed the calls.
      }
    });
    // Issue 19: a mention reaches only the mentioned user's consoles; the notes refresh.
    source.addEventListener("mention", (event) => {
      try {
        const data: unknown = JSON.parse((event as MessageEvent<string>).data);
        if (
          typeof data === "object" &&
          data !== null &&
          "requestId" in data &&
          typeof data.requestId === "string" &&
          "code" in data &&
          typeof data.code === "string"
        ) {
          void client.invalidateQueries({ queryKey: noteKeys.notes(data.requestId) });
          void client.invalidateQueries({ queryKey: notificationKeys.all });
          onMentionRef.current?.({
            requestId: data.requestId,
            code: data.code,
            by: "by" in data && typeof data.by === "string" ? data.by : "",
          });
        }
      } catch {
        // A malformed mention is dropped; the notes show it on the next read.
      }
    });
    return () => source.close();
  }, [client, enabled]);
  return state;
}
