import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationList } from "../../../shared/schemas/notifications.js";
import { requestDetail } from "../../../shared/schemas/requests.js";
import { accepted, json } from "../../../test/http.js";
import { requestDriver } from "../../../test/requests.js";
import { createStaffUser, type StaffSession, signIn } from "../../../test/staff.js";
import { execRaw } from "../../db/client.js";
import { actionPaths } from "../../http/routes/requests.routes.js";
import { unconfiguredChannels } from "../settings.js";
import { type ChannelTestApp, createChannelTestApp } from "../testing/kit.js";
import { startFakeSmsGateway } from "../testing/sms-gateway.js";
import { SMS_DELIVERY_PATH } from "./sms.adapter.js";
import { segmentsOf } from "./sms-text.js";

const API_KEY = "esms-api-key";
const DLR_TOKEN = "dlr-shared-token-0123456789";

/** A console's live stream (/api/v1/stream) as it arrives: opened once the first bytes come. */
function liveStream(port: number, who: StaffSession) {
  let received = "";
  let close = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path: "/api/v1/stream", headers: { cookie: who.cookie } },
      (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          received += chunk;
          resolve();
        });
        res.on("error", () => {});
      },
    );
    req.on("error", reject);
    req.end();
    close = () => req.destroy();
  });
  return { opened, text: () => received, close: () => close() };
}

describe("SMS to phone callers through the outbox (issue 12, INTEGRATIONS §6)", () => {
  let gateway: Awaited<ReturnType<typeof startFakeSmsGateway>>;
  let t: ChannelTestApp;
  let operator: StaffSession;
  let focal: StaffSession;
  let coordinator: StaffSession;
  let drive: ReturnType<typeof requestDriver>;

  const smsRows = (requestId: string) =>
    execRaw<{
      id: number;
      kind: string;
      recipient: string;
      status: string;
      attempts: number;
      provider_message_id: string | null;
      delivery_status: string | null;
      delivery_error: string | null;
      next_ms: number;
    }>(
      t.ctx.db,
      sql`select id, kind, recipient, status, attempts, provider_message_id, delivery_status, delivery_error,
                 (extract(epoch from next_attempt_at) * 1000)::float8 as next_ms from outbox where request_id = ${requestId} and channel = 'sms' order by id`,
    );
  const report = (payload: string, opts: { token?: string; bearer?: string; type?: string } = {}) =>
    t.app.inject({
      method: "POST",
      url: `${SMS_DELIVERY_PATH}${opts.token === undefined ? "" : `?token=${encodeURIComponent(opts.token)}`}`,
      headers: {
        "content-type": opts.type ?? "application/json",
        ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
      },
      payload,
    });

  beforeAll(async () => {
    gateway = await startFakeSmsGateway({ apiKey: API_KEY });
    t = await createChannelTestApp({
      seed: "staff",
      SMS_GATEWAY_URL: gateway.url,
      SMS_API_KEY: API_KEY,
      SMS_DLR_TOKEN: DLR_TOKEN,
      SMS_MAX_SEGMENTS: 2,
      PUBLIC_URL: "https://1022.example.vn",
    });
    t.clock.set("2026-03-10T09:00:00+07:00");
    operator = await signIn(t.app, "operator");
    focal = await signIn(t.app, "focal");
    coordinator = await signIn(t.app, "coordinator");
    drive = requestDriver(t);
  });
  afterAll(async () => {
    await t?.close();
    await gateway?.close();
  });

  it("a caller without email gets the acknowledgement by SMS: code and link, plain, within 2 segments", async () => {
    const d = await drive.create(operator);
    expect(await smsRows(d.id)).toMatchObject([{ kind: "acknowledgement", recipient: "+84912345678" }]);
    await t.outbox.drain();
    const sent = gateway.state.delivered.filter((m) => m.content.includes(d.code));
    expect(sent).toHaveLength(1);
    const [sms] = sent;
    expect(sms).toMatchObject({ phone: "84912345678", isUnicode: "0", brandname: "TONGDAI1022" });
    expect(sms?.content).toMatch(/^Tong dai 1022 da tiep nhan yeu cau/);
    expect(sms?.content).toMatch(/https:\/\/1022\.example\.vn\/theo-doi\/[A-Za-z0-9_-]{43}/);
    expect(segmentsOf(sms?.content ?? "")).toMatchObject({ encoding: "GSM-7" });
    expect(segmentsOf(sms?.content ?? "").segments).toBeLessThanOrEqual(2);
    expect(sms?.callbackUrl).toBe(`https://1022.example.vn${SMS_DELIVERY_PATH}?token=${DLR_TOKEN}`);
    expect(await smsRows(d.id)).toMatchObject([{ status: "sent", provider_message_id: sms?.smsId }]);
  });

  it("'needs verification' and the answer reach the caller by SMS, each with the code", async () => {
    let d = await drive.create(operator);
    const syt = await drive.agencyId("SYT");
    d = await drive.actOk(operator, d, actionPaths.forward, { agencyId: syt, transferAttempt: "connected" });
    d = await drive.actOk(focal, d, actionPaths.mark_verifying, { note: "Cần xác minh" });
    d = await drive.actOk(focal, d, actionPaths.record_answer, {
      answer: "Trẻ em dưới 12 tuổi được tiêm tại trạm y tế phường vào thứ Ba hằng tuần. ".repeat(8),
    });
    d = await drive.actOk(focal, d, actionPaths.publish, {});
    await t.outbox.drain();
    const rows = await smsRows(d.id);
    expect(rows.map((r) => r.kind)).toEqual(
      expect.arrayContaining(["acknowledgement", "forwarded", "verifying", "answer_published"]),
    );
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const texts = gateway.state.delivered.filter((m) => m.content.includes(d.code)).map((m) => m.content);
    expect(texts.find((x) => x.startsWith(`Yeu cau ${d.code} can duoc xac minh`))).toMatch(/So Y te/);
    const answer = texts.find((x) => x.startsWith(`Yeu cau ${d.code} da co ket qua tra loi`));
    expect(answer).toContain("https://1022.example.vn/tra-cuu");
    expect(answer).toContain("...");
    expect(segmentsOf(answer ?? "").segments).toBeLessThanOrEqual(2);
  });

  it("delivery reports update the message: token checked, unknown messages ignored", async () => {
    const d = await drive.create(operator);
    await t.outbox.drain();
    const [row] = await smsRows(d.id);
    const smsId = row?.provider_message_id ?? "";
    const body = JSON.stringify({ SMSID: smsId, status: "DELIVRD" });
    for (const res of [await report(body), await report(body, { token: "wrong-token-wrong-token" })]) {
      expect(res.statusCode).toBe(401);
    }
    expect((await smsRows(d.id))[0]?.delivery_status).toBeNull();
    expect(accepted(await report(body, { token: DLR_TOKEN }))).toBe(1);
    expect((await smsRows(d.id))[0]?.delivery_status).toBe("delivered");
    // Not final ("sent"), another gateway's id, bad JSON: nothing changes.
    expect(
      accepted(await report(JSON.stringify({ SMSID: smsId, status: "sent" }), { bearer: DLR_TOKEN })),
    ).toBe(0);
    expect(
      accepted(await report(JSON.stringify([{ SMSID: "nope", status: "failed" }]), { bearer: DLR_TOKEN })),
    ).toBe(0);
    expect((await report("{not json", { token: DLR_TOKEN })).statusCode).toBe(400);
    // A form report by our RequestId, failed with a reason.
    const failed = await report(
      `RequestId=${encodeURIComponent(gateway.state.delivered.at(-1)?.requestId ?? "")}&status=UNDELIV&error=Thue+bao+tam+khoa`,
      {
        token: DLR_TOKEN,
        type: "application/x-www-form-urlencoded",
      },
    );
    expect(accepted(failed)).toBe(1);
    expect((await smsRows(d.id))[0]).toMatchObject({
      delivery_status: "failed",
      delivery_error: "Thue bao tam khoa",
    });
    // Staff read the network's words beside the red tag (5 Dec 2026: stored, never shown).
    const shown = json(await operator.inject({ url: `/api/v1/requests/${d.id}` }), requestDetail);
    expect(shown.outbox.find((o) => o.channel === "sms" && o.kind === "acknowledgement")).toMatchObject({
      deliveryStatus: "failed",
      deliveryError: "Thue bao tam khoa",
    });
  });

  it("the gateway down: the SMS is retried with back-off, then sent once", async () => {
    gateway.state.mode = "down";
    const d = await drive.create(operator);
    expect((await t.outbox.runOnce()).retried).toBe(1);
    let [row] = await smsRows(d.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    const firstDelay = (row?.next_ms ?? 0) - t.clock.now().getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(1_000);
    expect((await t.outbox.runOnce()).retried).toBe(0); // not due yet
    t.clock.advance(firstDelay + 1);
    expect((await t.outbox.runOnce()).retried).toBe(1);
    [row] = await smsRows(d.id);
    const secondDelay = (row?.next_ms ?? 0) - t.clock.now().getTime();
    expect(secondDelay).toBeGreaterThan(firstDelay);
    gateway.state.mode = "ok";
    t.clock.advance(secondDelay + 1);
    expect((await t.outbox.runOnce()).sent).toBe(1);
    expect(gateway.state.delivered.filter((m) => m.content.includes(d.code))).toHaveLength(1);
  });

  // Review of the thirty-second session: the network's words shown on the request page may repeat
  // the caller's number, which the agency reads masked until an audited reveal.
  it("the network's words name the number: the agency reads it masked, the operator as given", async () => {
    let d = await drive.create(operator);
    d = await drive.actOk(operator, d, actionPaths.forward, {
      agencyId: await drive.agencyId("SYT"),
      transferAttempt: "connected",
    });
    await t.outbox.drain();
    const forwarded = (await smsRows(d.id)).find((r) => r.kind === "forwarded");
    const said = "Thue bao 0912 345 678 khong lien lac duoc";
    expect(
      accepted(
        await report(
          JSON.stringify({ SMSID: forwarded?.provider_message_id, status: "failed", error: said }),
          {
            token: DLR_TOKEN,
          },
        ),
      ),
    ).toBe(1);
    const seenBy = async (who: StaffSession) =>
      json(await who.inject({ url: `/api/v1/requests/${d.id}` }), requestDetail).outbox.find(
        (o) => o.channel === "sms" && o.kind === "forwarded",
      )?.deliveryError;
    expect(await seenBy(operator)).toBe(said);
    expect(await seenBy(focal)).toBe("Thue bao 09xx xxx 678 khong lien lac duoc");
  });

  it("a caller with email is written to by email; a landline or no number gets no SMS", async () => {
    const withEmail = await drive.create(operator, {
      requester: { fullName: "Lê Thị Hoa", phone: "0912 345 678", email: "hoa@example.vn" },
    });
    const landline = await drive.create(operator, {
      requester: { fullName: "Lê Văn Tâm", phone: "0237 3852 111" },
    });
    const none = await drive.create(operator, { requester: { fullName: "Lê Văn Tâm" } });
    for (const d of [withEmail, landline, none]) expect(await smsRows(d.id)).toEqual([]);
  });

  // 5 Dec 2026 (thirty-first session): a failed SMS only turned a tag red on a page nobody watched.
  const unreachedOf = async (who: StaffSession, requestId: string) =>
    json(await who.inject({ url: "/api/v1/notifications?limit=100" }), notificationList).items.filter(
      (n) => n.requestId === requestId && n.kind === "requester_unreached",
    );
  const emailRows = (requestId: string) =>
    execRaw<{ kind: string; recipient: string; dedupe_key: string }>(
      t.ctx.db,
      sql`select kind, recipient, dedupe_key from outbox where request_id = ${requestId} and channel = 'email' order by id`,
    );
  const failedReport = (smsId: string, status = "failed") =>
    report(JSON.stringify({ SMSID: smsId, status }), { token: DLR_TOKEN });

  it("an SMS reported failed reaches the requester by email when known, once however often it is reported", async () => {
    const d = await drive.create(operator);
    await t.outbox.drain();
    const [sms] = await smsRows(d.id);
    // The operator later writes down the caller's email.
    const edited = await drive.edit(operator, d, { requester: { email: "hoa.sms@example.vn" } });
    expect(edited.statusCode).toBe(200);
    for (const status of ["failed", "failed", "expired"])
      expect(accepted(await failedReport(sms?.provider_message_id ?? "", status))).toBe(1);
    expect(await emailRows(d.id)).toEqual([
      {
        kind: "acknowledgement",
        recipient: "hoa.sms@example.vn",
        dedupe_key: `${gateway.state.delivered.find((m) => m.smsId === sms?.provider_message_id)?.requestId}:fallback:email`,
      },
    ]);
    // Another way was tried: nobody is asked to call back.
    expect(await unreachedOf(operator, d.id)).toEqual([]);
    expect(await unreachedOf(coordinator, d.id)).toEqual([]);
  });

  // 5 Dec 2026: a message the worker gave up on (refused for good, or retried for hours) went no other
  // way, though the requester's email was known; only the staff notice told anyone.
  it("an SMS the gateway refuses for good reaches the requester by email when known; nobody is asked to call back", async () => {
    const d = await drive.create(operator);
    const edited = await drive.edit(operator, d, { requester: { email: "lan.sms@example.vn" } });
    expect(edited.statusCode).toBe(200);
    gateway.state.apiKey = "another-key"; // CodeResult 101: refused for good, not retried
    try {
      expect((await t.outbox.drain()).failed).toBe(1);
    } finally {
      gateway.state.apiKey = API_KEY;
    }
    const [sms] = await smsRows(d.id);
    expect(sms).toMatchObject({ kind: "acknowledgement", status: "failed" });
    const [email] = await emailRows(d.id);
    expect(email).toMatchObject({ kind: "acknowledgement", recipient: "lan.sms@example.vn" });
    expect(email?.dedupe_key).toMatch(/:fallback:email$/);
    expect(await emailRows(d.id)).toHaveLength(1);
    expect(await unreachedOf(operator, d.id)).toEqual([]);
    expect(await unreachedOf(coordinator, d.id)).toEqual([]);
  });

  it("an acknowledgement SMS reported failed with no email: the operator who took the call is told once", async () => {
    const d = await drive.create(operator);
    await t.outbox.drain();
    const [sms] = await smsRows(d.id);
    for (const status of ["failed", "expired", "failed"])
      expect(accepted(await failedReport(sms?.provider_message_id ?? "", status))).toBe(1);
    expect(await unreachedOf(operator, d.id)).toMatchObject([
      { requestCode: d.code, by: null, readAt: null },
    ]);
    // The operator is active: the coordinators are not told as well.
    expect(await unreachedOf(coordinator, d.id)).toEqual([]);
    expect(await emailRows(d.id)).toEqual([]);
  });

  // 5 Dec 2026: the notice reached an open console only on the bell's next refresh (a minute).
  it("the operator's open console is told at once, with the code and no one else's id; other consoles are not", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (t.app.server.address() as AddressInfo).port;
    const streams = [operator, coordinator, focal].map((who) => liveStream(port, who));
    try {
      await Promise.all(streams.map((s) => s.opened));
      const d = await drive.create(operator);
      await t.outbox.drain();
      const [sms] = await smsRows(d.id);
      for (const status of ["failed", "expired"])
        expect(accepted(await failedReport(sms?.provider_message_id ?? "", status))).toBe(1);
      const [mine, theirs, agency] = streams;
      const told = `event: notification\ndata: ${JSON.stringify({ kind: "requester_unreached", requestId: d.id, code: d.code })}\n\n`;
      await expect.poll(() => mine?.text()).toContain(told);
      // Reported twice, told once; the coordinator and the focal point hear nothing of it.
      expect(mine?.text().split("event: notification").length).toBe(2);
      for (const other of [theirs, agency]) expect(other?.text()).not.toContain("event: notification");
    } finally {
      for (const s of streams) s.close();
    }
  });

  it("a report about no message of ours, or about a progress note, asks nobody to call back", async () => {
    let d = await drive.create(operator);
    const syt = await drive.agencyId("SYT");
    d = await drive.actOk(operator, d, actionPaths.forward, { agencyId: syt, transferAttempt: "connected" });
    await t.outbox.drain();
    const forwarded = (await smsRows(d.id)).find((r) => r.kind === "forwarded");
    expect(accepted(await failedReport(`unknown-${d.code}`))).toBe(0);
    expect(accepted(await failedReport(forwarded?.provider_message_id ?? ""))).toBe(1);
    for (const who of [operator, coordinator, focal]) expect(await unreachedOf(who, d.id)).toEqual([]);
  });

  it("the answer refused by the gateway (failed, no email): told once; with its operator gone, the coordinators", async () => {
    const gone = await createStaffUser(t, { role: "operator" });
    const goneSession = await gone.signIn();
    const syt = await drive.agencyId("SYT");
    const forwarded = async (by: StaffSession) =>
      drive.actOk(by, await drive.create(by), actionPaths.forward, {
        agencyId: syt,
        transferAttempt: "connected",
      });
    const [mine, theirs] = [await forwarded(operator), await forwarded(goneSession)];
    await t.outbox.drain(); // the acknowledgements and the progress notes reach the callers
    for (const d of [mine, theirs]) {
      const answered = await drive.actOk(focal, d, actionPaths.record_answer, {
        answer: "Tiêm tại trạm y tế phường.",
      });
      await drive.actOk(focal, answered, actionPaths.publish, {});
    }
    await execRaw(t.ctx.db, sql`update users set active = false where username = ${gone.username}`);
    gateway.state.apiKey = "another-key"; // CodeResult 101: refused for good, not retried
    try {
      // Each answer and each feedback question; the feedback question asks nobody to call back.
      expect((await t.outbox.drain()).failed).toBe(4);
    } finally {
      gateway.state.apiKey = API_KEY;
    }
    for (const d of [mine, theirs])
      expect((await smsRows(d.id)).find((r) => r.kind === "answer_published")).toMatchObject({
        status: "failed",
      });
    expect(await unreachedOf(operator, mine.id)).toHaveLength(1);
    expect(await unreachedOf(coordinator, mine.id)).toEqual([]);
    expect(await unreachedOf(coordinator, theirs.id)).toHaveLength(1);
    // Drained again: still one.
    await t.outbox.drain();
    expect(await unreachedOf(operator, mine.id)).toHaveLength(1);
  });
});

// 5 Dec 2026, a walk of the console: a focal point read «Chưa cấu hình cổng SMS (SMS_GATEWAY_URL,
// SMS_API_KEY).» as the message's last error. Staff read what happened; which variables to set is for
// whoever runs the server, told once at start-up (`unconfiguredChannels`, startup-banner.ts).
describe("SMS without a gateway configured", () => {
  let t: ChannelTestApp;
  afterAll(() => t?.close());

  it("the message waits, and staff read a plain Vietnamese last error without configuration names", async () => {
    t = await createChannelTestApp({ seed: "staff" });
    const operator = await signIn(t.app, "operator");
    const focal = await signIn(t.app, "focal");
    const drive = requestDriver(t);
    let d = await drive.create(operator);
    const syt = await drive.agencyId("SYT");
    d = await drive.actOk(operator, d, actionPaths.forward, { agencyId: syt, transferAttempt: "connected" });
    expect((await t.outbox.runOnce()).retried).toBeGreaterThan(0);
    for (const staff of [operator, focal]) {
      const res = await staff.inject({ url: `/api/v1/requests/${d.id}` });
      const sms = res.json().outbox.filter((o: { channel: string }) => o.channel === "sms");
      expect(sms.length).toBeGreaterThan(0);
      for (const o of sms)
        expect(o).toMatchObject({
          status: "pending",
          lastError: "Chưa cấu hình cổng SMS.",
          lastErrorReason: "config",
        });
      expect(res.body).not.toMatch(/SMS_GATEWAY_URL|SMS_API_KEY/);
    }
    expect(await unconfiguredChannels(t.ctx.db, t.ctx.config)).toContainEqual({
      channel: "sms",
      missing: ["SMS_GATEWAY_URL", "SMS_API_KEY"],
    });
  });
});
