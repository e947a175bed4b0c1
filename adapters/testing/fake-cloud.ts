import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { listenOn, readBody, sendJson } from "../common/http.js";

/** What an agency number does when the call is connected to it: answer, or fail with a SIP cause. */
export type ConnectOutcome = "answer" | { endCallCause: string };

/**
 * A protocol-level cloud call centre in Stringee's documented shape (INTEGRATIONS §4d): it calls
 * the tenant's `answer_url` (GET from, to, uuid) and runs the SCCO it gets back (record, connect),
 * POSTs `call_status` changes to `event_url`, the recording to the record action's `eventUrl`, and
 * a failed connect to `onFailEventUrl`; its REST API (`/v1/call2/putactions`, `/v1/call2/callout`,
 * recording files) wants `X-STRINGEE-AUTH`, a JWT HS256 signed with the API key secret.
 */
export async function startFakeCloud(o: { apiKeySid: string; apiKeySecret: string; accountSid: string }) {
  const state = {
    answerUrl: "",
    eventUrl: "",
    outcome: (_number: string): ConnectOutcome => "answer",
    actions: [] as { path: string; body: Record<string, unknown> }[],
    recordUrls: new Map<string, string>(),
    unauthorized: 0,
  };
  let seq = 0;
  const post = async (url: string, body: Record<string, unknown>) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account_sid: o.accountSid, timestamp_ms: Date.now(), ...body }),
    });
    return res.status;
  };
  const jwtOk = (req: IncomingMessage) => {
    const token = String(req.headers["x-stringee-auth"] ?? "");
    const [h, p, s] = token.split(".");
    if (!h || !p || !s) return false;
    const expected = Buffer.from(
      createHmac("sha256", o.apiKeySecret).update(`${h}.${p}`).digest("base64url"),
    );
    if (expected.length !== Buffer.from(s).length || !timingSafeEqual(expected, Buffer.from(s))) return false;
    const head = JSON.parse(Buffer.from(h, "base64url").toString()) as Record<string, unknown>;
    const body = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
    return (
      head.cty === "stringee-api;v=1" &&
      body.iss === o.apiKeySid &&
      body.rest_api === true &&
      Number(body.exp) > Date.now() / 1000
    );
  };
  const event = (callId: string, status: string, extra: Record<string, unknown> = {}) =>
    post(state.eventUrl, { call_status: status, call_id: callId, ...extra });

  /** Runs the SCCO actions of a call as the platform would. */
  async function run(callId: string, actions: Record<string, unknown>[]) {
    for (const a of actions) {
      if (a.action === "record") state.recordUrls.set(callId, String(a.eventUrl));
      if (a.action !== "connect") continue;
      const to = a.to as { type: string; number: string };
      if (to.type === "internal") {
        await event(callId, "ringing", { to });
        await event(callId, "answered", { to });
        continue;
      }
      const outcome = state.outcome(to.number);
      if (outcome === "answer") await event(callId, "answered", { to });
      else await post(String(a.onFailEventUrl), { call_id: callId, endCallCause: outcome.endCallCause });
    }
  }

  const http = await listenOn(
    (req, res) => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://cloud");
        if (!jwtOk(req)) {
          state.unauthorized++;
          return sendJson(res, 401, { r: 1, message: "X-STRINGEE-AUTH invalid" });
        }
        if (req.method === "GET" && url.pathname.startsWith("/recordings/")) {
          const bytes = Buffer.from(`ID3 mp3 of ${url.pathname}`);
          res.writeHead(200, { "content-type": "audio/mpeg", "content-length": bytes.length });
          return void res.end(bytes);
        }
        const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as Record<string, unknown>;
        state.actions.push({ path: url.pathname, body });
        if (url.pathname === "/v1/call2/putactions") {
          sendJson(res, 200, { r: 0, message: "OK" });
          return void setTimeout(
            () => void run(String(body.callId), body.actions as Record<string, unknown>[]),
            5,
          );
        }
        if (url.pathname === "/v1/call2/callout") {
          const callId = `call-vn-out-${++seq}`;
          sendJson(res, 200, { r: 0, message: "OK", call_id: callId });
          return void setTimeout(() => void run(callId, body.actions as Record<string, unknown>[]), 5);
        }
        sendJson(res, 404, { r: 404 });
      })();
    },
    0,
    "127.0.0.1",
  );
  const url = `http://127.0.0.1:${http.port}`;
  return {
    url,
    state,
    /** A citizen calls the hotline number: the platform asks answer_url and runs the SCCO. */
    async incoming(from: string, to: string): Promise<string> {
      const callId = `call-vn-${++seq}`;
      const q = new URLSearchParams({ from, to, uuid: callId, fromInternal: "false" });
      const res = await fetch(`${state.answerUrl}&${q}`);
      if (res.status !== 200) throw new Error(`answer_url ${res.status}`);
      await post(state.eventUrl, { call_status: "created", call_id: callId });
      await run(callId, (await res.json()) as Record<string, unknown>[]);
      return callId;
    },
    /** The call ends; the recording of the record action is announced to its eventUrl. */
    async hangup(callId: string, endCallCause = "USER_END_CALL") {
      await event(callId, "ended", { endCallCause, callCreatedReason: "EXTERNAL_CALL_IN", duration: 42 });
      const recordUrl = state.recordUrls.get(callId);
      if (recordUrl)
        await post(recordUrl, { call_id: callId, recording_url: `${url}/recordings/${callId}.mp3` });
    },
    close: http.close,
  };
}
