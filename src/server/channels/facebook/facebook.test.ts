import { afterAll, describe, expect, it } from "vitest";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { accepted, error } from "../../../test/http.js";
import { signIn } from "../../../test/staff.js";
import { messengerText } from "../testing/chat-webhooks.js";
import { type ChannelTestApp, createChannelTestApp, useChannelTestApp } from "../testing/kit.js";
import { useFakeGraph } from "../testing/provider-servers.js";
import { facebookSignature } from "./facebook.adapter.js";

const APP_SECRET = "fb-app-secret-for-tests";
const VERIFY_TOKEN = "verify-me";
const PAGE_ID = "104213379077880";
const WEBHOOK = "/api/v1/channels/facebook/webhook";

let seq = 0;

const graph = useFakeGraph({ pageToken: "page-token-1" });
const t = useChannelTestApp(() => ({
  FACEBOOK_APP_SECRET: APP_SECRET,
  FACEBOOK_VERIFY_TOKEN: VERIFY_TOKEN,
  FACEBOOK_PAGE_TOKEN: "page-token-1",
  FACEBOOK_GRAPH_URL: graph.url,
}));

/** A text message from `psid` as the webhook receives it (JSON text). */
const messageEvent = (psid: string, text: string, mid = `mid.$test${++seq}`) =>
  messengerText({ page: PAGE_ID, psid, mid, text, at: t.clock.now().getTime() });

function post(
  body: string | Buffer,
  signature: string | null = facebookSignature(APP_SECRET, Buffer.from(body)),
) {
  return t.app.inject({
    method: "POST",
    url: WEBHOOK,
    headers: {
      "content-type": "application/json",
      ...(signature ? { "x-hub-signature-256": signature } : {}),
    },
    payload: body,
  });
}

describe("Facebook handshake", () => {
  it("echoes hub.challenge for the right verify token and refuses any other", async () => {
    const ok = await t.app.inject({
      url: `${WEBHOOK}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe("1158201444");
    const wrong = await t.app.inject({
      url: `${WEBHOOK}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope`,
    });
    expect(wrong.statusCode).toBe(403);
  });
});

describe("Facebook webhook → request → reply on Messenger", () => {
  it("opens a request once per mid, acknowledges on Messenger, continues the open request", async () => {
    const body = messageEvent("6142494823000000001", "Đèn đường Lê Lợi không sáng", "mid.$first");
    expect(accepted(await post(body))).toBe(1);
    // Meta redelivers: the same mid is stored once.
    expect(accepted(await post(body))).toBe(0);
    expect(await t.count("requests")).toBe(0); // answered before any processing

    await t.inbound.runOnce();
    const [request] = await t.requests();
    expect(request).toMatchObject({ channel: "facebook", status: "received" });

    const result = await t.outbox.drain();
    expect(result.sent).toBe(1);
    expect(graph.state.delivered).toHaveLength(1);
    expect(graph.state.delivered[0]?.recipient).toBe("6142494823000000001");
    expect(graph.state.delivered[0]?.text).toContain(request?.code ?? "?");
    expect((await t.outboxRows())[0]).toMatchObject({
      channel: "facebook",
      kind: "acknowledgement",
      status: "sent",
    });

    await post(messageEvent("6142494823000000001", "Bổ sung: cột số 12"));
    await t.inbound.runOnce();
    expect(await t.count("requests")).toBe(1);
    const events = await t.messageEvents(request?.id ?? "");
    expect(events.map((e) => e.data.content)).toEqual(["Bổ sung: cột số 12"]);
  });

  it("keeps a numeric PSID beyond 2^53 as its exact digits", async () => {
    const raw = `{"object":"page","entry":[{"id":"${PAGE_ID}","time":1,"messaging":[{"sender":{"id":6142494823123456789},"recipient":{"id":"${PAGE_ID}"},"timestamp":1699003881354,"message":{"mid":"mid.$big","text":"Xin chào"}}]}]}`;
    expect((await post(raw)).statusCode).toBe(200);
    await t.inbound.runOnce();
    const rows = await t.requests();
    expect(rows).toHaveLength(2);
    const ack = (await t.outboxRows()).find((r) => r.recipient.startsWith("61424948231"));
    expect(ack?.recipient).toBe("6142494823123456789");
  });

  it("ignores deliveries, reads and echoes with 200 and stores nothing", async () => {
    const before = await t.count("channel_inbound");
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          time: 1,
          messaging: [
            { sender: { id: "1" }, recipient: { id: PAGE_ID }, delivery: { mids: ["x"], watermark: 1 } },
            { sender: { id: "1" }, recipient: { id: PAGE_ID }, read: { watermark: 1 } },
            {
              sender: { id: PAGE_ID },
              recipient: { id: "1" },
              message: { mid: "mid.$echo", is_echo: true, text: "hi" },
            },
          ],
        },
      ],
    });
    expect(accepted(await post(body))).toBe(0);
    expect(await t.count("channel_inbound")).toBe(before);
  });
});

describe("Facebook bad input", () => {
  it("answers 4xx, stores nothing and keeps serving", async () => {
    const before = await t.count("channel_inbound");
    const valid = messageEvent("777", "hello");
    const forged = await post(valid, facebookSignature("not-the-secret", Buffer.from(valid)));
    expect(error(forged, 401).code).toBe("SIGNATURE_INVALID");
    expect((await post(valid, null)).statusCode).toBe(401);
    expect((await post(valid, "sha256=zz")).statusCode).toBe(401);
    // Signed but tampered after signing.
    expect(
      (await post(valid.replace("hello", "hullo"), facebookSignature(APP_SECRET, Buffer.from(valid))))
        .statusCode,
    ).toBe(401);

    const badJson = await post('{"object":"page","entry":[');
    expect(error(badJson, 400).code).toBe("BAD_JSON");
    const unknown = await post(JSON.stringify({ object: "instagram", entry: [] }));
    expect(unknown.statusCode).toBe(400);
    const unknownField = await post(
      JSON.stringify({
        object: "page",
        entry: [{ id: PAGE_ID, messaging: [{ sender: { id: "1" }, surprise: {} }] }],
      }),
    );
    expect(unknownField.statusCode).toBe(400);
    const huge = await post(JSON.stringify({ object: "page", entry: [], pad: "x".repeat(300_000) }));
    expect(huge.statusCode).toBe(413);
    expect((await post(Buffer.alloc(0), null)).statusCode).toBeGreaterThanOrEqual(400);

    expect(await t.count("channel_inbound")).toBe(before);
    expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });
});

describe("Facebook Send API outcomes", () => {
  it("retries on 5xx and an expired token, marks a closed window undeliverable", async () => {
    await post(messageEvent("900001", "Hỏi về thủ tục cấp phép"));
    await post(messageEvent("900002", "Phản ánh rác thải"));
    await t.inbound.runOnce();

    graph.state.mode = "down";
    const down = await t.outbox.runOnce();
    expect(down.retried).toBe(2);

    graph.state.mode = "ok";
    graph.state.pageToken = "page-token-2"; // ours has expired
    t.clock.advance(120_000);
    const expired = await t.outbox.runOnce();
    expect(expired.retried).toBe(2);
    const pending = (await t.outboxRows()).filter((r) => r.recipient.startsWith("90000"));
    expect(pending.every((r) => r.status === "pending" && r.last_error?.includes("code=190"))).toBe(true);

    graph.state.pageToken = "page-token-1";
    graph.state.closedWindow.add("900002");
    t.clock.advance(120_000);
    const done = await t.outbox.runOnce();
    expect(done).toMatchObject({ sent: 1, undeliverable: 1 });
    const rows = (await t.outboxRows()).filter((r) => r.recipient.startsWith("90000"));
    expect(rows.map((r) => r.status).sort()).toEqual(["sent", "undeliverable"]);
  });

  it("does not call the provider once the 24-hour window has closed", async () => {
    const r = (await t.requests()).find((x) => x.content.includes("thủ tục"));
    await t.ctx.db.transaction(async (tx) => {
      const { notifyRequester } = await import("../../services/notify.js");
      const { appendEvent } = await import("../../db/repositories/event.repository.js");
      const event = await appendEvent(tx, {
        entity: "request",
        entityId: r?.id ?? "",
        requestId: r?.id ?? null,
        kind: "note",
      });
      await notifyRequester(tx, {
        requestId: r?.id ?? "",
        eventId: event.id,
        kind: "progress",
        code: r?.code ?? "",
        text: "Tiến độ",
      });
    });
    t.clock.advance(25 * 3600_000);
    const calls = graph.state.calls;
    const pass = await t.outbox.runOnce();
    expect(pass.undeliverable).toBe(1);
    expect(graph.state.calls).toBe(calls);
  });
});

// 5 Dec 2026, a walk of the console: the delivery table showed «Graph 400 code=10: …» beside a
// Vietnamese status and nobody could tell what to do. The request's outbox item now carries the
// reason (src/server/domain/delivery-reason.ts) beside the unchanged provider text.
describe("Facebook delivery failures as staff read them", () => {
  let s: ChannelTestApp;
  afterAll(() => s?.close());

  it("says auth while the page token is refused and window once Messenger's 24 hours have passed", async () => {
    s = await createChannelTestApp({
      seed: "staff",
      FACEBOOK_APP_SECRET: APP_SECRET,
      FACEBOOK_VERIFY_TOKEN: VERIFY_TOKEN,
      FACEBOOK_PAGE_TOKEN: "page-token-1",
      FACEBOOK_GRAPH_URL: graph.url,
    });
    const operator = await signIn(s.app, "operator");
    const body = messengerText({
      page: PAGE_ID,
      psid: "930001",
      mid: "mid.$reasons",
      text: "Đường ngập nước",
      at: s.clock.now().getTime(),
    });
    const posted = await s.app.inject({
      method: "POST",
      url: WEBHOOK,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": facebookSignature(APP_SECRET, Buffer.from(body)),
      },
      payload: body,
    });
    expect(accepted(posted)).toBe(1);
    await s.inbound.runOnce();
    const [request] = await s.requests();
    const outboxOf = async () => {
      const res = await operator.inject({ url: `/api/v1/requests/${request?.id}` });
      expect(res.statusCode).toBe(200);
      return requestDetail.parse(res.json()).outbox.filter((o) => o.channel === "facebook");
    };

    graph.state.pageToken = "page-token-rotated";
    expect((await s.outbox.runOnce()).retried).toBe(1);
    const [refused] = await outboxOf();
    expect(refused).toMatchObject({ status: "pending", lastErrorReason: "auth" });
    expect(refused?.lastError).toMatch(/^Graph 400 code=190: Error validating access token/);

    graph.state.pageToken = "page-token-1";
    graph.state.closedWindow.add("930001");
    s.clock.advance(120_000);
    expect((await s.outbox.runOnce()).undeliverable).toBe(1);
    const [closed] = await outboxOf();
    expect(closed).toMatchObject({ status: "undeliverable", lastErrorReason: "window" });
    expect(closed?.lastError).toMatch(/^Graph 400 code=10 subcode=2018278: \(#10\)/);
    graph.state.closedWindow.delete("930001");
  });
});
