import { createHash, createHmac, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ctiTransferCommand, type TransferResult } from "../../src/shared/schemas/cti.js";
import { createCtiSender } from "../common/cti-sender.js";
import { listenOn, readBody, sendJson, verifiedCommand } from "../common/http.js";
import { recordingSigOk, recordingUrl } from "../common/recording-link.js";

export interface CloudAdapterConfig {
  serverUrl: string;
  secret: string;
  port: number;
  host: string;
  /** How the provider and the server reach this adapter (webhook and recording URLs). */
  publicUrl?: string;
  /** The provider's REST base, e.g. https://api.stringee.com. */
  apiUrl: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** Events from another account are refused (Chatwoot's Stringee job checks the same). */
  accountSid?: string;
  /** The shared token in the answer_url / event_url configured at the provider (`?token=`). */
  webhookToken: string;
  /** Our hotline number at the provider (caller id of transfers and callbacks). */
  hotlineNumber: string;
  /** Where calls ring: the provider's user id (or queue) of the operators. */
  operatorUserId: string;
  /** Provider user id → console username. */
  agents: Record<string, string>;
  transferTimeoutSec: number;
  retry?: { baseDelayMs: number; maxDelayMs: number };
  log?: (line: string) => void;
}

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const rec = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** `X-STRINGEE-AUTH`: a JWT HS256 `{typ:JWT, cty:"stringee-api;v=1"}` `{jti, iss, exp, rest_api:true}`. */
export function restToken(sid: string, secret: string, nowS = Math.floor(Date.now() / 1000)): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const head = b64({ typ: "JWT", alg: "HS256", cty: "stringee-api;v=1" });
  const body = b64({
    jti: `${sid}-${nowS}-${randomUUID().slice(0, 8)}`,
    iss: sid,
    exp: nowS + 3600,
    rest_api: true,
  });
  const sig = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${sig}`;
}

/** SIP final response of a failed connect ("486 Busy Here") → the transfer result. */
export function transferResultOfSip(cause: string): TransferResult {
  const code = Number(/\b([1-6]\d\d)\b/.exec(cause)?.[1] ?? 0);
  if (code === 486 || code === 600) return "busy";
  if (code === 480 || code === 408 || code === 487) return "no_answer";
  if (code === 603 || code === 403) return "rejected";
  if (code === 404 || code === 484 || code === 410 || code === 503 || code === 502) return "unreachable";
  return "failed";
}

interface Call {
  callId: string;
  from: string;
  to: string;
  direction: "in" | "out";
  answered: boolean;
  ended: boolean;
}

/**
 * A cloud call centre's webhooks translated to the CTI events (Stringee's documented shape,
 * INTEGRATIONS §4d): `answer_url` answers with SCCO (record the call, connect it to the operators),
 * `event_url` POSTs `call_status` changes, the record action's `eventUrl` says the recording exists,
 * a transfer is a `putactions` connect to the agency whose outcome comes back on `event_url`
 * (answered) or `onFailEventUrl` (the SIP cause).
 */
export async function startCloudAdapter(c: CloudAdapterConfig) {
  const sender = createCtiSender({ serverUrl: c.serverUrl, secret: c.secret, ...c.retry, log: c.log });
  const calls = new Map<string, Call>();
  const transfers = new Map<string, { callId: string; to: string; agencyCode: string; done: boolean }>();
  const recordings = new Map<string, string>();
  let base = c.publicUrl ?? "";
  const hook = (path: string, extra = "") =>
    `${base}${path}?token=${encodeURIComponent(c.webhookToken)}${extra}`;
  const api = async (path: string, body: unknown) => {
    const res = await fetch(`${c.apiUrl.replace(/\/+$/, "")}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-stringee-auth": restToken(c.apiKeySid, c.apiKeySecret),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = rec(await res.json().catch(() => ({})));
    if (!res.ok || Number(json.r) !== 0)
      throw new Error(`provider ${path}: ${res.status} r=${str(json.r)} ${str(json.message)}`);
    return json;
  };
  const connectOperator = (fromNumber: string) => ({
    action: "connect",
    from: { type: "external", number: fromNumber, alias: fromNumber },
    to: { type: "internal", number: c.operatorUserId, alias: c.operatorUserId },
    timeout: 45,
    continueOnFail: true,
    onFailEventUrl: hook("/fail"),
  });
  const digits = (e164: string) => e164.replace(/^\+/, "");
  const fetchRecording = (url: string) =>
    fetch(url, {
      headers: { "x-stringee-auth": restToken(c.apiKeySid, c.apiKeySecret) },
      signal: AbortSignal.timeout(30_000),
    });

  async function onWebhook(path: string, url: URL, body: Record<string, unknown>, res: ServerResponse) {
    if (path === "/answer") {
      const callId = url.searchParams.get("uuid") ?? "";
      const from = url.searchParams.get("from") ?? "anonymous";
      const to = url.searchParams.get("to") ?? c.hotlineNumber;
      if (!callId) return sendJson(res, 400, {});
      if (!calls.has(callId)) {
        calls.set(callId, { callId, from, to, direction: "in", answered: false, ended: false });
        sender.send({ event: "call.new", callId, from, to, direction: "in" });
      }
      return sendJson(res, 200, [
        { action: "record", eventUrl: hook("/record"), format: "mp3" },
        connectOperator(to),
      ]);
    }
    if (c.accountSid && body.account_sid !== undefined && str(body.account_sid) !== c.accountSid) {
      return sendJson(res, 403, {});
    }
    const callId = str(body.call_id);
    const call = calls.get(callId);
    if (path === "/event" && call) {
      const status = str(body.call_status);
      const to = rec(body.to);
      const pending = [...transfers.entries()].find(([, t]) => t.callId === callId && !t.done);
      if (status === "ringing" && !call.answered) {
        sender.send({
          event: "call.ringing",
          callId,
          from: call.from,
          to: call.to,
          direction: call.direction,
        });
      } else if (
        status === "answered" &&
        pending &&
        str(to.type) === "external" &&
        str(to.number) === digits(pending[1].to)
      ) {
        pending[1].done = true;
        sender.send({
          event: "call.transfer.result",
          callId,
          to: pending[1].to,
          agencyCode: pending[1].agencyCode,
          result: "connected",
        });
      } else if (status === "answered" && !call.answered) {
        call.answered = true;
        const agent = c.agents[str(to.number)];
        sender.send({
          event: "call.answered",
          callId,
          from: call.from,
          to: call.to,
          direction: call.direction,
          ...(agent ? { agent } : {}),
        });
      } else if (status === "ended" && !call.ended) {
        call.ended = true;
        const cause = str(body.endCallCause) || "normalClearing";
        sender.send({
          event: "call.hangup",
          callId,
          from: call.from,
          to: call.to,
          direction: call.direction,
          cause: cause.slice(0, 200),
        });
      }
      return sendJson(res, 200, {});
    }
    if (path === "/fail") {
      const transferId = url.searchParams.get("transferId") ?? "";
      const t = transfers.get(transferId);
      if (t && !t.done) {
        t.done = true;
        const cause = str(body.endCallCause) || str(body.reason) || "failed";
        sender.send({
          event: "call.transfer.result",
          callId: t.callId,
          to: t.to,
          agencyCode: t.agencyCode,
          result: transferResultOfSip(cause),
          cause: cause.slice(0, 200),
        });
      }
      return sendJson(res, 200, []);
    }
    if (path === "/record" && call) {
      const source = str(body.recording_url) || str(body.url);
      if (!/^https?:\/\//.test(source)) return sendJson(res, 400, {});
      const file = await fetchRecording(source);
      if (!file.ok) return sendJson(res, 502, {});
      const bytes = Buffer.from(await file.arrayBuffer());
      recordings.set(callId, source);
      sender.send({
        event: "call.recording.ready",
        callId,
        recording: {
          url: recordingUrl(base, c.secret, callId),
          sha256: createHash("sha256").update(bytes).digest("hex"),
          bytes: bytes.length,
          mime: file.headers.get("content-type") ?? "audio/mpeg",
        },
      });
      return sendJson(res, 200, {});
    }
    return sendJson(res, 200, {});
  }

  async function onCommand(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://adapter");
    if (req.method === "GET" && url.pathname.startsWith("/recordings/")) {
      const name = decodeURIComponent(url.pathname.slice("/recordings/".length));
      const source = recordings.get(name);
      if (!recordingSigOk(c.secret, name, url.searchParams.get("sig")) || !source)
        return sendJson(res, 403, {});
      const file = await fetchRecording(source);
      if (!file.ok) return sendJson(res, 502, {});
      const bytes = Buffer.from(await file.arrayBuffer());
      res.writeHead(200, {
        "content-type": file.headers.get("content-type") ?? "audio/mpeg",
        "content-length": bytes.length,
      });
      return void res.end(bytes);
    }
    const raw = await readBody(req);
    if (["/answer", "/event", "/fail", "/record"].includes(url.pathname)) {
      if (url.searchParams.get("token") !== c.webhookToken) return sendJson(res, 401, {});
      let body: Record<string, unknown> = {};
      try {
        body = raw.length > 0 ? rec(JSON.parse(raw.toString("utf8"))) : {};
      } catch {
        return sendJson(res, 400, {});
      }
      return onWebhook(url.pathname, url, body, res);
    }
    if (req.method !== "POST") return sendJson(res, 404, {});
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
      transfers.set(transferId, {
        callId: call.callId,
        to: parsed.data.to,
        agencyCode: parsed.data.agencyCode,
        done: false,
      });
      const number = digits(parsed.data.to);
      try {
        await api("/v1/call2/putactions", {
          callId: call.callId,
          actions: [
            {
              action: "connect",
              from: { type: "external", number: c.hotlineNumber, alias: c.hotlineNumber },
              to: { type: "external", number, alias: number },
              timeout: c.transferTimeoutSec,
              continueOnFail: true,
              onFailEventUrl: hook("/fail", `&transferId=${transferId}`),
            },
          ],
        });
      } catch (e) {
        transfers.delete(transferId);
        return sendJson(res, 502, { error: e instanceof Error ? e.message : "provider" });
      }
      return sendJson(res, 202, { transferId });
    }
    if (url.pathname === "/calls") {
      const to = str(body.to);
      if (!/^\+\d{6,15}$/.test(to)) return sendJson(res, 400, { error: "invalid" });
      let callId: string;
      try {
        const answer = await api("/v1/call2/callout", {
          from: { type: "external", number: c.hotlineNumber, alias: c.hotlineNumber },
          to: [{ type: "external", number: digits(to), alias: digits(to) }],
          actions: [
            { action: "record", eventUrl: hook("/record"), format: "mp3" },
            connectOperator(digits(to)),
          ],
        });
        callId = str(answer.call_id);
      } catch (e) {
        return sendJson(res, 502, { error: e instanceof Error ? e.message : "provider" });
      }
      calls.set(callId, {
        callId,
        from: c.hotlineNumber,
        to,
        direction: "out",
        answered: false,
        ended: false,
      });
      // The missed call this one answers: the server takes it off the callback queue (docs/phone.md).
      const callbackOf = str(body.callbackOf) || undefined;
      sender.send({ event: "call.new", callId, from: c.hotlineNumber, to, direction: "out", callbackOf });
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
  base ||= `http://${c.host}:${http.port}`;
  return {
    url: `http://${c.host}:${http.port}`,
    sender,
    settled: () => sender.idle(),
    async close(): Promise<void> {
      sender.close();
      await http.close();
    },
  };
}
