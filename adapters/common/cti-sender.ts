import { randomUUID } from "node:crypto";
import { type CtiEvent, ctiEvent } from "../../src/shared/schemas/cti.js";
import { signPayload } from "../../src/shared/signature.js";

/** An event as an adapter builds it: eventId and at are filled in when missing. */
export type EventDraft = {
  [K in CtiEvent["event"]]: Omit<Extract<CtiEvent, { event: K }>, "eventId" | "at"> & {
    eventId?: string;
    at?: string;
  };
}[CtiEvent["event"]];

export interface SenderOptions {
  /** The server's base URL; events go to `${serverUrl}/api/v1/cti/events`. */
  serverUrl: string;
  secret: string;
  /** First retry delay; doubles up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  log?: (line: string) => void;
}

/**
 * Posts CTI events to the server (docs/phone-adapters.md): each event is validated against the
 * shared `ctiEvent` schema, serialised once — so its `eventId` and body stay the same on every retry
 * and the server's idempotency holds — then signed afresh per attempt (`X-CTI-Timestamp`,
 * `X-CTI-Signature`). Events leave in order; while the server is down or answers 5xx/429 the queue
 * waits and retries with back-off; a 4xx other than 429 is logged and dropped (it will not change).
 */
export function createCtiSender(o: SenderOptions) {
  const base = o.baseDelayMs ?? 1_000;
  const max = o.maxDelayMs ?? 60_000;
  const url = `${o.serverUrl.replace(/\/+$/, "")}/api/v1/cti/events`;
  const queue: { body: string; event: CtiEvent }[] = [];
  let running: Promise<void> | null = null;
  let closed = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function attempt(body: string): Promise<"ok" | "retry" | "drop"> {
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cti-timestamp": String(timestamp),
          "x-cti-signature": signPayload(o.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return "ok";
      return res.status >= 500 || res.status === 429 || res.status === 401 ? "retry" : "drop";
    } catch {
      return "retry";
    }
  }

  async function pump(): Promise<void> {
    while (queue.length > 0 && !closed) {
      const item = queue[0];
      if (!item) break;
      let tries = 0;
      for (;;) {
        const outcome = await attempt(item.body);
        if (outcome === "ok") break;
        if (outcome === "drop") {
          o.log?.(`event ${item.event.eventId} refused by the server; dropped`);
          break;
        }
        if (closed) return;
        tries++;
        await sleep(Math.min(max, base * 2 ** (tries - 1)));
        if (closed) return;
      }
      queue.shift();
    }
  }

  return {
    /** Queues one event; returns it as sent (with its eventId). Throws if it breaks the contract. */
    send(draft: EventDraft): CtiEvent {
      const event = ctiEvent.parse({ eventId: randomUUID(), at: new Date().toISOString(), ...draft });
      queue.push({ body: JSON.stringify(event), event });
      running ??= pump().finally(() => {
        running = null;
        if (queue.length > 0 && !closed) running = pump();
      });
      return event;
    },
    /** Resolves when every queued event has been accepted (or dropped). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    get pending(): number {
      return queue.length;
    },
    close(): void {
      closed = true;
      wake?.();
    },
  };
}

export type CtiSender = ReturnType<typeof createCtiSender>;
