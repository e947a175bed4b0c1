import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accepted, error } from "../../../test/http.js";
import { createStaffUser } from "../../../test/staff.js";
import { execRaw } from "../../db/client.js";
import { findChannelToken } from "../../db/repositories/channel.repository.js";
import { deliveryReason } from "../../domain/delivery-reason.js";
import { useChannelTestApp } from "../testing/kit.js";
import { useFakeZalo } from "../testing/provider-servers.js";
import { zaloSignature } from "./zalo.adapter.js";

const APP_ID = "2553928453557884079";
const OA_SECRET = "oa-secret-key-for-tests";
const OA_ID = "3662729599332560487";
const WEBHOOK = "/api/v1/channels/zalo/webhook";

let seq = 0;

const zalo = useFakeZalo({
  appId: APP_ID,
  appSecret: "app-secret",
  accessToken: "at-0",
  refreshToken: "rt-0",
});
const t = useChannelTestApp(() => ({
  ZALO_APP_ID: APP_ID,
  ZALO_OA_SECRET_KEY: OA_SECRET,
  ZALO_APP_SECRET: "app-secret",
  ZALO_ACCESS_TOKEN: "at-0",
  ZALO_REFRESH_TOKEN: "rt-0",
  ZALO_API_URL: zalo.url,
  ZALO_OAUTH_URL: zalo.url,
}));

/** A Zalo event as raw text: ids unquoted where Zalo may send them as bare 19-digit numbers. */
function textEvent(userId: string, text: string, msgId = `msg${++seq}`): string {
  const ts = String(t.clock.now().getTime());
  return `{"app_id":"${APP_ID}","user_id_by_app":"979122185046046317","event_name":"user_send_text","sender":{"id":${userId}},"recipient":{"id":"${OA_ID}"},"message":{"msg_id":"${msgId}","text":${JSON.stringify(text)}},"timestamp":"${ts}"}`;
}

function post(raw: string, signature?: string | null) {
  const body = () => JSON.parse(raw) as { app_id?: string; timestamp?: string };
  const mac =
    signature === undefined
      ? `mac=${zaloSignature(body().app_id ?? "", Buffer.from(raw), body().timestamp ?? "", OA_SECRET)}`
      : signature;
  return t.app.inject({
    method: "POST",
    url: WEBHOOK,
    headers: { "content-type": "application/json", ...(mac ? { "x-zevent-signature": mac } : {}) },
    payload: raw,
  });
}

describe("Zalo webhook → request → reply on Zalo", () => {
  it("verifies the signature, keeps 19-digit ids exact, opens one request per msg_id", async () => {
    const raw = textEvent("6142494823123456789", "Đường Lê Lợi bị ngập", "cb31dff1c39642cc1b83");
    expect(accepted(await post(raw))).toBe(1);
    // Bare hex without the "mac=" prefix is accepted too (implementations differ).
    const bare = `${zaloSignature(APP_ID, Buffer.from(raw), String(JSON.parse(raw).timestamp), OA_SECRET)}`;
    expect(accepted(await post(raw, bare))).toBe(0);

    await t.inbound.runOnce();
    await t.inbound.runOnce();
    const requests = await t.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ channel: "zalo", content: "Đường Lê Lợi bị ngập" });

    expect((await t.outbox.drain()).sent).toBe(1);
    expect(zalo.state.delivered[0]?.recipient).toBe("6142494823123456789");
    expect(zalo.state.delivered[0]?.text).toContain(requests[0]?.code ?? "?");

    await post(textEvent("6142494823123456789", "Nước đã rút một phần"));
    await t.inbound.runOnce();
    expect(await t.count("requests")).toBe(1);
  });

  it("accepts follow and seen events with 200 and stores nothing", async () => {
    const before = await t.count("channel_inbound");
    const ts = String(t.clock.now().getTime());
    const follow = `{"event_name":"follow","app_id":"${APP_ID}","oa_id":"${OA_ID}","follower":{"id":"1"},"timestamp":"${ts}"}`;
    const seen = `{"event_name":"user_seen_message","app_id":"${APP_ID}","sender":{"id":"${OA_ID}"},"recipient":{"id":"1"},"message":{"msg_ids":["a"]},"timestamp":"${ts}"}`;
    expect(accepted(await post(follow))).toBe(0);
    expect(accepted(await post(seen))).toBe(0);
    expect(await t.count("channel_inbound")).toBe(before);
  });
});

describe("Zalo bad input", () => {
  it("answers 4xx for forged signatures, bad JSON, unknown events and big bodies; stores nothing", async () => {
    const before = await t.count("channel_inbound");
    const raw = textEvent("42", "xin chào");
    const forged = await post(raw, `mac=${zaloSignature(APP_ID, Buffer.from(raw), "0", "wrong-key")}`);
    expect(forged.statusCode).toBe(401);
    expect((await post(raw, null)).statusCode).toBe(401);
    // Signed by the OA of another app.
    const other = raw.replace(APP_ID, "1111111111111111111");
    expect((await post(other)).statusCode).toBe(401);
    const bad = await t.app.inject({
      method: "POST",
      url: WEBHOOK,
      headers: { "content-type": "application/json", "x-zevent-signature": "mac=00" },
      payload: '{"app_id":',
    });
    // Verified before parsing (issue 14): an unsigned broken body is refused as unsigned.
    expect(error(bad, 401).code).toBe("SIGNATURE_INVALID");
    const broken = `${raw.slice(0, -1)},}`;
    const ts = String(JSON.parse(raw).timestamp);
    const brokenSigned = await post(
      broken,
      `mac=${zaloSignature(APP_ID, Buffer.from(broken), ts, OA_SECRET)}`,
    );
    expect(error(brokenSigned, 400).code).toBe("BAD_JSON");
    const unknown = await post(raw.replace("user_send_text", "something_new"));
    expect(unknown.statusCode).toBe(400);
    const huge = await post(raw.replace("xin chào", "x".repeat(400_000)));
    expect(huge.statusCode).toBe(413);
    expect(await t.count("channel_inbound")).toBe(before);
  });
});

describe("Zalo send API outcomes", () => {
  it("refreshes an expired token once, storing the rotated pair", async () => {
    zalo.state.accessToken = "at-server-side-rotated"; // ours is now invalid (-216)
    zalo.state.refreshToken = "rt-0";
    await post(textEvent("500001", "Hỏi lịch tiếp dân"));
    await t.inbound.runOnce();
    expect((await t.outbox.drain()).sent).toBe(1);
    expect(zalo.state.refreshes).toBe(1);
    const stored = await findChannelToken(t.ctx.db, "zalo");
    expect(stored).toMatchObject({ access_token: "at-1", refresh_token: "rt-1" });
    expect(stored?.expires_at?.getTime()).toBe(t.clock.now().getTime() + 90_000_000);
  });

  it("retries on 5xx, marks a closed window undeliverable", async () => {
    await post(textEvent("500002", "Phản ánh tiếng ồn"));
    await post(textEvent("500003", "Phản ánh chiếm dụng vỉa hè"));
    await t.inbound.runOnce();
    zalo.state.mode = "down";
    expect((await t.outbox.runOnce()).retried).toBe(2);
    zalo.state.mode = "ok";
    zalo.state.closedWindow.add("500003");
    // This request also carries an email address: the message goes there instead.
    await t.ctx.db.execute(
      sql`update requests set contact_email = 'tam@example.vn' where contact_channel_id = '500003'`,
    );
    t.clock.advance(60_000);
    expect(await t.outbox.runOnce()).toMatchObject({ sent: 1, undeliverable: 1 });
    const rows = await t.outboxRows();
    const row = rows.find((r) => r.recipient === "500003");
    expect(row?.status).toBe("undeliverable");
    expect(row?.last_error).toContain("-230");
    // The stored shape is one the console's reason reads (domain/delivery-reason.ts).
    expect(deliveryReason(row?.last_error)).toBe("window");
    expect(rows.find((r) => r.recipient === "tam@example.vn")).toMatchObject({
      channel: "email",
      kind: "acknowledgement",
      body: row?.body,
    });
  });

  it("knows the 7-day window itself and does not call the provider after it", async () => {
    const coordinator = await createStaffUser(t, { role: "coordinator" });
    await post(textEvent("500004", "Câu hỏi về học bạ"));
    await t.inbound.runOnce();
    t.clock.advance(8 * 24 * 3600_000);
    const delivered = zalo.state.delivered.length;
    expect((await t.outbox.runOnce()).undeliverable).toBe(1);
    expect(zalo.state.delivered.length).toBe(delivered);
    // No email to fall back on, no operator (it came by chat): the coordinators call back, once.
    await t.outbox.runOnce();
    const notices = await execRaw<{ user_id: string; kind: string }>(
      t.ctx.db,
      sql`select n.user_id, n.kind from staff_notifications n join requests r on r.id = n.request_id
          where r.contact_channel_id = '500004'`,
    );
    expect(notices).toEqual([{ user_id: coordinator.actor.userId, kind: "requester_unreached" }]);
  });
});

describe("Zalo replays (issue 14)", () => {
  const at = (offsetMs: number, msgId: string) =>
    textEvent("42", "xin chào", msgId).replace(
      `"timestamp":"${t.clock.now().getTime()}"`,
      `"timestamp":"${t.clock.now().getTime() + offsetMs}"`,
    );

  it("refuses a correctly signed event older than 5 minutes, or more than 5 minutes ahead", async () => {
    const before = await t.count("channel_inbound");
    for (const offset of [-6 * 60_000, -365 * 24 * 3600_000, 6 * 60_000]) {
      const res = await post(at(offset, `replay${offset}`));
      expect(res.statusCode, String(offset)).toBe(401);
      expect(res.json().error.message).toMatch(/quá cũ/);
    }
    expect(await t.count("channel_inbound")).toBe(before);
    expect(accepted(await post(at(-4 * 60_000, "recent-4min")))).toBe(1);
  });

  it("the signed timestamp is the body's own: a second timestamp key cannot smuggle an old event", async () => {
    const old = at(-60 * 60_000, "smuggled");
    const now = String(t.clock.now().getTime());
    // The signature covers a fresh "timestamp" placed first; the body's real one is an hour old.
    const raw = old.replace('{"app_id"', `{"x":{"timestamp":"${now}"},"app_id"`);
    const mac = `mac=${zaloSignature(APP_ID, Buffer.from(raw), now, OA_SECRET)}`;
    expect((await post(raw, mac)).statusCode).toBe(401);
  });
});
