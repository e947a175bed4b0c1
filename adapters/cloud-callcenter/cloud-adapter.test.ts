import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signPayload } from "../../src/shared/signature.js";
import { startCtiReceiver } from "../testing/cti-receiver.js";
import { type ConnectOutcome, startFakeCloud } from "../testing/fake-cloud.js";
import { startCloudAdapter, transferResultOfSip } from "./adapter.js";

const SECRET = "cti-secret-cloud";
const PROVIDER = { apiKeySid: "SK.0.abc", apiKeySecret: "provider-secret", accountSid: "AC123" };
const TOKEN = "webhook-token";

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

describe("cloud call-centre adapter against a Stringee-shaped webhook stand-in", () => {
  let receiver: Awaited<ReturnType<typeof startCtiReceiver>>;
  let cloud: Awaited<ReturnType<typeof startFakeCloud>>;
  let adapter: Awaited<ReturnType<typeof startCloudAdapter>>;
  const outcomes = new Map<string, ConnectOutcome>();
  const eventsOf = (callId: string) => receiver.state.events.filter((e) => e.callId === callId);
  const waitEvents = (callId: string, n: number) =>
    vi.waitFor(() => expect(eventsOf(callId).length).toBeGreaterThanOrEqual(n), { timeout: 5_000 });

  beforeAll(async () => {
    receiver = await startCtiReceiver(SECRET);
    cloud = await startFakeCloud(PROVIDER);
    cloud.state.outcome = (n) => outcomes.get(n) ?? "answer";
    adapter = await startCloudAdapter({
      serverUrl: receiver.url,
      secret: SECRET,
      port: 0,
      host: "127.0.0.1",
      apiUrl: cloud.url,
      ...PROVIDER,
      webhookToken: TOKEN,
      hotlineNumber: "842373851022",
      operatorUserId: "operators",
      agents: { operators: "operator" },
      transferTimeoutSec: 30,
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
    });
    cloud.state.answerUrl = `${adapter.url}/answer?token=${TOKEN}`;
    cloud.state.eventUrl = `${adapter.url}/event?token=${TOKEN}`;
  });
  afterAll(async () => {
    await adapter?.close();
    await cloud?.close();
    await receiver?.close();
  });

  it("a call pops up, is answered, transferred (busy, then connected), hung up and its recording is ready", async () => {
    const callId = await cloud.incoming("84912345678", "842373851022");
    await waitEvents(callId, 3);
    expect(eventsOf(callId).map((e) => e.event)).toEqual(["call.new", "call.ringing", "call.answered"]);
    expect(eventsOf(callId)[0]).toMatchObject({ from: "84912345678", to: "842373851022", direction: "in" });
    expect(eventsOf(callId)[2]).toMatchObject({ agent: "operator" });

    const url = `${adapter.url}/calls/${callId}/transfer`;
    const cmd = { to: "+842373852111", agencyCode: "SYT" };
    expect((await signed(url, cmd, "forged")).status).toBe(401);
    outcomes.set("842373852111", { endCallCause: "486 Busy Here" });
    expect((await signed(url, cmd)).status).toBe(202);
    await waitEvents(callId, 4);
    expect(eventsOf(callId)[3]).toMatchObject({
      event: "call.transfer.result",
      result: "busy",
      cause: "486 Busy Here",
      agencyCode: "SYT",
    });
    const put = cloud.state.actions.find((a) => a.path === "/v1/call2/putactions");
    expect(put?.body).toMatchObject({
      callId,
      actions: [{ action: "connect", to: { type: "external", number: "842373852111" } }],
    });

    outcomes.delete("842373852111");
    expect((await signed(url, cmd)).status).toBe(202);
    await waitEvents(callId, 5);
    expect(eventsOf(callId)[4]).toMatchObject({
      event: "call.transfer.result",
      result: "connected",
      to: "+842373852111",
    });

    await cloud.hangup(callId);
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
    const ready = events[6];
    if (ready?.event !== "call.recording.ready") throw new Error("no recording");
    const file = Buffer.from(await (await fetch(ready.recording.url)).arrayBuffer());
    expect(createHash("sha256").update(file).digest("hex")).toBe(ready.recording.sha256);
    expect(ready.recording).toMatchObject({ bytes: file.length, mime: "audio/mpeg" });
    expect(cloud.state.unauthorized).toBe(0);
    expect(receiver.state.rejected).toEqual([]);
  });

  it("webhooks without the token are refused; the server down → events retried with the same eventId", async () => {
    expect((await fetch(`${adapter.url}/answer?from=1&to=2&uuid=x`)).status).toBe(401);
    expect((await fetch(`${adapter.url}/event?token=nope`, { method: "POST", body: "{}" })).status).toBe(401);
    receiver.state.mode = "down";
    const callId = await cloud.incoming("84987654321", "842373851022");
    await vi.waitFor(() => expect(receiver.state.attempts.length).toBeGreaterThanOrEqual(12), {
      timeout: 5_000,
    });
    const firstTry = receiver.state.attempts.at(-1);
    expect(eventsOf(callId)).toEqual([]);
    receiver.state.mode = "up";
    await adapter.settled();
    expect(eventsOf(callId).map((e) => e.event)).toEqual(["call.new", "call.ringing", "call.answered"]);
    expect(eventsOf(callId)[0]?.eventId).toBe(firstTry);
  });

  it("a callback goes out through the provider's REST API", async () => {
    const res = await signed(`${adapter.url}/calls`, { to: "+84912345678", callbackOf: "2603-7K4M" });
    expect(res.status).toBe(202);
    const { callId } = (await res.json()) as { callId: string };
    await waitEvents(callId, 3);
    expect(eventsOf(callId).map((e) => e.event)).toEqual(["call.new", "call.ringing", "call.answered"]);
    expect(eventsOf(callId)[0]).toMatchObject({
      direction: "out",
      to: "+84912345678",
      callbackOf: "2603-7K4M",
    });
  });

  it("SIP causes map to transfer results", () => {
    expect(
      ["480 Temporarily Unavailable", "603 Decline", "404 Not Found", "500 Server Error"].map(
        transferResultOfSip,
      ),
    ).toEqual(["no_answer", "rejected", "unreachable", "failed"]);
  });
});
