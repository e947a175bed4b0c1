import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { callList, callView } from "../../../shared/schemas/calls.js";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { signPayload } from "../../../shared/signature.js";
import { madeBeforeAll } from "../../../test/hooks.js";
import { json } from "../../../test/http.js";
import { signIn } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { startCtiAdapter, startRecordingHost } from "../../channels/testing/cti-adapter.js";
import { execRaw } from "../../db/client.js";
import type { CallLiveEvent, LiveEvent } from "../../services/live-bus.js";

const SECRET = "cti-test-secret-0123456789";
const TOKEN = "generic-token-0123456789abcdef";
const AUDIO = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * The switchboard end to end over real HTTP (issue 12): a PBX adapter stand-in on 127.0.0.1 posts
 * signed events, receives the signed transfer and callback commands, answers 202 and reports back.
 */
describe("phone calls from the switchboard", () => {
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
      payload: {
        channel: "phone",
        requester: { fullName: "Nguyễn Văn An", phone: "0912345678", address: "Thọ Xuân", email },
        content: "Hỏi về lịch tiêm chủng mở rộng cho trẻ dưới 1 tuổi tại trạm y tế xã.",
        call: { callId },
      },
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

  it("pops a call up, links the saved request, records, transfers (connected) and hangs up", async () => {
    const created = await callWithRequest("c-1");
    expect(calls.filter((c) => c.callId === "c-1").map((c) => c.kind)).toEqual(["new", "answered"]);
    expect(calls.find((c) => c.kind === "answered")?.agentId).toBe(s.operator.me.user.id);
    let call = await getCall("c-1");
    expect(call).toMatchObject({
      from: "+84912345678",
      to: "1022",
      direction: "in",
      status: "answered",
      agent: "operator",
    });
    expect(call.requestCode).toBe(created.code);
    const ofRequest = json(
      await s.operator.inject({ url: `/api/v1/requests/${created.id}/calls` }),
      callList,
    );
    expect(ofRequest.items.map((c) => c.callId)).toEqual(["c-1"]);

    // The recording: announced, fetched by the job from the allowed host, checked, stored once.
    rec.files.set("/rec/c-1.wav", AUDIO);
    const recording = announced("/rec/c-1.wav");
    expect(await ev({ event: "call.recording.ready", callId: "c-1", recording })).toBe(200);
    expect(await s.t.services.calls.recordings.fetchDue()).toEqual({ stored: 1, retried: 0, refused: 0 });
    expect((await getCall("c-1")).recording).toEqual({
      sha256: sha(AUDIO),
      bytes: 5000,
      mime: "audio/wav",
      status: "stored",
    });

    // Range playback, and every read in the access log.
    const part = await s.operator.inject({
      url: "/api/v1/calls/c-1/recording",
      headers: { range: "bytes=100-199" },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe("bytes 100-199/5000");
    expect(part.rawPayload.equals(AUDIO.subarray(100, 200))).toBe(true);
    const tail = await s.operator.inject({
      url: "/api/v1/calls/c-1/recording",
      headers: { range: "bytes=-10" },
    });
    expect(tail.rawPayload.equals(AUDIO.subarray(4990))).toBe(true);
    const whole = await s.operator.inject({ url: "/api/v1/calls/c-1/recording?download=1" });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers["accept-ranges"]).toBe("bytes");
    expect(whole.rawPayload.equals(AUDIO)).toBe(true);
    const beyond = await s.operator.inject({
      url: "/api/v1/calls/c-1/recording",
      headers: { range: "bytes=9000-" },
    });
    expect(beyond.statusCode).toBe(416);
    const logged = await execRaw<{ n: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n from access_log where action = 'recording_play' and target = 'c-1' and request_id = ${created.id}`,
    );
    expect(logged[0]?.n).toBe(3);
    const focal = await signIn(s.t.app, "focal");
    expect((await focal.inject({ url: "/api/v1/calls/c-1/recording" })).statusCode).toBe(403);

    // Forwarding with the call on the line does both: the slip and a signed transfer command.
    await forwardWithCall(created);
    const command = adapter.commands.at(-1);
    expect(command).toEqual({
      path: "/calls/c-1/transfer",
      body: { to: "+842373852222", agencyCode: "SYT" },
      signatureOk: true,
    });
    call = await getCall("c-1");
    expect(call.transfers).toMatchObject([
      { agencyCode: "SYT", number: "+842373852222", result: "connected" },
    ]);
    const detail = json(await s.operator.inject({ url: `/api/v1/requests/${created.id}` }), requestDetail);
    expect(detail.slips[0]?.transferAttempt).toBe("connected");
    expect(detail.events.map((e) => e.kind)).toContain("call_transfer_result");
    // The agency answers on the transferred call: allowed because the switchboard said connected,
    // and the answer names the call.
    const answered = await focal.inject({
      method: "POST",
      url: `/api/v1/requests/${created.id}/actions/answer-by-phone`,
      payload: { version: detail.version, via: "transfer" },
    });
    const afterAnswer = json(answered, requestDetail);
    expect(afterAnswer.events.find((e) => e.kind === "answer_by_phone")?.data.callId).toBe("c-1");

    expect(await ev({ event: "call.hangup", callId: "c-1", cause: "normalClearing" })).toBe(200);
    call = await getCall("c-1");
    expect(call.status).toBe("ended");
    expect(call.endedAt).not.toBeNull();
    expect(call.callback).toBeNull();
  });

  // Fifteenth session: the time of an answer on the transferred call is the switchboard's, not the
  // focal point's word — within the connected call, and its end when stated later without a time.
  it("an answer on the transferred call falls within the call the switchboard connected", async () => {
    const created = await callWithRequest("c-7");
    await forwardWithCall(created);
    expect((await getCall("c-7")).transfers).toMatchObject([{ result: "connected" }]);
    // s.at moves the clock and signs everyone in again (sessions expire with the clock).
    const later = (minutes: number) => s.at(new Date(s.t.clock.now().getTime() + minutes * 60_000));
    await later(5);
    expect(await ev({ event: "call.hangup", callId: "c-7", cause: "normalClearing" })).toBe(200);
    const endedAt = (await getCall("c-7")).endedAt;
    await later(30);
    const focal = await signIn(s.t.app, "focal");
    const current = json(await s.operator.inject({ url: `/api/v1/requests/${created.id}` }), requestDetail);
    const answer = (answeredAt?: string) =>
      focal.inject({
        method: "POST",
        url: `/api/v1/requests/${created.id}/actions/answer-by-phone`,
        payload: { version: current.version, via: "transfer", ...(answeredAt ? { answeredAt } : {}) },
      });
    // Twenty minutes after the call ended: not on that call.
    const late = await answer(new Date(s.t.clock.now().getTime() - 10 * 60_000).toISOString());
    expect(late.statusCode).toBe(400);
    expect(late.json().error.details[0]).toMatchObject({ field: "answeredAt", code: "outside_call" });
    // Stated without a time after the call: the answer was given on it, so at its end at the latest.
    const answered = json(await answer(), requestDetail);
    expect(answered.events.find((e) => e.kind === "answer_by_phone")?.data).toMatchObject({
      callId: "c-7",
      answeredAt: endedAt,
    });
  });

  it("a transfer that does not connect: the caller is told to follow the portal, the operator sees it live", async () => {
    const created = await callWithRequest("c-2", "an@example.vn");
    adapter.transferOutcomes.push("busy");
    const res = await s.operator.inject({
      method: "POST",
      url: "/api/v1/calls/c-2/transfer",
      payload: { agencyCode: "SYT" },
    });
    expect(res.statusCode).toBe(200);
    await adapter.settled();
    expect((await getCall("c-2")).transfers).toMatchObject([
      { agencyCode: "SYT", result: "busy", cause: "17" },
    ]);
    expect(calls.find((c) => c.callId === "c-2" && c.kind === "transfer_result")?.result).toBe("busy");
    expect(
      requests.find((r) => r.requestId === created.id && r.kind === "call_transfer_result"),
    ).toBeDefined();
    const told = await execRaw<{ kind: string; channel: string; recipient: string; body: string }>(
      s.t.ctx.db,
      sql`select kind, channel, recipient, body from outbox where request_id = ${created.id} and kind = 'follow_portal'`,
    );
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ channel: "email", recipient: "an@example.vn" });
    expect(told[0]?.body).toContain("Cổng thông tin");
    // An agency without a hotline cannot take a live transfer.
    const none = await s.operator.inject({
      method: "POST",
      url: "/api/v1/calls/c-2/transfer",
      payload: { agencyCode: "SCT" },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0].code).toBe("no_hotline");
  });

  it("a transfer given the agency code in lower case reaches the same agency", async () => {
    await callWithRequest("c-lc");
    const res = await s.operator.inject({
      method: "POST",
      url: "/api/v1/calls/c-lc/transfer",
      payload: { agencyCode: " syt " },
    });
    expect(res.statusCode, res.body).toBe(200);
    await adapter.settled();
    expect(adapter.commands.at(-1)).toEqual({
      path: "/calls/c-lc/transfer",
      body: { to: "+842373852222", agencyCode: "SYT" },
      signatureOk: true,
    });
    expect((await getCall("c-lc")).transfers).toMatchObject([
      { agencyCode: "SYT", number: "+842373852222", result: "connected" },
    ]);
  });

  it("refuses forged, stale and unsigned events; a replayed event changes nothing", async () => {
    const event = {
      eventId: "f-1",
      event: "call.new",
      callId: "c-forged",
      at: new Date().toISOString(),
      from: "0912000111",
      to: "1022",
      direction: "in",
    };
    expect(await adapter.post(event, { secret: "not-the-secret-0000000" })).toBe(401);
    expect(await adapter.post(event, { timestamp: Math.floor(Date.now() / 1000) - 301 })).toBe(401);
    expect(await adapter.post(event, { timestamp: Math.floor(Date.now() / 1000) + 400 })).toBe(401);
    const unsigned = await fetch(`${adapter.serverUrl}/api/v1/cti/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(401);
    // Signed over other bytes than those sent.
    const ts = Math.floor(Date.now() / 1000);
    const postSigned = (signed: typeof event, sent: typeof event) =>
      fetch(`${adapter.serverUrl}/api/v1/cti/events`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cti-timestamp": String(ts),
          "x-cti-signature": signPayload(SECRET, ts, JSON.stringify(signed)),
        },
        body: JSON.stringify(sent),
      });
    const tampered = await postSigned(event, { ...event, from: "0987654321" });
    expect(tampered.status).toBe(401);
    expect((await s.operator.inject({ url: "/api/v1/calls/c-forged" })).statusCode).toBe(404);

    expect(await adapter.post(event)).toBe(200);
    const hangup = { eventId: "f-2", event: "call.hangup", callId: "c-forged", at: new Date().toISOString() };
    expect(await adapter.post(hangup)).toBe(200);
    const before = await getCall("c-forged");
    expect(before.status).toBe("missed");
    // The same call.new again (a retry of the adapter): 200, nothing changes.
    const replay = await postSigned(event, event);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true });
    expect(await getCall("c-forged")).toEqual(before);
  });

  it("accepts the Zammad generic CTI form with the token, compared in constant time", async () => {
    const post = (token: string, form: Record<string, string>) =>
      fetch(`${adapter.serverUrl}/api/v1/cti/generic?token=${token}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
    expect(
      (
        await post("wrong", {
          event: "newCall",
          callId: "z-1",
          from: "0912111222",
          to: "1022",
          direction: "in",
        })
      ).status,
    ).toBe(401);
    const ok = await post(TOKEN, {
      event: "newCall",
      callId: "z-1",
      from: "0912111222",
      to: "1022",
      direction: "in",
      "user[]": "operator",
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({});
    expect(
      (await post(TOKEN, { event: "answer", callId: "z-1", user: "operator", answeringNumber: "201" }))
        .status,
    ).toBe(200);
    expect(await getCall("z-1")).toMatchObject({ status: "answered", agent: "operator" });
    expect((await post(TOKEN, { event: "hangup", callId: "z-1", cause: "normalClearing" })).status).toBe(200);
    expect(await getCall("z-1")).toMatchObject({ from: "+84912111222", status: "ended" });
    expect((await post(TOKEN, { event: "dial", callId: "z-1" })).status).toBe(400);
  });

  it("retries a recording while its host is down and attaches it once", async () => {
    expect(
      await ev({ event: "call.new", callId: "c-3", from: "0912333444", to: "1022", direction: "in" }),
    ).toBe(200);
    rec.files.set("/rec/c-3.wav", AUDIO);
    const recording = announced("/rec/c-3.wav");
    await rec.down();
    expect(await ev({ event: "call.recording.ready", callId: "c-3", recording })).toBe(200);
    expect(await s.t.services.calls.recordings.fetchDue()).toEqual({ stored: 0, retried: 1, refused: 0 });
    expect((await getCall("c-3")).recording?.status).toBe("pending");
    // Not yet due again: the back-off holds it.
    expect(await s.t.services.calls.recordings.fetchDue()).toEqual({ stored: 0, retried: 0, refused: 0 });
    await rec.up();
    s.t.clock.advance(31_000);
    expect(await s.t.services.calls.recordings.fetchDue()).toEqual({ stored: 1, retried: 0, refused: 0 });
    // Announced again (a new eventId): still the one recording, nothing fetched again.
    expect(await ev({ event: "call.recording.ready", callId: "c-3", recording })).toBe(200);
    s.t.clock.advance(60_000);
    expect(await s.t.services.calls.recordings.fetchDue()).toEqual({ stored: 0, retried: 0, refused: 0 });
    expect(rec.hits.filter((h) => h === "/rec/c-3.wav")).toHaveLength(1);
    const stored = await execRaw<{ n: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n from call_recordings where status = 'stored'`,
    );
    expect(stored[0]?.n).toBe(2);
  });

  it("refuses a recording whose sha256 does not match, and one from a host not on the list", async () => {
    expect(
      await ev({ event: "call.new", callId: "c-4", from: "0912444555", to: "1022", direction: "in" }),
    ).toBe(200);
    rec.files.set("/rec/c-4.wav", AUDIO);
    const wrong = announced("/rec/c-4.wav", { sha256: sha(Buffer.from("other")) });
    expect(await ev({ event: "call.recording.ready", callId: "c-4", recording: wrong })).toBe(200);
    expect(await s.t.services.calls.recordings.fetchDue()).toEqual({ stored: 0, retried: 0, refused: 1 });
    expect((await getCall("c-4")).recording?.status).toBe("refused");
    expect((await s.operator.inject({ url: "/api/v1/calls/c-4/recording" })).statusCode).toBe(404);

    expect(
      await ev({ event: "call.new", callId: "c-5", from: "0912444555", to: "1022", direction: "in" }),
    ).toBe(200);
    const hits = rec.hits.length;
    const elsewhere = announced("/rec/c-4.wav", { host: "127.0.0.2" });
    expect(await ev({ event: "call.recording.ready", callId: "c-5", recording: elsewhere })).toBe(200);
    expect((await getCall("c-5")).recording?.status).toBe("refused");
    expect(await s.t.services.calls.recordings.fetchDue()).toEqual({ stored: 0, retried: 0, refused: 0 });
    expect(rec.hits.length).toBe(hits);
  });

  it("puts missed calls on the callback queue; a callback is a signed outbound call request", async () => {
    expect(
      await ev({ event: "call.new", callId: "m-1", from: "0913 222 333", to: "1022", direction: "in" }),
    ).toBe(200);
    expect(await ev({ event: "call.hangup", callId: "m-1", cause: "cancel" })).toBe(200);
    let queue = json(await s.operator.inject({ url: "/api/v1/calls?queue=callbacks" }), callList);
    expect(queue.items.find((c) => c.callId === "m-1")).toMatchObject({
      status: "missed",
      callback: "waiting",
    });
    const res = await s.operator.inject({ method: "POST", url: "/api/v1/calls/m-1/callback" });
    expect(json(res, callView).callback).toBe("requested");
    expect(adapter.commands.at(-1)).toEqual({
      path: "/calls",
      body: { to: "+84913222333", callbackOf: "m-1" },
      signatureOk: true,
    });
    await adapter.settled();
    queue = json(await s.operator.inject({ url: "/api/v1/calls?queue=callbacks" }), callList);
    expect(queue.items.find((c) => c.callId === "m-1")).toBeUndefined();
    const events = await execRaw<{ kind: string }>(
      s.t.ctx.db,
      sql`select kind from events where entity = 'call' and entity_id = 'm-1'`,
    );
    expect(events.map((e) => e.kind)).toEqual(["call_back_requested"]);
  });
});
