import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { WebSocket, WebSocketServer } from "ws";
import { listenOn, readBody, sendJson } from "../common/http.js";

/** What a dialled endpoint does: answer, or end before answering with a Q.850 cause. */
export type DialOutcome = { answer: true } | { cause: number; cause_txt: string; dialstatus?: string };

interface Channel {
  id: string;
  name: string;
  state: "Down" | "Ring" | "Up";
  caller: { number: string; name: string };
  dialplan: { context: string; exten: string; priority: number };
}

/**
 * A protocol-level Asterisk ARI (INTEGRATIONS §4b), from the documented REST resources and event
 * sequences: Basic auth on `/ari/*`, the events WebSocket `/ari/events?app=&api_key=user:pass`,
 * channels (originate, answer, hangup), mixing bridges with recording, stored recordings. The test
 * decides what each originated endpoint does (`outcome`), rings inbound calls and hangs them up.
 */
export async function startFakeAri(o: { user: string; password: string; app: string }) {
  const channels = new Map<string, Channel>();
  const bridges = new Map<string, { channels: Set<string>; recording: string | null }>();
  const stored = new Map<string, Buffer>();
  const state = {
    requests: [] as { method: string; path: string; params: Record<string, string> }[],
    outcome: (_endpoint: string): DialOutcome => ({ answer: true }),
    stored,
    channels,
  };
  const sockets = new Set<WebSocket>();
  let seq = 0;
  const emit = (type: string, body: Record<string, unknown>) => {
    const msg = JSON.stringify({ type, application: o.app, timestamp: new Date().toISOString(), ...body });
    for (const s of sockets) if (s.readyState === WebSocket.OPEN) s.send(msg);
  };
  const destroy = (id: string, cause: number, cause_txt: string) => {
    const ch = channels.get(id);
    if (!ch) return false;
    channels.delete(id);
    for (const b of bridges.values()) b.channels.delete(id);
    emit("StasisEnd", { channel: ch });
    emit("ChannelDestroyed", { channel: ch, cause, cause_txt });
    return true;
  };
  const authOk = (req: IncomingMessage) =>
    req.headers.authorization === `Basic ${Buffer.from(`${o.user}:${o.password}`).toString("base64")}`;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://ari");
    if (!authOk(req)) return sendJson(res, 401, { message: "Authentication required" });
    const raw = await readBody(req);
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (raw.length > 0) Object.assign(params, JSON.parse(raw.toString("utf8")));
    const p = url.pathname.replace(/^\/ari/, "");
    state.requests.push({ method: req.method ?? "", path: p, params });
    const answer = /^\/channels\/([^/]+)\/answer$/.exec(p);
    const channel = /^\/channels\/([^/]+)$/.exec(p);
    const bridgeOp = /^\/bridges\/([^/]+)\/(addChannel|removeChannel|record)$/.exec(p);
    const bridge = /^\/bridges\/([^/]+)$/.exec(p);
    const file = /^\/recordings\/stored\/([^/]+)\/file$/.exec(p);
    if (req.method === "POST" && p === "/channels") {
      const id = params.channelId ?? randomUUID();
      const ch: Channel = {
        id,
        name: `${params.endpoint?.split("@")[0] ?? "PJSIP/x"}-${(++seq).toString(16).padStart(8, "0")}`,
        state: "Down",
        caller: { number: params.callerId ?? "", name: "" },
        dialplan: { context: "default", exten: "s", priority: 1 },
      };
      channels.set(id, ch);
      sendJson(res, 200, ch);
      setTimeout(() => {
        const outcome = state.outcome(params.endpoint ?? "");
        emit("Dial", { peer: ch, dialstring: params.endpoint, dialstatus: "PROGRESS" });
        if ("answer" in outcome) {
          ch.state = "Up";
          emit("Dial", { peer: ch, dialstring: params.endpoint, dialstatus: "ANSWER" });
          emit("ChannelStateChange", { channel: ch });
          emit("StasisStart", { args: (params.appArgs ?? "").split(","), channel: ch });
        } else {
          if (outcome.dialstatus) emit("Dial", { peer: ch, dialstatus: outcome.dialstatus });
          destroy(id, outcome.cause, outcome.cause_txt);
        }
      }, 5);
      return;
    }
    if (req.method === "POST" && answer) {
      const ch = channels.get(answer[1] ?? "");
      if (!ch) return sendJson(res, 404, { message: "Channel not found" });
      ch.state = "Up";
      emit("ChannelStateChange", { channel: ch });
      return void res.writeHead(204).end();
    }
    if (req.method === "DELETE" && channel) {
      if (!destroy(channel[1] ?? "", 16, "Normal Clearing"))
        return sendJson(res, 404, { message: "Channel not found" });
      return void res.writeHead(204).end();
    }
    if (req.method === "POST" && p === "/bridges") {
      const id = params.bridgeId ?? randomUUID();
      bridges.set(id, { channels: new Set(), recording: null });
      return sendJson(res, 200, { id, technology: "simple_bridge", bridge_type: "mixing", channels: [] });
    }
    if (req.method === "POST" && bridgeOp) {
      const r = bridgeOp;
      const b = bridges.get(r[1] ?? "");
      if (!b) return sendJson(res, 404, { message: "Bridge not found" });
      if (r[2] === "record") {
        b.recording = params.name ?? "rec";
        emit("RecordingStarted", {
          recording: { name: b.recording, format: params.format, state: "recording" },
        });
        return sendJson(res, 201, { name: b.recording, format: params.format, state: "queued" });
      }
      const ch = channels.get(params.channel ?? "");
      if (!ch) return sendJson(res, 400, { message: "Channel not found" });
      if (r[2] === "addChannel") b.channels.add(ch.id);
      else b.channels.delete(ch.id);
      emit(r[2] === "addChannel" ? "ChannelEnteredBridge" : "ChannelLeftBridge", {
        channel: ch,
        bridge: { id: r[1] },
      });
      return void res.writeHead(204).end();
    }
    if (req.method === "DELETE" && bridge) {
      const r = bridge;
      const b = bridges.get(r[1] ?? "");
      if (!b) return sendJson(res, 404, { message: "Bridge not found" });
      bridges.delete(r[1] ?? "");
      res.writeHead(204).end();
      if (b.recording) {
        stored.set(
          b.recording,
          Buffer.concat([Buffer.from("RIFF"), Buffer.from(`recording of ${b.recording}`)]),
        );
        emit("RecordingFinished", {
          recording: { name: b.recording, format: "wav", state: "done", duration: 42 },
        });
      }
      return;
    }
    if (req.method === "GET" && file) {
      const bytes = stored.get(decodeURIComponent(file[1] ?? ""));
      if (!bytes) return sendJson(res, 404, { message: "Recording not found" });
      res.writeHead(200, { "content-type": "audio/wav", "content-length": bytes.length });
      return void res.end(bytes);
    }
    sendJson(res, 404, { message: "Not found" });
  }

  const http = await listenOn(
    (req, res) => void handle(req, res).catch(() => sendJson(res, 500, {})),
    0,
    "127.0.0.1",
  );
  const wss = new WebSocketServer({ noServer: true });
  http.server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://ari");
    if (
      url.pathname !== "/ari/events" ||
      url.searchParams.get("app") !== o.app ||
      url.searchParams.get("api_key") !== `${o.user}:${o.password}`
    ) {
      socket.write("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return socket.destroy();
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("close", () => sockets.delete(ws));
    });
  });

  return {
    url: `http://127.0.0.1:${http.port}`,
    state,
    /** An inbound call reaches `Stasis(app,inbound)`: StasisStart with the caller. Returns the channel id. */
    ring(from: string, exten = "1022"): string {
      const id = `${Date.now()}.${++seq}`;
      const ch: Channel = {
        id,
        name: `PJSIP/trunk-${seq.toString(16).padStart(8, "0")}`,
        state: "Ring",
        caller: { number: from, name: "" },
        dialplan: { context: "from-trunk", exten, priority: 1 },
      };
      channels.set(id, ch);
      emit("StasisStart", { args: ["inbound"], channel: ch });
      return id;
    },
    /** The far end hangs up. */
    hangup(id: string, cause = 16): void {
      destroy(id, cause, cause === 16 ? "Normal Clearing" : "");
    },
    clients: () => sockets.size,
    async close() {
      for (const s of sockets) s.terminate();
      wss.close();
      await http.close();
    },
  };
}
