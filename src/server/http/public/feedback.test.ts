import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { feedbackCreated, staffFeedbackView } from "../../../shared/schemas/feedback.js";
import { summaryResponse } from "../../../shared/schemas/reports.js";
import { boardResponse, publicRequestView, type RequestDetail } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";
import { findFeedback } from "../../db/repositories/feedback.repository.js";
import { listOutboxForRequest } from "../../db/repositories/outbox.repository.js";
import { anonymiseRequests } from "../../db/repositories/person-data.repository.js";

/**
 * Issue 19, satisfaction: POST /api/v1/public/requests/{code}/feedback with the look-up's key
 * (code + phone or email), once per request, only after publication; "not resolved" reopens the
 * request to the coordinator; asked once on the requester's channel; counted in the reports.
 */
describe("the requester's satisfaction after publication", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00") });
  const phone = "0912 345 678";

  /** A request SYT answered and published, taken on the phone (so the requester gets SMS). */
  async function published(content?: string): Promise<RequestDetail> {
    const answer = "Trẻ em dưới 12 tuổi được tiêm tại trạm y tế phường vào sáng thứ Bảy hằng tuần.";
    return s.published(answer, content ? { content } : {});
  }

  // Each call from its own address: the per-address rate limit is not what these tests are about.
  let client = 0;
  const remoteAddress = () => `10.19.${Math.floor(++client / 250)}.${client % 250}`;
  const post = (code: string, payload: unknown, query = `phone=${encodeURIComponent(phone)}`) =>
    s.t.app.inject({
      remoteAddress: remoteAddress(),
      method: "POST",
      url: `/api/v1/public/requests/${encodeURIComponent(code)}/feedback?${query}`,
      headers: { "content-type": "application/json" },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
  const lookup = async (code: string) =>
    json(
      await s.t.app.inject({
        method: "GET",
        url: `/api/v1/public/requests/${code}?phone=${encodeURIComponent(phone)}`,
      }),
      publicRequestView,
    );
  const eventsOf = (id: string) =>
    execRaw<{ kind: string; from_status: string | null; to_status: string | null; data: unknown }>(
      s.t.ctx.db,
      sql`select kind, from_status, to_status, data from events where request_id = ${id} order by id`,
    );

  it("is refused before publication (409 FEEDBACK_NOT_OPEN) and asked once on the channel after it", async () => {
    const r = await s.drive.create(s.operator);
    const e = error(await post(r.code, { resolved: true, rating: 5 }), 409);
    expect(e.code).toBe("FEEDBACK_NOT_OPEN");
    expect(e.message).toContain("chưa có kết quả trả lời được công khai");
    expect((await lookup(r.code)).feedback).toEqual({ open: false, given: null, token: null });

    const p = await published();
    const asked = (await listOutboxForRequest(s.t.ctx.db, p.id)).filter((m) => m.kind === "feedback_request");
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ channel: "sms", recipient: "+84912345678" });
    expect(asked[0]?.body).toContain(`/tra-cuu?ma=${p.code}`);
    const view = await lookup(p.code);
    expect(view.feedback.open).toBe(true);
    expect(view.feedback.token).toEqual(expect.any(String));
    // Taken down and published again: not asked a second time.
    const down = await s.drive.actOk(s.coordinator, p, "takedown", { reason: "Rà soát lại câu chữ" });
    error(await post(p.code, { resolved: true, rating: 4 }), 409);
    await s.drive.actOk(s.focal, down, "publish", {});
    const again = (await listOutboxForRequest(s.t.ctx.db, p.id)).filter((m) => m.kind === "feedback_request");
    expect(again).toHaveLength(1);
  });

  it("takes the look-up's key: a wrong phone or an unknown code is the same 404; no key is 400", async () => {
    const p = await published();
    const wrong = error(await post(p.code, { resolved: true, rating: 5 }, "phone=0987654321"), 404);
    expect(wrong.code).toBe("NOT_FOUND");
    const unknown = error(await post("2603-XXXXXX", { resolved: true, rating: 5 }), 404);
    expect(unknown.message).toBe(wrong.message);
    expect(error(await post(p.code, { resolved: true, rating: 5 }, ""), 400).code).toBe("VALIDATION");
    expect(await findFeedback(s.t.ctx.db, p.id)).toBeUndefined();
  });

  it("refuses bad bodies with 400 and a stable code, writing nothing", async () => {
    const p = await published();
    const before = (await eventsOf(p.id)).length;
    const bad: unknown[] = [
      { resolved: true, rating: 0 },
      { resolved: true, rating: 6 },
      { resolved: true, rating: "5" },
      { resolved: true, rating: 4.5 },
      { resolved: "true", rating: 5 },
      { rating: 5 },
      { resolved: false },
      { resolved: true, rating: 5, comment: "x".repeat(2001) },
      { resolved: true, rating: 5, comment: "   " },
      { resolved: true, rating: 5, status: "closed" },
      [],
      null,
    ];
    for (const body of bad) {
      const e = error(await post(p.code, body), 400);
      expect(["VALIDATION", "BAD_INPUT"], JSON.stringify(body)).toContain(e.code);
      expect(e.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/);
    }
    // A huge body (1 MB of comment) is refused too, never a 500.
    const huge = await post(p.code, { resolved: true, rating: 5, comment: "a".repeat(1_100_000) });
    expect([400, 413]).toContain(huge.statusCode);
    expect(error(await post(p.code, "{not json"), 400).code).toBe("BAD_JSON");
    expect(await findFeedback(s.t.ctx.db, p.id)).toBeUndefined();
    expect((await eventsOf(p.id)).length).toBe(before);
  });

  it("is accepted once: 201, then 409 FEEDBACK_ALREADY_GIVEN; the follow page shows what was given", async () => {
    const p = await published();
    const created = json(await post(p.code, { resolved: true, rating: 4 }), feedbackCreated, 201);
    expect(created).toMatchObject({ code: p.code, resolved: true, rating: 4, reopened: false });
    const second = error(await post(p.code, { resolved: false, rating: 1, comment: "Đổi ý" }), 409);
    expect(second.code).toBe("FEEDBACK_ALREADY_GIVEN");
    expect(second.message).toContain("một lần");
    expect((await s.drive.get(s.operator, p.id)).status).toBe("published");
    const view = await lookup(p.code);
    expect(view.feedback).toMatchObject({ open: false, given: { resolved: true, rating: 4 }, token: null });
    const kinds = (await eventsOf(p.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === "feedback_given")).toHaveLength(1);
  });

  it("two concurrent posts: one 201, one 409", async () => {
    const p = await published();
    const [a, b] = await Promise.all([
      post(p.code, { resolved: true, rating: 5 }),
      post(p.code, { resolved: false, rating: 2, comment: "Chưa rõ" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(error(loser, 409).code).toBe("FEEDBACK_ALREADY_GIVEN");
    const rows = await execRaw<{ n: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n from request_feedback where request_id = ${p.id}`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("'not resolved' reopens the request to the coordinator with the comment, kept out of public view", async () => {
    const p = await published("Tôi muốn hỏi thủ tục cấp lại thẻ bảo hiểm y tế bị mất cho con");
    // Personal data in the comment: it stays with staff who read the request.
    const comment = "Tôi là Trần Văn Bình, số 0987 654 321, vẫn chưa biết phải nộp hồ sơ ở đâu.";
    const created = json(await post(p.code, { resolved: false, rating: 2, comment }), feedbackCreated, 201);
    expect(created.reopened).toBe(true);
    const d = await s.drive.get(s.coordinator, p.id);
    expect(d.status).toBe("with_coordinator");
    expect(d.allowedActions).toContain("assign_agency");
    const reopened = (await eventsOf(p.id)).find((e) => e.kind === "reopen_not_resolved");
    expect(reopened).toMatchObject({ from_status: "published", to_status: "with_coordinator" });
    // The event says there is a comment, never what: webhooks and histories never carry it.
    expect(JSON.stringify(reopened?.data)).not.toContain("0987");
    // On the coordinator's board, and the comment on the request's feedback.
    const board = json(await s.coordinator.inject({ url: "/api/v1/monitor/board" }), boardResponse);
    expect(board.unclear.map((r) => r.code)).toContain(p.code);
    expect(board.notResolved.find((n) => n.code === p.code)).toMatchObject({ rating: 2, comment });
    // An agency leader's board lists only their own agency's (SYT answered this one).
    const leaderBoard = json(await s.leader.inject({ url: "/api/v1/monitor/board" }), boardResponse);
    expect(leaderBoard.notResolved.map((n) => n.code)).toContain(p.code);
    const fb = json(
      await s.coordinator.inject({ url: `/api/v1/requests/${p.id}/feedback` }),
      staffFeedbackView,
    );
    expect(fb.feedback).toMatchObject({ resolved: false, rating: 2, comment });
    // The requester's own view: the fact, not the comment; nothing on the public answers or figures.
    const view = await s.t.app.inject({
      method: "GET",
      url: `/api/v1/public/requests/${p.code}?phone=${encodeURIComponent(phone)}`,
    });
    expect(view.body).not.toContain("0987");
    expect(view.body).not.toContain("Trần Văn Bình");
    expect(json(view, publicRequestView).status).toBe("with_coordinator");
    for (const url of [
      "/api/v1/public/answers",
      "/api/v1/public/figures?period=monthly",
      "/open311/v2/requests.json",
    ]) {
      const res = await s.t.app.inject({ method: "GET", url });
      expect(res.body, url).not.toContain("0987");
    }
    // The coordinator acts with the existing actions: assign again; the agency answers and publishes.
    const assigned = await s.drive.actOk(s.coordinator, d, "assign-agency", {
      agencyId: s.syt,
      note: "Xem lại hồ sơ",
    });
    const answered = await s.drive.actOk(s.focal, assigned, "record-answer", {
      answer: "Nộp hồ sơ cấp lại thẻ tại bộ phận một cửa của Bảo hiểm xã hội huyện.",
    });
    const republished = await s.drive.actOk(s.focal, answered, "publish", {});
    expect(republished.status).toBe("published");
    // Erasing the person's data (data-subject rights) erases the comment too.
    await s.t.ctx.db.transaction((tx) => anonymiseRequests(tx, [p.id], [], s.t.clock.now()));
    expect((await findFeedback(s.t.ctx.db, p.id))?.comment).not.toContain("0987");
  });

  it("the follow page's form (token of the look-up, no phone in the form) records feedback once", async () => {
    const p = await published();
    const submit = (url: string, fields: Record<string, string>) =>
      s.t.app.inject({
        remoteAddress: remoteAddress(),
        method: "POST",
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    const page = await submit("/tra-cuu", { ma: p.code, sdt: phone });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/tra-cuu/danh-gia"');
    const token = /name="token" value="([^"]+)"/.exec(page.body.slice(page.body.indexOf("danh-gia")))?.[1];
    expect(token).toBeDefined();
    const form = (fields: Record<string, string>) => submit("/tra-cuu/danh-gia", fields);
    expect((await form({ token: token ?? "", da_giai_quyet: "co", muc_hai_long: "9" })).statusCode).toBe(400);
    expect((await form({ token: "forged.1.x", da_giai_quyet: "co", muc_hai_long: "5" })).statusCode).toBe(
      404,
    );
    const sent = await form({
      token: token ?? "",
      da_giai_quyet: "co",
      muc_hai_long: "5",
      y_kien: "Rõ ràng",
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain("Cảm ơn bạn đã đánh giá");
    expect((await form({ token: token ?? "", da_giai_quyet: "co", muc_hai_long: "5" })).statusCode).toBe(409);
    const after = await submit("/tra-cuu", { ma: p.code, sdt: phone });
    expect(after.body).toContain("Bạn đã đánh giá kết quả trả lời: đã được giải quyết, mức hài lòng 5/5");
    expect(after.body).not.toContain('action="/tra-cuu/danh-gia"');
  });

  it("is counted per agency, field and channel in the reports' summary", async () => {
    const q = "from=2026-03-10&to=2026-03-10";
    const rows = async (groupBy: string) =>
      json(
        await s.coordinator.inject({ url: `/api/v1/reports/summary?${q}&groupBy=${groupBy}` }),
        summaryResponse,
      ).rows;
    const given = await execRaw<{ n: number; resolved: number; sum: number }>(
      s.t.ctx.db,
      sql`select count(*)::int as n, (count(*) filter (where resolved))::int as resolved, sum(rating)::int as sum
          from request_feedback`,
    );
    const g = given[0] as { n: number; resolved: number; sum: number };
    expect(g.n).toBeGreaterThanOrEqual(3);
    const [total] = await rows("none");
    expect(total).toMatchObject({
      feedbackCount: g.n,
      feedbackResolved: g.resolved,
      resolvedRate: Math.round((g.resolved / g.n) * 10000) / 10000,
      ratingAvg: Math.round((g.sum / g.n) * 100) / 100,
    });
    // Every request here was answered by SYT, in one field, on the phone.
    expect((await rows("agency")).find((r) => r.key === "SYT")?.feedbackCount).toBe(g.n);
    expect((await rows("field")).find((r) => r.key === "y-te-xet-nghiem-tiem-phong")?.feedbackCount).toBe(
      g.n,
    );
    expect((await rows("channel")).find((r) => r.key === "phone")?.feedbackCount).toBe(g.n);
    // Existing fields are still there.
    expect(total?.published).toBeGreaterThan(0);
    // Another day: nothing.
    const [other] = json(
      await s.coordinator.inject({ url: "/api/v1/reports/summary?from=2026-03-11&to=2026-03-11" }),
      summaryResponse,
    ).rows;
    expect(other).toMatchObject({ feedbackCount: 0, resolvedRate: null, ratingAvg: null });
  });
});
