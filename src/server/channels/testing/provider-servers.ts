import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { madeBeforeAll } from "../../../test/hooks.js";

/**
 * Local HTTP servers that play the providers' side of the Send APIs as the providers document
 * them (docs/channels.md) (mock the outside world at the protocol boundary, never the module under test).
 */
export type ProviderMode = "ok" | "down" | "hang";

export interface Delivered {
  recipient: string;
  text: string;
  metadata: string | null;
}

interface Running {
  url: string;
  close(): Promise<void>;
}

export async function listen(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<Running> {
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handler(req, Buffer.concat(chunks).toString("utf8"), res));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function parse(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Graph API: POST /{page-id}/messages?access_token=… */
export async function startFakeGraph(options: { pageToken: string }) {
  const state = {
    mode: "ok" as ProviderMode,
    pageToken: options.pageToken,
    closedWindow: new Set<string>(),
    delivered: [] as Delivered[],
    calls: 0,
  };
  const running = await listen((req, body, res) => {
    state.calls++;
    const url = new URL(req.url ?? "/", "http://x");
    if (state.mode === "hang") return; // the request never gets an answer
    if (state.mode === "down")
      return json(res, 503, { error: { message: "Service temporarily unavailable", code: 2 } });
    if (req.method !== "POST" || !/^\/[^/]+\/messages$/.test(url.pathname)) return json(res, 404, {});
    if (url.searchParams.get("access_token") !== state.pageToken) {
      return json(res, 400, {
        error: {
          message: "Error validating access token: Session has expired",
          type: "OAuthException",
          code: 190,
        },
      });
    }
    const b = parse(body) as { recipient?: { id?: string }; message?: { text?: string; metadata?: string } };
    const recipient = String(b.recipient?.id ?? "");
    if (state.closedWindow.has(recipient)) {
      return json(res, 400, {
        error: {
          message: "(#10) This message is sent outside of allowed window.",
          type: "OAuthException",
          code: 10,
          error_subcode: 2018278,
        },
      });
    }
    state.delivered.push({
      recipient,
      text: String(b.message?.text ?? ""),
      metadata: b.message?.metadata ?? null,
    });
    json(res, 200, { recipient_id: recipient, message_id: `m_${state.delivered.length}` });
  });
  return { ...running, state };
}

/** Zalo OA: POST /v3.0/oa/message/cs (header access_token) and OAuth v4 token refresh. */
export async function startFakeZalo(options: {
  appId: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}) {
  const state = {
    mode: "ok" as ProviderMode,
    accessToken: options.accessToken,
    refreshToken: options.refreshToken,
    closedWindow: new Set<string>(),
    delivered: [] as Delivered[],
    refreshes: 0,
  };
  const running = await listen((req, body, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (state.mode === "hang") return;
    if (state.mode === "down") return json(res, 502, { error: -1, message: "Bad gateway" });
    if (url.pathname === "/v4/oa/access_token") {
      const form = new URLSearchParams(body);
      if (req.headers.secret_key !== options.appSecret || form.get("app_id") !== options.appId) {
        return json(res, 200, { error: -14002, error_name: "Invalid app secret" });
      }
      // Single-use refresh token: the old one stops working once exchanged.
      if (form.get("refresh_token") !== state.refreshToken || form.get("grant_type") !== "refresh_token") {
        return json(res, 200, { error: -14014, error_name: "Invalid refresh token" });
      }
      state.refreshes++;
      state.accessToken = `at-${state.refreshes}`;
      state.refreshToken = `rt-${state.refreshes}`;
      return json(res, 200, {
        access_token: state.accessToken,
        refresh_token: state.refreshToken,
        expires_in: "90000",
      });
    }
    if (url.pathname !== "/v3.0/oa/message/cs") return json(res, 404, {});
    if (req.headers.access_token !== state.accessToken)
      return json(res, 200, { error: -216, message: "Access token is invalid" });
    const b = parse(body) as { recipient?: { user_id?: string }; message?: { text?: string } };
    const recipient = String(b.recipient?.user_id ?? "");
    if (state.closedWindow.has(recipient)) {
      return json(res, 200, {
        error: -230,
        message: "User has not interacted with the OA in the past 7 days",
      });
    }
    state.delivered.push({ recipient, text: String(b.message?.text ?? ""), metadata: null });
    json(res, 200, {
      error: 0,
      message: "Success",
      data: { message_id: `z${state.delivered.length}`, user_id: recipient },
    });
  });
  return { ...running, state };
}

/** A fake Graph API for one test file (or describe block): started in beforeAll, closed after it. */
export const useFakeGraph = (options: Parameters<typeof startFakeGraph>[0]) =>
  madeBeforeAll(
    () => startFakeGraph(options),
    (graph) => graph.close(),
  );

/** A fake Zalo OA API for one test file (or describe block): started in beforeAll, closed after it. */
export const useFakeZalo = (options: Parameters<typeof startFakeZalo>[0]) =>
  madeBeforeAll(
    () => startFakeZalo(options),
    (zalo) => zalo.close(),
  );
