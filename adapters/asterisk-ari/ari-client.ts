import WebSocket from "ws";

export interface AriOptions {
  /** http://pbx:8088 (the ARI base is `${url}/ari`). */
  url: string;
  user: string;
  password: string;
  app: string;
}

export type AriEvent = { type: string } & Record<string, unknown>;

/**
 * The two halves of ARI (INTEGRATIONS §4b): REST under `/ari` with HTTP Basic auth, and the events
 * WebSocket `/ari/events?app=<app>&api_key=<user>:<password>`, one JSON message per event.
 */
export function createAriClient(o: AriOptions) {
  const base = `${o.url.replace(/\/+$/, "")}/ari`;
  const auth = `Basic ${Buffer.from(`${o.user}:${o.password}`).toString("base64")}`;

  async function request(
    method: string,
    path: string,
    query: Record<string, string | number> = {},
    body?: unknown,
  ) {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const res = await fetch(`${base}${path}${qs.size > 0 ? `?${qs}` : ""}`, {
      method,
      headers: { authorization: auth, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    return res;
  }

  async function call(
    method: string,
    path: string,
    query: Record<string, string | number> = {},
    body?: unknown,
  ) {
    const res = await request(method, path, query, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`ARI ${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  return {
    call,
    request,
    /** Connects the events WebSocket; resolves once open. */
    connect(onEvent: (e: AriEvent) => void): Promise<WebSocket> {
      const wsUrl = `${base.replace(/^http/, "ws")}/events?app=${encodeURIComponent(o.app)}&api_key=${encodeURIComponent(`${o.user}:${o.password}`)}`;
      const ws = new WebSocket(wsUrl);
      ws.on("message", (data) => {
        try {
          onEvent(JSON.parse(data.toString()) as AriEvent);
        } catch {
          // not an event
        }
      });
      return new Promise((resolve, reject) => {
        ws.once("open", () => resolve(ws));
        ws.once("error", reject);
      });
    },
  };
}
