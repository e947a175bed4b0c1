import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type WebSocket from "ws";
import { ctiTransferCommand } from "../../src/shared/schemas/cti.js";
import { createCtiSender } from "../common/cti-sender.js";
import { dialable, listenOn, readBody, sendJson, verifiedCommand } from "../common/http.js";
import {
  hangupCauseOf,
  recordingSigOk,
  recordingUrl,
  transferResultOfCause,
} from "../common/recording-link.js";
import { type AriEvent, type AriOptions, createAriClient } from "./ari-client.js";

export interface AriAdapterConfig {
  /** The hotline server; events go to `${serverUrl}/api/v1/cti/events`. */
  serverUrl: string;
  secret: string;
  ari: AriOptions;
  port: number;
  host: string;
  /** How the server reaches this adapter (recording links); default http://host:port. */
  publicUrl?: string;
  /** Where an inbound call rings the operators, e.g. `PJSIP/operators` (a queue or ring group). */
  operatorEndpoint: string;
  /** The SIP trunk agency hotlines and callbacks are dialled through: `PJSIP/<number>@<trunk>`. */
  trunk: string;
  /** Caller id shown on transfers and callbacks. */
  callerId: string;
  /** Operator endpoint resource → console username, e.g. { "201": "operator" }. */
  agents: Record<string, string>;
  transferTimeoutSec: number;
  retry?: { baseDelayMs: number; maxDelayMs: number };
  log?: (line: string) => void;
}

interface Call {
  callId: string;
  citizen: string;
  bridgeId: string;
  direction: "in" | "out";
  from: string;
  to: string;
  operator: string | null;
  answered: boolean;
  ended: boolean;
}
interface Transfer {
  transferId: string;
  callId: string;
  channelId: string;
  to: string;
  agencyCode: string;
  dialStatus: string | null;
  done: boolean;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const rec = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/**
 * The Asterisk ARI adapter (docs/phone-adapters.md): a Stasis application that turns an inbound call
 * into `call.new`/`call.ringing`/`call.answered`/`call.hangup`, puts caller and operator in a mixing
 * bridge and records the bridge (`call.recording.ready`, served from here), and performs supervised
 * transfers and callbacks ordered by the server.
 */
export async function startAriAdapter(c: AriAdapterConfig) {
  const ari = createAriClient(c.ari);
  const sender = createCtiSender({ serverUrl: c.serverUrl, secret: c.secret, ...c.retry, log: c.log });
  const calls = new Map<string, Call>();
  const byChannel = new Map<string, Call>();
  const transfers = new Map<string, Transfer>();
  const log = c.log ?? (() => undefined);
  let publicUrl = c.publicUrl ?? "";
  const safe = (what: string, p: Promise<unknown>) =>
    p.catch((e: unknown) => log(`${what}: ${e instanceof Error ? e.message : String(e)}`));

  const agentOf = (channelName: string): string | undefined => {
    const resource = /^[^/]+\/(.+?)(-[0-9a-f]+)?$/.exec(channelName)?.[1] ?? "";
    return c.agents[resource];
  };

  async function ringOperator(call: Call) {
    await ari.call("POST", "/bridges", { type: "mixing", bridgeId: call.bridgeId, name: call.callId });
    await ari.call("POST", `/bridges/${call.bridgeId}/addChannel`, { channel: call.citizen });
    await ari.call("POST", "/channels", {
      endpoint: c.operatorEndpoint,
      app: c.ari.app,
      appArgs: `operator,${call.callId}`,
      callerId: call.direction === "in" ? call.from : call.to,
      timeout: 30,
      channelId: `op-${call.callId}`,
    });
    sender.send({
      event: "call.ringing",
      callId: call.callId,
      from: call.from,
      to: call.to,
      direction: call.direction,
    });
  }

  async function onStasisStart(e: AriEvent) {
    const channel = rec(e.channel);
    const id = str(channel.id);
    const args = Array.isArray(e.args) ? e.args.map(String) : [];
    if (args[0] === "operator") {
      const call = calls.get(args[1] ?? "");
      if (!call || call.ended) return void (await ari.call("DELETE", `/channels/${id}`));
      call.operator = id;
      if (call.direction === "in") await ari.call("POST", `/channels/${call.citizen}/answer`);
      await ari.call("POST", `/bridges/${call.bridgeId}/addChannel`, { channel: id });
      await ari.call("POST", `/bridges/${call.bridgeId}/record`, {
        name: `rec-${call.callId}`,
        format: "wav",
        ifExists: "overwrite",
      });
      call.answered = true;
      const agent = agentOf(str(channel.name));
      sender.send({
        event: "call.answered",
        callId: call.callId,
        from: call.from,
        to: call.to,
        direction: call.direction,
        ...(agent ? { agent } : {}),
      });
      return;
    }
    if (args[0] === "transfer") {
      const t = transfers.get(args[2] ?? "");
      const call = t ? calls.get(t.callId) : undefined;
      if (!t || !call || call.ended || t.done) return void (await ari.call("DELETE", `/channels/${id}`));
      t.done = true;
      await ari.call("POST", `/bridges/${call.bridgeId}/addChannel`, { channel: id });
      // The agency now talks with the citizen; the operator leaves (the recording is on the bridge).
      if (call.operator) {
        const operator = call.operator;
        call.operator = null;
        await ari.call("POST", `/bridges/${call.bridgeId}/removeChannel`, { channel: operator });
        await safe("operator hangup", ari.call("DELETE", `/channels/${operator}`));
      }
      sender.send({
        event: "call.transfer.result",
        callId: call.callId,
        to: t.to,
        agencyCode: t.agencyCode,
        result: "connected",
        cause: "ANSWER",
      });
      return;
    }
    if (args[0] === "callback") {
      const call = byChannel.get(id);
      if (call) await ringOperator(call);
      return;
    }
    // An inbound call handed to the app by the dialplan: Stasis(hotline,inbound).
    const callId = id;
    const dialplan = rec(channel.dialplan);
    const call: Call = {
      callId,
      citizen: id,
      bridgeId: `b-${callId}`,
      direction: "in",
      from: str(rec(channel.caller).number) || "anonymous",
      to: str(dialplan.exten) || "1022",
      operator: null,
      answered: false,
      ended: false,
    };
    calls.set(callId, call);
    byChannel.set(id, call);
    sender.send({ event: "call.new", callId, from: call.from, to: call.to, direction: "in" });
    await ringOperator(call);
  }

  async function onChannelDestroyed(e: AriEvent) {
    const channel = rec(e.channel);
    const id = str(channel.id);
    const cause = Number(e.cause ?? 0);
    const causeText = `Q.850 ${cause} ${str(e.cause_txt)}`.trim();
    const transfer = [...transfers.values()].find((t) => t.channelId === id);
    if (transfer && !transfer.done) {
      transfer.done = true;
      sender.send({
        event: "call.transfer.result",
        callId: transfer.callId,
        to: transfer.to,
        agencyCode: transfer.agencyCode,
        result: transferResultOfCause(cause, transfer.dialStatus),
        cause: causeText,
      });
      return;
    }
    const call = byChannel.get(id);
    if (!call || call.ended) return;
    call.ended = true;
    sender.send({
      event: "call.hangup",
      callId: call.callId,
      from: call.from,
      to: call.to,
      direction: call.direction,
      cause: call.answered ? hangupCauseOf(cause) : cause === 16 ? "cancel" : hangupCauseOf(cause),
    });
    if (call.operator) await safe("operator hangup", ari.call("DELETE", `/channels/${call.operator}`));
    // Destroying the bridge ends its recording: RecordingFinished follows.
    await safe("bridge destroy", ari.call("DELETE", `/bridges/${call.bridgeId}`));
  }

  async function onRecordingFinished(e: AriEvent) {
    const name = str(rec(e.recording).name);
    const callId = /^rec-(.+)$/.exec(name)?.[1];
    if (!callId || !calls.has(callId)) return;
    const res = await ari.request("GET", `/recordings/stored/${encodeURIComponent(name)}/file`);
    if (!res.ok) return log(`recording ${name}: ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    sender.send({
      event: "call.recording.ready",
      callId,
      recording: {
        url: recordingUrl(publicUrl, c.secret, name),
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes: bytes.length,
        mime: res.headers.get("content-type") ?? "audio/wav",
      },
    });
  }

  function onEvent(e: AriEvent) {
    const handle = async () => {
      if (e.type === "StasisStart") await onStasisStart(e);
      else if (e.type === "ChannelDestroyed") await onChannelDestroyed(e);
      else if (e.type === "RecordingFinished") await onRecordingFinished(e);
      else if (e.type === "Dial") {
        const peer = str(rec(e.peer).id);
        const t = [...transfers.values()].find((x) => x.channelId === peer);
        if (t && str(e.dialstatus)) t.dialStatus = str(e.dialstatus);
      }
    };
    chain = chain.then(() => safe(`event ${e.type}`, handle()));
  }
  let chain: Promise<unknown> = Promise.resolve();

  async function onCommand(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://adapter");
    if (req.method === "GET" && url.pathname.startsWith("/recordings/")) {
      const name = decodeURIComponent(url.pathname.slice("/recordings/".length));
      if (!recordingSigOk(c.secret, name, url.searchParams.get("sig"))) return sendJson(res, 403, {});
      const upstream = await ari.request("GET", `/recordings/stored/${encodeURIComponent(name)}/file`);
      if (!upstream.ok) return sendJson(res, upstream.status === 404 ? 404 : 502, {});
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(200, {
        "content-type": upstream.headers.get("content-type") ?? "audio/wav",
        "content-length": body.length,
      });
      return void res.end(body);
    }
    if (req.method !== "POST") return sendJson(res, 404, {});
    const raw = await readBody(req);
    const body = verifiedCommand(c.secret, req, raw);
    if (!body) return sendJson(res, 401, { error: "signature" });
    const transferPath = /^\/calls\/([^/]+)\/transfer$/.exec(url.pathname);
    if (transferPath) {
      const parsed = ctiTransferCommand.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: "invalid" });
      const call = calls.get(decodeURIComponent(transferPath[1] ?? ""));
      if (!call) return sendJson(res, 404, { error: "unknown_call" });
      if (!call.answered || call.ended) return sendJson(res, 409, { error: "not_live" });
      const transferId = randomUUID();
      const t: Transfer = {
        transferId,
        callId: call.callId,
        channelId: `tr-${transferId}`,
        to: parsed.data.to,
        agencyCode: parsed.data.agencyCode,
        dialStatus: null,
        done: false,
      };
      transfers.set(transferId, t);
      try {
        await ari.call("POST", "/channels", {
          endpoint: `PJSIP/${dialable(t.to)}@${c.trunk}`,
          app: c.ari.app,
          appArgs: `transfer,${call.callId},${transferId}`,
          callerId: c.callerId,
          timeout: c.transferTimeoutSec,
          channelId: t.channelId,
        });
      } catch (e) {
        transfers.delete(transferId);
        return sendJson(res, 502, { error: e instanceof Error ? e.message : "ari" });
      }
      return sendJson(res, 202, { transferId });
    }
    if (url.pathname === "/calls") {
      const to = str(body.to);
      if (!/^\+\d{6,15}$/.test(to)) return sendJson(res, 400, { error: "invalid" });
      const callId = `cb-${randomUUID()}`;
      const call: Call = {
        callId,
        citizen: callId,
        bridgeId: `b-${callId}`,
        direction: "out",
        from: c.callerId,
        to,
        operator: null,
        answered: false,
        ended: false,
      };
      calls.set(callId, call);
      byChannel.set(callId, call);
      try {
        await ari.call("POST", "/channels", {
          endpoint: `PJSIP/${dialable(to)}@${c.trunk}`,
          app: c.ari.app,
          appArgs: `callback,${str(body.callbackOf)}`,
          callerId: c.callerId,
          timeout: 45,
          channelId: callId,
        });
      } catch (e) {
        calls.delete(callId);
        byChannel.delete(callId);
        return sendJson(res, 502, { error: e instanceof Error ? e.message : "ari" });
      }
      // The missed call this one answers: the server takes it off the callback queue (docs/phone.md).
      const callbackOf = str(body.callbackOf) || undefined;
      sender.send({ event: "call.new", callId, from: c.callerId, to, direction: "out", callbackOf });
      return sendJson(res, 202, { callId });
    }
    return sendJson(res, 404, {});
  }

  const http = await listenOn(
    (req, res) => {
      onCommand(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, {});
      });
    },
    c.port,
    c.host,
  );
  publicUrl ||= `http://${c.host}:${http.port}`;
  let closing = false;
  let ws: WebSocket | null = null;
  const connect = async (): Promise<void> => {
    ws = await ari.connect(onEvent);
    ws.on("close", () => {
      if (!closing) setTimeout(() => void connect().catch(() => undefined), 1_000);
    });
  };
  await connect();

  return {
    url: `http://${c.host}:${http.port}`,
    sender,
    /** Resolves when every ARI event received so far is handled and every CTI event delivered. */
    async settled(): Promise<void> {
      await chain;
      await sender.idle();
    },
    async close(): Promise<void> {
      closing = true;
      ws?.close();
      sender.close();
      await http.close();
    },
  };
}
