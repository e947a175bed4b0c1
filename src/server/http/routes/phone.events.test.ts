import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../../shared/errors.js";
import { callList, callView } from "../../../shared/schemas/calls.js";
import { signPayload } from "../../../shared/signature.js";
import { json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";
import { callbackUnavailable } from "../../services/call.service.js";
import { AUDIO, injectCtiEvent, SECRET, sha, TOKEN, useSwitchboard } from "./phone.fixture.js";

/**
 * The switchboard's events over real HTTP (issue 12): forged, stale, unsigned and replayed events
 * refused or ignored, the Zammad generic CTI form, recordings fetched once with retries and refused
 * when they do not match, missed calls called back. Calls and transfers: phone.test.ts.
 */
describe("phone calls from the switchboard: events, recordings and callbacks", () => {
  const { s, adapter, rec, ev, getCall, announced } = useSwitchboard();

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
      sql`select count(*)::int as n from call_recordings r join calls c on c.id = r.call_id
          where c.call_id = 'c-3' and r.status = 'stored'`,
    );
    expect(stored[0]?.n).toBe(1);
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

  it("says why a recording was not kept, never the stored text with its host or setting", async () => {
    const newCall = async (callId: string) =>
      expect(await ev({ event: "call.new", callId, from: "0912444666", to: "1022", direction: "in" })).toBe(
        200,
      );
    const lastError = async (callId: string) =>
      (
        await execRaw<{ last_error: string }>(
          s.t.ctx.db,
          sql`select r.last_error from call_recordings r join calls c on c.id = r.call_id
              where c.call_id = ${callId}`,
        )
      )[0]?.last_error ?? "";
    /** The call as the console reads it (its own page and its request's list share the view). */
    const shown = async (callId: string, status: string, reason: string) => {
      const res = await s.operator.inject({ url: `/api/v1/calls/${callId}` });
      expect(json(res, callView).recording).toMatchObject({ status, lastErrorReason: reason });
      const stored = await lastError(callId);
      expect(stored).not.toBe("");
      expect(res.payload).not.toContain(stored);
      return res.payload;
    };

    // Announced from a host not on the allowlist: refused at once, the text names the setting.
    await newCall("c-6");
    const elsewhere = announced("/rec/c-6.wav", { host: "127.0.0.2" });
    expect(await ev({ event: "call.recording.ready", callId: "c-6", recording: elsewhere })).toBe(200);
    expect(await lastError("c-6")).toContain("CTI_RECORDING_HOSTS");
    const config = await shown("c-6", "refused", "config");
    for (const raw of ["CTI_RECORDING_HOSTS", "127.0.0.2", "danh sách cho phép"])
      expect(config).not.toContain(raw);

    // Larger than CTI_RECORDING_MAX_BYTES: refused at once.
    await newCall("c-7");
    const huge = { ...announced("/rec/c-7.wav"), bytes: 1_000_000_000 };
    expect(await ev({ event: "call.recording.ready", callId: "c-7", recording: huge })).toBe(200);
    await shown("c-7", "refused", "content");

    // The recording host no longer has the file: HTTP 404, refused.
    await newCall("c-8");
    expect(
      await ev({ event: "call.recording.ready", callId: "c-8", recording: announced("/rec/gone.wav") }),
    ).toBe(200);
    expect(await s.t.services.calls.recordings.fetchDue()).toEqual({ stored: 0, retried: 0, refused: 1 });
    expect(await lastError("c-8")).toBe("HTTP 404");
    await shown("c-8", "refused", "recipient");

    // The host stays down until the last attempt: failed; the network error names the host.
    await newCall("c-9");
    rec.files.set("/rec/c-9.wav", AUDIO);
    await rec.down();
    try {
      const recording = announced("/rec/c-9.wav");
      expect(await ev({ event: "call.recording.ready", callId: "c-9", recording })).toBe(200);
      expect(await s.t.services.calls.recordings.fetchDue({ maxAttempts: 1 })).toEqual({
        stored: 0,
        retried: 1,
        refused: 0,
      });
    } finally {
      await rec.up();
    }
    expect(await lastError("c-9")).toContain("ECONNREFUSED");
    const network = await shown("c-9", "failed", "network");
    for (const raw of ["ECONNREFUSED", `127.0.0.1:${rec.port}`]) expect(network).not.toContain(raw);
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

  it("calls a caller who tried twice back once: their other missed call leaves the queue too (6 Dec 2026)", async () => {
    for (const [callId, from] of [
      ["m-2a", "0913 444 555"],
      ["m-2b", "+84913444555"],
      ["m-2c", "0913 444 666"],
    ] as const) {
      expect(await ev({ event: "call.new", callId, from, to: "1022", direction: "in" })).toBe(200);
      expect(await ev({ event: "call.hangup", callId, cause: "noAnswer" })).toBe(200);
    }
    const queued = async () =>
      json(await s.operator.inject({ url: "/api/v1/calls?queue=callbacks" }), callList)
        .items.map((c) => c.callId)
        .filter((id) => id.startsWith("m-2"));
    expect(await queued()).toEqual(["m-2a", "m-2b", "m-2c"]);
    const sent = adapter.commands.length;
    expect((await s.operator.inject({ method: "POST", url: "/api/v1/calls/m-2b/callback" })).statusCode).toBe(
      200,
    );
    await adapter.settled();
    // Reached: both of that caller's missed calls are done; the other caller still waits.
    expect(await queued()).toEqual(["m-2c"]);
    const again = await s.operator.inject({ method: "POST", url: "/api/v1/calls/m-2a/callback" });
    expect(again.statusCode).toBe(409);
    expect(adapter.commands.length).toBe(sent + 1);
  });

  it("puts a caller back in the queue when the callback did not reach them, to be tried again (6 Dec 2026)", async () => {
    for (const callId of ["m-3a", "m-3b"]) {
      expect(await ev({ event: "call.new", callId, from: "0913 777 888", to: "1022", direction: "in" })).toBe(
        200,
      );
      expect(await ev({ event: "call.hangup", callId, cause: "noAnswer" })).toBe(200);
    }
    const queue = async () =>
      json(await s.operator.inject({ url: "/api/v1/calls?queue=callbacks" }), callList)
        .items.filter((c) => c.callId.startsWith("m-3"))
        .map((c) => [c.callId, c.callback]);
    const callBack = (id: string) =>
      s.operator.inject({ method: "POST", url: `/api/v1/calls/${id}/callback` });
    adapter.callbackOutcomes.push("noAnswer");
    expect((await callBack("m-3a")).statusCode).toBe(200);
    await adapter.settled();
    // Not reached: both wait again, and «Gọi lại» is allowed again (it was refused: «requested» for good).
    expect(await queue()).toEqual([
      ["m-3a", "waiting"],
      ["m-3b", "waiting"],
    ]);
    // The queue says when that callback was tried (6 Dec 2026); a call never called back says none.
    const tried = json(await s.operator.inject({ url: "/api/v1/calls?queue=callbacks" }), callList).items;
    const triedAt = tried.filter((c) => c.callId.startsWith("m-3")).map((c) => c.callbackTriedAt);
    expect(triedAt).toEqual([expect.any(String), expect.any(String)]);
    expect(tried.find((c) => c.callId === "m-2c")?.callbackTriedAt).toBeNull();
    expect((await callBack("m-3b")).statusCode).toBe(200);
    await adapter.settled();
    expect(await queue()).toEqual([]);
  });
});

describe("a callback the switchboard cannot place (6 Dec 2026)", () => {
  // No CTI_ADAPTER_URL: the server cannot send the command.
  const s = useStaffApp({ users: ["operator"] }, { CTI_SECRET: SECRET });
  const ev = (eventId: string, e: Record<string, unknown>) =>
    injectCtiEvent(s.t.app, SECRET, { eventId, at: s.t.clock.now().toISOString(), ...e });

  it("tells the operator in plain words, never the settings' names", async () => {
    const from = { from: "0913 111 222", to: "1022", direction: "in" };
    expect((await ev("u-1", { event: "call.new", callId: "u-1", ...from })).statusCode).toBe(200);
    expect((await ev("u-2", { event: "call.hangup", callId: "u-1", cause: "cancel" })).statusCode).toBe(200);
    const res = await s.operator.inject({ method: "POST", url: "/api/v1/calls/u-1/callback" });
    expect(res.statusCode).toBe(503);
    const { message } = res.json<ErrorBody>().error;
    expect(message).toBe(callbackUnavailable);
    for (const raw of ["CTI_", "cấu hình", "HTTP"]) expect(message).not.toContain(raw);
    expect(json(await s.operator.inject({ url: "/api/v1/calls/u-1" }), callView).callback).toBe("waiting");
  });
});
