import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, expect } from "vitest";
import { callView } from "../../../shared/schemas/calls.js";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { signPayload } from "../../../shared/signature.js";
import type { TestApp } from "../../../test/harness.js";
import { madeBeforeAll } from "../../../test/hooks.js";
import { json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { startCtiAdapter, startRecordingHost } from "../../channels/testing/cti-adapter.js";
import { execRaw } from "../../db/client.js";
import type { CallLiveEvent, LiveEvent } from "../../services/live-bus.js";

export const SECRET = "cti-test-secret-0123456789";
export const TOKEN = "generic-token-0123456789abcdef";
export const AUDIO = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
export const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** One switchboard event signed with `secret`, posted in-process (no adapter stand-in); the response. */
export function injectCtiEvent(app: TestApp["app"], secret: string, event: Record<string, unknown>) {
  const raw = JSON.stringify(event);
  const ts = Math.floor(Date.now() / 1000);
  return app.inject({
    method: "POST",
    url: "/api/v1/cti/events",
    headers: {
      "content-type": "application/json",
      "x-cti-timestamp": String(ts),
      "x-cti-signature": signPayload(secret, ts, raw),
    },
    payload: raw,
  });
}

/** The intake body of a request taken on call `callId` (the caller's number is 0912 345 678). */
export const phoneIntake = (callId: string, email?: string) => ({
  channel: "phone",
  requester: { fullName: "Nguyễn Văn An", phone: "0912345678", address: "Thọ Xuân", email },
  content: "Hỏi về lịch tiêm chủng mở rộng cho trẻ dưới 1 tuổi tại trạm y tế xã.",
  call: { callId },
});

/**
 * The switchboard end to end over real HTTP (issue 12), shared by phone.test.ts and
 * phone.events.test.ts: a PBX adapter stand-in on 127.0.0.1 posts signed events, receives the signed
 * transfer and callback commands, answers 202 and reports back; a recording host serves the audio.
 * Call it inside a `describe`: each file gets its own server, database and switchboard.
 */
export function useSwitchboard() {
  const adapter = madeBeforeAll(
    () => startCtiAdapter(SECRET, (): Date => s.t.clock.now()),
    (a) => a.close(),
  );
  const rec = madeBeforeAll(startRecordingHost, (r) => r.down());
  const s = useStaffApp({ users: ["operator"] }, () => ({
    CTI_SECRET: SECRET,
    CTI_GENERIC_TOKEN: TOKEN,
    CTI_ADAPTER_URL: adapter.url,
    CTI_RECORDING_HOSTS: `localhost, 127.0.0.1:${rec.port}`,
  }));
  const calls: CallLiveEvent[] = [];
  const requests: LiveEvent[] = [];
  let n = 0;
  // The switchboard's clock agrees with the server's (the test's clock).
  const ev = (e: Record<string, unknown>) =>
    adapter.post({ eventId: `e-${++n}`, at: s.t.clock.now().toISOString(), ...e });
  const getCall = async (id: string) =>
    json(await s.operator.inject({ url: `/api/v1/calls/${id}` }), callView);

  /** The recording of a call as the switchboard announces it: AUDIO at `path` on the recording host. */
  const announced = (path: string, { sha256 = sha(AUDIO), host = "127.0.0.1" } = {}) => ({
    url: `http://${host}:${rec.port}${path}`,
    sha256,
    bytes: AUDIO.length,
    mime: "audio/wav",
  });

  beforeAll(async () => {
    await s.t.app.listen({ port: 0, host: "127.0.0.1" });
    const address = s.t.app.server.address();
    adapter.serverUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    await s.t.ctx.db.execute(
      sql`update agencies set hotline_numbers = '{"0237 3852 222"}' where code = 'SYT'`,
    );
    s.t.services.live.subscribeCalls((e) => calls.push(e));
    s.t.services.live.subscribe((e) => requests.push(e));
  });

  async function callWithRequest(callId: string, email?: string) {
    expect(await ev({ event: "call.new", callId, from: "0912 345 678", to: "1022", direction: "in" })).toBe(
      200,
    );
    expect(await ev({ event: "call.answered", callId, agent: "operator" })).toBe(200);
    const res = await s.operator.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: phoneIntake(callId, email),
    });
    return json(res, requestDetail, 201);
  }

  /** Forwards the request to the Department of Health with its call on the line (slip + transfer). */
  async function forwardWithCall(created: { id: string; version: number }) {
    const agencyId = (
      await execRaw<{ id: string }>(s.t.ctx.db, sql`select id from agencies where code = 'SYT'`)
    )[0]?.id;
    const fwd = await s.operator.inject({
      method: "POST",
      url: `/api/v1/requests/${created.id}/actions/forward`,
      payload: { version: created.version, agencyId },
    });
    expect(fwd.statusCode).toBe(200);
    await adapter.settled();
  }

  return { s, adapter, rec, calls, requests, ev, getCall, announced, callWithRequest, forwardWithCall };
}
