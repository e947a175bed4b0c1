import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signPayload } from "../../src/shared/signature.js";
import { transferResultOfCause } from "../common/recording-link.js";
import { startCtiReceiver } from "../testing/cti-receiver.js";
import { type DialOutcome, startFakeAri } from "../testing/fake-ari.js";
import { startAriAdapter } from "./adapter.js";

const SECRET = "cti-secret-for-tests";
const ARI = { user: "hotline", password: "ari-pass", app: "hotline" };

function signed(url: string, body: unknown, secret = SECRET) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-cti-timestamp": String(ts),
      "x-cti-signature": signPayload(secret, ts, raw),
    },
    body: raw,
  });
}

describe("Asterisk ARI adapter against an ARI stand-in (REST + events WebSocket)", () => {
  let receiver: Awaited<ReturnType<typeof startCtiReceiver>>;
  let ari: Awaited<ReturnType<typeof startFakeAri>>;
  let adapter: Awaited<ReturnType<typeof startAriAdapter>>;
  const outcomes = new Map<string, DialOutcome>();
  const eventsOf = (callId: string) => receiver.state.events.filter((e) => e.callId === callId);
  const waitEvents = (callId: string, n: number) =>
    vi.waitFor(() => expect(eventsOf(callId).length).toBeGreaterThanOrEqual(n), { timeout: 5_000 });

  beforeAll(async () => {
    receiver = await startCtiReceiver(SECRET);
    ari = await startFakeAri(ARI);
    ari.state.outcome = (endpoint) => outcomes.get(endpoint) ?? { answer: true };
    adapter = await startAriAdapter({
      serverUrl: receiver.url,
      secret: SECRET,
      ari: { url: ari.url, ...ARI },
      port: 0,
      host: "127.0.0.1",
      operatorEndpoint: "PJSIP/operators",
      trunk: "trunk",
      callerId: "1022",
      agents: { operators: "operator" },
      transferTimeoutSec: 30,
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
    });
  });
  afterAll(async () => {
    await adapter?.close();
    await ari?.close();
    await receiver?.close();
  });

  it("a call pops up, is answered, recorded, transferred (busy, then connected) and hung up", async () => {
    const callId = ari.ring("0912345678");
    await waitEvents(callId, 3);
    expect(eventsOf(callId).map((e) => e.event)).toEqual(["call.new", "call.ringing", "call.answered"]);
    expect(eventsOf(callId)[0]).toMatchObject({ from: "0912345678", to: "1022", direction: "in" });
    expect(eventsOf(callId)[2]).toMatchObject({ agent: "operator" });
    // Caller and operator in one mixing bridge, the bridge recorded.
    const paths = ari.state.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        `POST /bridges`,
        `POST /bridges/b-${callId}/addChannel`,
        `POST /bridges/b-${callId}/record`,
      ]),
    );

    // Transfer refused without a valid signature, or for an unknown call.
    const transferUrl = `${adapter.url}/calls/${encodeURIComponent(callId)}/transfer`;
    const cmd = { to: "+842373852111", agencyCode: "SYT" };
    expect((await signed(transferUrl, cmd, "wrong-secret")).status).toBe(401);
    expect((await fetch(transferUrl, { method: "POST", body: JSON.stringify(cmd) })).status).toBe(401);
    expect((await signed(`${adapter.url}/calls/nope/transfer`, cmd)).status).toBe(404);
    expect((await signed(transferUrl, { to: "02373852111", agencyCode: "SYT" })).status).toBe(400);

    // The agency line is busy: the citizen stays with the operator.
    outcomes.set("PJSIP/02373852111@trunk", { cause: 17, cause_txt: "User busy", dialstatus: "BUSY" });
    const busy = await signed(transferUrl, cmd);
    expect(busy.status).toBe(202);
    await waitEvents(callId, 4);
    expect(eventsOf(callId)[3]).toMatchObject({
      event: "call.transfer.result",
      result: "busy",
      to: "+842373852111",
      agencyCode: "SYT",
    });
    const originate = ari.state.requests.find(
      (r) => r.path === "/channels" && r.params.endpoint === "PJSIP/02373852111@trunk",
    );
    expect(originate?.params).toMatchObject({ app: "hotline", callerId: "1022", timeout: "30" });
    expect(originate?.params.appArgs).toMatch(new RegExp(`^transfer,${callId.replace(".", "\\.")},`));

    // Answered: the agency joins the citizen's bridge, the operator leaves.
    outcomes.delete("PJSIP/02373852111@trunk");
    expect((await signed(transferUrl, cmd)).status).toBe(202);
    await waitEvents(callId, 5);
    expect(eventsOf(callId)[4]).toMatchObject({ event: "call.transfer.result", result: "connected" });
    await vi.waitFor(() => expect(ari.state.channels.has(`op-${callId}`)).toBe(false));

    // The citizen hangs up; the bridge goes, its recording is ready and served by the adapter.
    ari.hangup(callId);
    await waitEvents(callId, 7);
    const events = eventsOf(callId);
    expect(events.map((e) => e.event)).toEqual([
      "call.new",
      "call.ringing",
      "call.answered",
      "call.transfer.result",
      "call.transfer.result",
      "call.hangup",
      "call.recording.ready",
    ]);
    expect(events[5]).toMatchObject({ cause: "normalClearing" });
    const ready = events[6];
    if (ready?.event !== "call.recording.ready") throw new Error("no recording");
    const file = Buffer.from(await (await fetch(ready.recording.url)).arrayBuffer());
    expect(file.length).toBe(ready.recording.bytes);
    expect(createHash("sha256").update(file).digest("hex")).toBe(ready.recording.sha256);
    expect(ready.recording.mime).toBe("audio/wav");
    expect((await fetch(ready.recording.url.replace(/sig=[0-9a-f]{4}/, "sig=0000"))).status).toBe(403);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(receiver.state.rejected).toEqual([]);
  });

  it("the server down: events wait and are retried with the same eventId, in order", async () => {
    receiver.state.mode = "down";
    const callId = ari.ring("0987654321");
    await vi.waitFor(() => expect(receiver.state.attempts.length).toBeGreaterThanOrEqual(10), {
      timeout: 5_000,
    });
    expect(eventsOf(callId)).toEqual([]);
    const firstId = receiver.state.attempts.at(-1);
    receiver.state.mode = "up";
    await adapter.settled();
    await waitEvents(callId, 3);
    const events = eventsOf(callId);
    expect(events.map((e) => e.event)).toEqual(["call.new", "call.ringing", "call.answered"]);
    expect(events[0]?.eventId).toBe(firstId);
    ari.hangup(callId);
    await waitEvents(callId, 5);
  });

  it("a transfer nobody answers, rejected or to a wrong number reports it (Q.850 cause)", async () => {
    const callId = ari.ring("0911111111");
    await waitEvents(callId, 3);
    const url = `${adapter.url}/calls/${encodeURIComponent(callId)}/transfer`;
    const cases: [string, DialOutcome, string][] = [
      ["+842373000001", { cause: 19, cause_txt: "No answer" }, "no_answer"],
      ["+842373000002", { cause: 21, cause_txt: "Call rejected" }, "rejected"],
      ["+842373000003", { cause: 1, cause_txt: "Unallocated" }, "unreachable"],
      ["+842373000004", { cause: 16, cause_txt: "Normal Clearing", dialstatus: "NOANSWER" }, "no_answer"],
    ];
    for (const [i, [to, outcome, result]] of cases.entries()) {
      outcomes.set(`PJSIP/0${to.slice(3)}@trunk`, outcome);
      expect((await signed(url, { to, agencyCode: "SYT" })).status).toBe(202);
      await waitEvents(callId, 4 + i);
      expect(eventsOf(callId)[3 + i]).toMatchObject({ event: "call.transfer.result", result, to });
    }
    expect(transferResultOfCause(41)).toBe("failed");
    ari.hangup(callId);
    await waitEvents(callId, 9);
  });

  it("a callback: the server orders an outbound call, which reaches an operator", async () => {
    const res = await signed(`${adapter.url}/calls`, { to: "+84912345678", callbackOf: "2603-7K4M" });
    expect(res.status).toBe(202);
    const { callId } = (await res.json()) as { callId: string };
    await waitEvents(callId, 3);
    expect(eventsOf(callId).map((e) => e.event)).toEqual(["call.new", "call.ringing", "call.answered"]);
    expect(eventsOf(callId)[0]).toMatchObject({
      direction: "out",
      to: "+84912345678",
      from: "1022",
      callbackOf: "2603-7K4M",
    });
    expect(ari.state.requests.find((r) => r.params.channelId === callId)?.params).toMatchObject({
      endpoint: "PJSIP/0912345678@trunk",
      appArgs: "callback,2603-7K4M",
    });
  });
});
