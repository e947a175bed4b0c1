import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callList } from "../../../shared/schemas/calls.js";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { json } from "../../../test/http.js";
import { signIn } from "../../../test/staff.js";
import { execRaw } from "../../db/client.js";
import { AUDIO, sha, useSwitchboard } from "./phone.fixture.js";

/**
 * The switchboard end to end over real HTTP (issue 12): calls popped up and linked to requests,
 * recordings played, transfers to an agency's hotline with their results. Signed events, the generic
 * CTI form, recordings' retries and callbacks: phone.events.test.ts.
 */
describe("phone calls from the switchboard", () => {
  const { s, adapter, rec, calls, requests, ev, getCall, announced, callWithRequest, forwardWithCall } =
    useSwitchboard();

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
      // The console names the operator as it names staff (6 Dec 2026): the full name, not the username.
      agentName: s.operator.me.user.fullName,
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
      lastErrorReason: null,
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
});
