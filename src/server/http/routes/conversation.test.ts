import { describe, expect, it } from "vitest";
import {
  boardResponse,
  publicRequestView,
  type RequestDetail,
  requestDetail,
  requestListResponse,
} from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import type { StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { type LiveEvent, liveEventVisible } from "../../services/live-bus.js";

const PHONE = "0912 345 678";
const QUESTION = "Xin cho biết số nhà và tên trường của cháu để chúng tôi kiểm tra danh sách tiêm.";

/**
 * Art. 14.6 through HTTP: the focal point asks the requester, the request waits for them, and the
 * reply — from the follow page or a channel — lands on the request, ends the wait and is pushed live.
 */
describe("conversation with the requester (Art. 14.6)", () => {
  const s = useStaffApp({
    users: ["operator", "focal", "coordinator"],
    otherFocal: true,
    eachTestAt: "2026-03-02T09:00:00+07:00" /* Monday */,
  });
  /** A request taken on the phone (with an email when given) and forwarded to the Department of Health. */
  async function forwarded(
    requester: Record<string, unknown> = {},
    forward: Record<string, unknown> = {},
  ): Promise<RequestDetail> {
    const r = await s.drive.create(s.operator, {
      requester: { fullName: "Lê Thị Hoa", phone: PHONE, address: "Số 5 Lê Lợi", ...requester },
    });
    phoneOf.set(r.code, String(requester.phone ?? PHONE));
    return s.drive.actOk(s.operator, r, "forward", {
      agencyId: s.syt,
      transferAttempt: "connected",
      ...forward,
    });
  }

  const ask = (as: StaffSession, r: RequestDetail, message = QUESTION) =>
    s.drive.act(as, r, "ask-requester", { message });

  const phoneOf = new Map<string, string>();
  /** The follow page after a look-up by code + phone (the portal's form). */
  const followPage = (code: string) =>
    s.t.app.inject({
      method: "POST",
      url: "/tra-cuu",
      payload: { ma: code, sdt: phoneOf.get(code) ?? PHONE },
    });

  const replyToken = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1];

  const reply = (token: string, text: string) =>
    s.t.app.inject({ method: "POST", url: "/tra-cuu/tra-loi", payload: { token, noi_dung: text } });

  function liveEvents(): { events: LiveEvent[]; stop: () => void } {
    const events: LiveEvent[] = [];
    const stop = s.t.services.live.subscribe((e) => events.push(e));
    return { events, stop };
  }

  it("the focal point asks: the question goes out on the request's channel, shows on the follow page, and the request waits", async () => {
    const r = await forwarded({ email: "hoa@example.vn" });
    const res = await ask(s.focal, r);
    const d = json(res, requestDetail);
    expect(d.status).toBe("forwarded");
    expect(d.awaitingRequesterSince).toBe("2026-03-02T09:00:00+07:00");
    expect(d.messages).toEqual([
      expect.objectContaining({
        direction: "out",
        channel: "email",
        body: QUESTION,
        author: s.focal.me.user.fullName,
      }),
    ]);
    expect(d.events.at(-1)).toMatchObject({
      kind: "ask_requester",
      fromStatus: "forwarded",
      toStatus: "forwarded",
      data: expect.objectContaining({ message: QUESTION }),
    });
    // The outbox row on the requester's channel, with the question in it.
    expect(d.outbox.filter((o) => o.kind === "question")).toEqual([
      expect.objectContaining({ channel: "email", status: "pending" }),
    ]);
    // Art. 10.3: the legal clock is not paused — the answer obligation keeps its due time.
    expect(d.obligations.find((o) => o.kind === "answer")?.dueAt).toBe(r.obligations[0]?.dueAt);

    const page = await followPage(r.code);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Trao đổi với cơ quan xử lý");
    expect(page.body).toContain("đang chờ bạn bổ sung thông tin");
    expect(page.body).toContain("Xin cho biết số nhà");
    expect(replyToken(page.body)).toBeDefined();
    // The staff member's name stays inside: the requester sees the agency.
    expect(page.body).not.toContain(s.focal.me.user.fullName);

    const api = await s.t.app.inject({
      method: "GET",
      url: `/api/v1/public/requests/${r.code}?phone=${encodeURIComponent(PHONE)}`,
    });
    const view = json(api, publicRequestView);
    expect(view.conversation.awaitingReply).toBe(true);
    expect(view.conversation.messages).toEqual([
      expect.objectContaining({ direction: "out", from: "Sở Y tế", body: QUESTION }),
    ]);
  });

  it("without a channel to reach them, the question is only on the follow page", async () => {
    // A landline caller without email: no SMS can reach them (a mobile caller gets it by SMS).
    const r = await forwarded({ phone: "0237 385 2222" });
    const d = json(await ask(s.focal, r), requestDetail);
    expect(d.outbox.filter((o) => o.kind === "question")).toEqual([]);
    expect(d.messages[0]).toMatchObject({ direction: "out", channel: "portal" });
    expect((await followPage(r.code)).body).toContain("Xin cho biết số nhà");
  });

  it("a mobile caller without email is asked by SMS as well as on the follow page", async () => {
    const r = await forwarded({ phone: "0987 000 222" });
    const d = json(await ask(s.focal, r), requestDetail);
    expect(d.outbox.filter((o) => o.kind === "question").map((o) => o.channel)).toEqual(["sms"]);
    expect((await followPage(r.code)).body).toContain("Xin cho biết số nhà");
  });

  it("the reply reaches the consoles of an agency cooperating on the request too, like its other changes (issue 19)", async () => {
    const cooperating = s.otherFocalUser.actor;
    const r = await forwarded({}, { cooperatingAgencyIds: [cooperating.agencyId] });
    json(await ask(s.focal, r), requestDetail);
    const token = replyToken((await followPage(r.code)).body) ?? "";
    const live = liveEvents();
    expect((await reply(token, "Cháu học lớp 3.")).statusCode).toBe(200);
    live.stop();
    const event = live.events.find((e) => e.requestId === r.id && e.kind === "message_received");
    expect(event).toMatchObject({ agencyId: s.syt, cooperatingAgencyIds: [cooperating.agencyId] });
    expect(event && liveEventVisible(cooperating, event)).toBe(true);
  });

  it("waiting shows on the list, the board and the slip", async () => {
    const r = await forwarded();
    json(await ask(s.focal, r), requestDetail);
    const list = json(
      await s.focal.inject({ method: "GET", url: "/api/v1/requests?open=true&pageSize=200" }),
      requestListResponse,
    );
    expect(list.items.find((x) => x.id === r.id)?.awaitingRequesterSince).toBe("2026-03-02T09:00:00+07:00");
    const board = json(
      await s.coordinator.inject({ method: "GET", url: "/api/v1/monitor/board" }),
      boardResponse,
    );
    expect(board.awaitingRequester.map((x) => x.id)).toContain(r.id);
    expect((await s.drive.get(s.focal, r.id)).awaitingRequesterSince).not.toBeNull();
  });

  it("the requester replies on the follow page: the message lands on the request, the wait ends, the agency is told live", async () => {
    const r = await forwarded({ email: "hoa@example.vn" });
    json(await ask(s.focal, r), requestDetail);
    const token = replyToken((await followPage(r.code)).body) ?? "";
    s.t.clock.set("2026-03-02T10:15:00+07:00");
    const live = liveEvents();
    const sent = await reply(token, "Số nhà 12, cháu học trường Tiểu học Điện Biên.");
    live.stop();
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain("Đã gửi trả lời của bạn");

    await s.signIn("focal");
    const d = await s.drive.get(s.focal, r.id);
    expect(d.awaitingRequesterSince).toBeNull();
    expect(d.messages.map((m) => [m.direction, m.channel, m.body])).toEqual([
      ["out", "email", QUESTION],
      ["in", "portal", "Số nhà 12, cháu học trường Tiểu học Điện Biên."],
    ]);
    expect(d.events.at(-1)).toMatchObject({
      kind: "message_received",
      at: "2026-03-02T10:15:00+07:00",
      data: expect.objectContaining({ channel: "portal", answeredQuestion: true }),
    });
    // Pushed to the consoles of the agency holding the slip (the stream filters by agencyId).
    expect(live.events).toEqual([
      expect.objectContaining({ requestId: r.id, kind: "message_received", agencyId: s.syt }),
    ]);
    // The reply shows on the follow page too; the version did not move (no conflict for the focal point).
    expect(d.version).toBe(r.version + 1);
    const page = await followPage(r.code);
    expect(page.body).toContain("cháu học trường Tiểu học Điện Biên");
    expect(page.body).not.toContain("đang chờ bạn bổ sung thông tin");
  });

  it("a reply needs a genuine, fresh token and some text; a request that no longer takes replies says so", async () => {
    const r = await forwarded();
    const asked = json(await ask(s.focal, r), requestDetail);
    const token = replyToken((await followPage(r.code)).body) ?? "";
    expect(token).not.toBe("");

    expect((await reply(token, "   ")).statusCode).toBe(400);
    const forged = token.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await reply(forged, "Thông tin bổ sung")).statusCode).toBe(404);
    const otherCode = token.replace(/^[^.]+/, "2603-AAAAAA");
    expect((await reply(otherCode, "Thông tin bổ sung")).statusCode).toBe(404);
    expect((await reply("", "Thông tin bổ sung")).statusCode).toBe(404);

    // Two hours after the look-up the token has expired.
    s.t.clock.set("2026-03-02T11:00:01+07:00");
    expect((await reply(token, "Thông tin bổ sung")).statusCode).toBe(404);

    // Once the agency has answered, the follow page offers no reply and a stale form is refused.
    s.t.clock.set("2026-03-02T09:30:00+07:00");
    const fresh = replyToken((await followPage(r.code)).body) ?? "";
    await s.signIn("focal");
    const answered = await s.drive.actOk(s.focal, asked, "record-answer", { answer: "Đã có kết quả." });
    // A change of status ends the wait.
    expect(answered.awaitingRequesterSince).toBeNull();
    expect(replyToken((await followPage(r.code)).body)).toBeUndefined();
    const late = await reply(fresh, "Thông tin bổ sung");
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("không còn nhận thông tin bổ sung");
    expect((await s.drive.get(s.focal, r.id)).messages).toHaveLength(1);
  });

  it("nobody but the agency holding the slip asks: another agency's focal point gets 404, the operator 403, a wrong state 409", async () => {
    const r = await forwarded({ email: "hoa@example.vn" });
    expect((await ask(s.otherFocal, r)).statusCode).toBe(404);
    expect(error(await ask(s.operator, r), 403).code).toBe("FORBIDDEN");
    const fresh = await s.drive.create(s.operator);
    expect(error(await ask(s.coordinator, fresh), 403).code).toBe("FORBIDDEN");
    const bad = await s.drive.act(s.focal, r, "ask-requester", { message: "" });
    expect(error(bad, 400).code).toBe("VALIDATION");
    const answered = await s.drive.actOk(s.focal, r, "record-answer", { answer: "Đã có kết quả." });
    expect(error(await ask(s.focal, answered), 409).code).toBe("INVALID_TRANSITION");
    // Nothing was sent or recorded by the refused attempts.
    const d = await s.drive.get(s.focal, r.id);
    expect(d.messages).toEqual([]);
    expect(d.outbox.filter((o) => o.kind === "question")).toEqual([]);
  });

  it("a Zalo message from the same user while a question is open lands on that request and ends the wait", async () => {
    const zalo = (ref: string, content: string, at: string) =>
      s.t.services.requests.intakeFromChannel({
        channel: "zalo",
        externalRef: ref,
        identity: { externalId: "zalo-user-77", displayName: "Trần Văn Bình" },
        content,
        receivedAt: new Date(at),
      });
    const first = await zalo(
      "m1",
      "Hỏi về thủ tục cấp giấy phép kinh doanh thuốc",
      "2026-03-02T08:00:00+07:00",
    );
    const created = await s.drive.get(s.operator, first.requestId);
    const fwd = await s.drive.actOk(s.operator, created, "forward", {
      agencyId: s.syt,
      transferAttempt: "not_attempted",
    });

    const asked = json(await ask(s.focal, fwd, "Bạn kinh doanh tại huyện nào?"), requestDetail);
    expect(asked.messages[0]).toMatchObject({ channel: "zalo" });
    expect(asked.outbox.filter((o) => o.kind === "question")).toEqual([
      expect.objectContaining({ channel: "zalo" }),
    ]);

    const live = liveEvents();
    const answer = await zalo("m3", "Tôi kinh doanh tại huyện Thọ Xuân.", "2026-03-02T09:10:00+07:00");
    live.stop();
    expect(answer).toMatchObject({ requestId: first.requestId, appended: true, created: false });
    expect(live.events).toEqual([
      expect.objectContaining({ requestId: first.requestId, kind: "message_received", agencyId: s.syt }),
    ]);
    const d = await s.drive.get(s.focal, first.requestId);
    expect(d.awaitingRequesterSince).toBeNull();
    expect(d.messages.at(-1)).toMatchObject({
      direction: "in",
      channel: "zalo",
      author: "Trần Văn Bình",
      body: "Tôi kinh doanh tại huyện Thọ Xuân.",
    });
    expect(d.events.at(-1)).toMatchObject({
      kind: "message_received",
      data: expect.objectContaining({ answeredQuestion: true }),
    });
    // A redelivery of the answer changes nothing.
    expect(await zalo("m3", "Tôi kinh doanh tại huyện Thọ Xuân.", "2026-03-02T09:10:00+07:00")).toMatchObject(
      {
        requestId: first.requestId,
        appended: false,
      },
    );
    expect((await s.drive.get(s.focal, first.requestId)).messages).toHaveLength(2);
  });

  it("an auto-reply to the question is recorded but does not end the wait", async () => {
    const r = await forwarded({ email: "hoa@example.vn" });
    json(await ask(s.focal, r), requestDetail);
    const out = await s.t.services.requests.intakeFromChannel({
      channel: "email",
      externalRef: "<auto-1@example.vn>",
      identity: { externalId: "hoa@example.vn", email: "hoa@example.vn" },
      content: "Tôi đang nghỉ phép đến hết tuần.",
      receivedAt: new Date("2026-03-02T09:05:00+07:00"),
      threadCode: r.code,
      suppressAcknowledgement: true,
    });
    expect(out).toMatchObject({ requestId: r.id, appended: true });
    const d = await s.drive.get(s.focal, r.id);
    expect(d.awaitingRequesterSince).not.toBeNull();
    expect(d.messages).toHaveLength(1);
    expect(d.events.at(-1)).toMatchObject({
      kind: "message_received",
      data: expect.objectContaining({ autoReply: true }),
    });
  });
});
