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

/**
 * Something the signed-in user is told at once, beside their bell: an @mention in an internal note
 * (issue 19; ids and code, no text), or a message that reached no requester, to call them back.
 */
export interface NoticeAlert {
  kind: "mention" | "requester_unreached";
  requestId: string;
  code: string;
  /** Who mentioned them (empty for a requester unreached). */
  by: string;
}

export function useLiveUpdates(
  enabled: boolean,
  onRequesterMessage?: (code: string) => void,
  onCall?: (signal: CallSignal) => void,
  onNotice?: (alert: NoticeAlert) => void,
): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  const onMessage = useRef(onRequesterMessage);
  onMessage.current = onRequesterMessage;
  const onCallRef = useRef(onCall);
  onCallRef.current = onCall;
  const onNoticeRef = useRef(onNotice);
  onNoticeRef.current = onNotice;
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/v1/stream", { withCredentials: true });
    source.onopen = () => setState("live");
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.addEventListener("request", (event) => {
      // A malformed event still means "something changed": refresh the lists.
      const data = readEvent(event);
      const requestId = text(data, "requestId");
      const code = text(data, "code");
      if (requestId !== undefined && data.kind === "message_received" && code !== undefined)
        onMessage.current?.(code);
      if (requestId) void client.invalidateQueries({ queryKey: requestKeys.detail(requestId) });
      void client.invalidateQueries({ queryKey: requestKeys.all });
      // Issue 19: a change the user sees may have notified them (a cooperating slip, a reopening).
      void client.invalidateQueries({ queryKey: notificationKeys.all });
    });
    // The switchboard (issue 12): the desk's live calls and callback queue, a request's calls.
    source.addEventListener("call", (event) => {
      void client.invalidateQueries({ queryKey: callKeys.all });
      // A malformed event still refreshed the calls.
      const data = readEvent(event);
      const callId = text(data, "callId");
      if (callId !== undefined) {
        onCallRef.current?.({
          callId,
          kind: text(data, "kind") ?? "",
          agentId: text(data, "agentId") ?? null,
          result: text(data, "result"),
        });
      }
    });
    // Issue 19: a mention reaches only the mentioned user's consoles; the notes refresh.
    source.addEventListener("mention", (event) => {
      // A malformed mention is dropped; the notes show it on the next read.
      const data = readEvent(event);
      const requestId = text(data, "requestId");
      const code = text(data, "code");
      if (requestId === undefined || code === undefined) return;
      void client.invalidateQueries({ queryKey: noteKeys.notes(requestId) });
      void client.invalidateQueries({ queryKey: notificationKeys.all });
      onNoticeRef.current?.({ kind: "mention", requestId, code, by: text(data, "by") ?? "" });
    });
    // A notification no request event brings (a message that reached no requester): the bell and
    // the request's messages refresh, and the user is told.
    source.addEventListener("notification", (event) => {
      void client.invalidateQueries({ queryKey: notificationKeys.all });
      const data = readEvent(event);
      const requestId = text(data, "requestId");
      const code = text(data, "code");
      if (requestId === undefined || code === undefined || data.kind !== "requester_unreached") return;
      void client.invalidateQueries({ queryKey: requestKeys.detail(requestId) });
      onNoticeRef.current?.({ kind: "requester_unreached", requestId, code, by: "" });
    });
    return () => source.close();
  }, [client, enabled]);
  return state;
}

/** An event's JSON object; anything else (malformed, not an object) reads as an empty one. */
function readEvent(event: Event): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse((event as MessageEvent<string>).data);
    return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A string field of an event, or undefined. */
const text = (data: Record<string, unknown>, key: string): string | undefined =>
  typeof data[key] === "string" ? data[key] : undefined;
