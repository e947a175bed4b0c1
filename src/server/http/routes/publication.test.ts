import { describe, expect, it } from "vitest";
import {
  publicRequestView,
  publishedAnswer,
  publishedAnswersPage,
  type RequestDetail,
} from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";

/**
 * Issue 13, "publication belongs to whoever answered" (Art. 8.2, 12.2, 14.7) and "public answer
 * ids": the agency publishes its own recorded answer, the operator an answer from the Q&A base,
 * nobody else; the published text is the recorded text redacted for personal data only; the
 * coordinator takes an answer down with a reason; the portal never shows a follow code.
 */
describe("publication through HTTP", () => {
  const s = useStaffApp({ now: new Date("2026-03-10T09:00:00+07:00"), otherFocal: true });

  const question = "Tôi là Lê Thị Hoa, muốn hỏi lịch tiêm vắc xin cho trẻ em dưới 12 tuổi ở phường";
  const recorded = "Gửi chị Lê Thị Hoa: trẻ em dưới 12 tuổi được tiêm tại trạm y tế phường vào thứ Bảy.";
  const redactedQuestion = "Tôi là […], muốn hỏi lịch tiêm vắc xin cho trẻ em dưới 12 tuổi ở phường";
  const redactedAnswer = "Gửi chị […]: trẻ em dưới 12 tuổi được tiêm tại trạm y tế phường vào thứ Bảy.";

  /** A request SYT has answered (recorded answer), ready to publish. */
  async function agencyAnswered(overrides: Record<string, unknown> = {}): Promise<RequestDetail> {
    return s.answered(recorded, { content: question, ...overrides });
  }

  /** A request the operator answered from the Q&A base. */
  async function kbAnswered(overrides: Record<string, unknown> = {}): Promise<RequestDetail> {
    const r = await s.drive.create(s.operator, {
      content: "Người có bệnh nền tiểu đường có tiêm vắc xin được không?",
      ...overrides,
    });
    return s.drive.actOk(s.operator, r, "answer-from-kb", {
      answer: "Người bệnh tiểu đường đã ổn định được tiêm; mang theo sổ khám bệnh.",
    });
  }

  const portal = (url: string) => s.t.app.inject({ method: "GET", url });

  it("an agency's recorded answer: refused to the coordinator, the operator, an admin and another agency", async () => {
    const d = await agencyAnswered();
    const body = { publicQuestion: redactedQuestion, publicAnswer: redactedAnswer };
    expect(error(await s.drive.act(s.coordinator, d, "publish", body), 403).code).toBe("FORBIDDEN");
    expect(error(await s.drive.act(s.admin, d, "publish", body), 403).code).toBe("FORBIDDEN");
    const byOperator = error(await s.drive.act(s.operator, d, "publish", body), 403);
    expect(byOperator.code).toBe("NOT_ANSWER_OWNER");
    expect(byOperator.message).toContain("đơn vị đã trả lời");
    // Another agency does not even learn that the request exists (R-SE1).
    expect(error(await s.drive.act(s.otherFocal, d, "publish", body), 404).code).toBe("NOT_FOUND");
    // The console is told the same: only the answering agency sees the action.
    expect((await s.drive.get(s.operator, d.id)).allowedActions).not.toContain("publish");
    expect((await s.drive.get(s.coordinator, d.id)).allowedActions).not.toContain("publish");
    expect((await s.drive.get(s.focal, d.id)).allowedActions).toContain("publish");
    const after = await s.drive.get(s.focal, d.id);
    expect(after).toMatchObject({ status: "answered", version: d.version, publishedAt: null });
  });

  it("the agency leader publishes the agency's own answer, redacted; the history keeps the diff", async () => {
    const d = await agencyAnswered();
    const p = await s.drive.actOk(s.leader, d, "publish", {
      publicQuestion: redactedQuestion,
      publicAnswer: redactedAnswer,
    });
    expect(p).toMatchObject({
      status: "published",
      publicQuestion: redactedQuestion,
      publicAnswer: redactedAnswer,
    });
    const event = p.events.at(-1);
    expect(event?.kind).toBe("publish");
    expect(event?.data.redactions).toEqual({
      publicQuestion: [{ start: 7, end: 17, before: "Lê Thị Hoa", after: "[…]" }],
      publicAnswer: [{ start: 8, end: 18, before: "Lê Thị Hoa", after: "[…]" }],
    });
    expect(event?.publicNote).toContain("đã được công khai");
  });

  it("any change other than redaction is refused with REDACTION_ONLY, and nothing is written", async () => {
    const d = await agencyAnswered();
    const attempts: Record<string, unknown>[] = [
      // Reworded answer (the agency never wrote this).
      { publicQuestion: redactedQuestion, publicAnswer: "Trẻ em được tiêm vào Chủ nhật." },
      // A word added to the answer.
      { publicQuestion: redactedQuestion, publicAnswer: `${redactedAnswer} Miễn phí.` },
      // A word deleted from the question (could change what was asked).
      {
        publicQuestion: "Tôi là […], muốn hỏi lịch tiêm vắc xin cho trẻ em 12 tuổi ở phường",
        publicAnswer: redactedAnswer,
      },
      // A mark that hides nothing.
      { publicQuestion: redactedQuestion, publicAnswer: `Gửi chị Lê Thị Hoa[…]: ${recorded.slice(20)}` },
    ];
    for (const body of attempts) {
      const res = await s.drive.act(s.focal, d, "publish", body);
      const e = error(res, 400);
      expect(e.code, JSON.stringify(body)).toBe("REDACTION_ONLY");
      expect(e.message).toContain("[…]");
      expect(e.details?.[0]?.code).toBe("not_a_redaction");
    }
    const after = await s.drive.get(s.focal, d.id);
    expect(after).toMatchObject({ status: "answered", version: d.version, publicAnswer: null });
    // Without any redaction the requester's name would go out: the personal-data guard refuses it.
    expect(error(await s.drive.act(s.focal, d, "publish"), 400).message).toContain("họ tên");
  });

  it("the operator publishes an answer from the Q&A base; the coordinator may not, nor an agency", async () => {
    const d = await kbAnswered();
    expect(error(await s.drive.act(s.coordinator, d, "publish"), 403).code).toBe("FORBIDDEN");
    expect(error(await s.drive.act(s.focal, d, "publish"), 404).code).toBe("NOT_FOUND");
    const p = await s.drive.actOk(s.operator, d, "publish");
    expect(p.status).toBe("published");
    expect(p.publicAnswer).toBe("Người bệnh tiểu đường đã ổn định được tiêm; mang theo sổ khám bệnh.");
    expect(p.events.at(-1)?.data.redactions).toEqual({ publicQuestion: [], publicAnswer: [] });
  });

  it("without the requester's consent publishing writes no public note (bug: it said 'published')", async () => {
    const d = await kbAnswered({
      publishConsent: false,
      requester: { fullName: "Trần Văn Nam", phone: "0912000222" },
    });
    const p = await s.drive.actOk(s.operator, d, "publish");
    expect(p.status).toBe("published");
    expect(p.events.at(-1)).toMatchObject({ kind: "publish", publicNote: null });
    const view = json(await portal(`/api/v1/public/requests/${p.code}?phone=0912000222`), publicRequestView);
    expect(view.history.map((h) => h.text).join("\n")).not.toContain("công khai");
    // The requester still has the answer on the follow page.
    expect(view.answer?.text).toBe(p.publicAnswer);
    expect(error(await portal(`/api/v1/public/answers/${p.publicId}`), 404).code).toBe("NOT_FOUND");
  });

  it("public answers carry a random public id; the follow code appears nowhere and finds nothing", async () => {
    const d = await kbAnswered({ content: "Xem lịch tiêm chủng mở rộng của tỉnh ở đâu?" });
    const p = await s.drive.actOk(s.operator, d, "publish");
    const id = p.publicId ?? "";
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(id.toUpperCase()).not.toContain(p.code.replace("-", ""));

    const list = await portal("/api/v1/public/answers?pageSize=50");
    const items = json(list, publishedAnswersPage).items;
    expect(items.map((a) => a.id)).toContain(id);
    const one = json(await portal(`/api/v1/public/answers/${id}`), publishedAnswer);
    expect(one.question).toBe("Xem lịch tiêm chủng mở rộng của tỉnh ở đâu?");
    const listPage = await portal("/hoi-dap");
    expect(listPage.body).toContain(`href="/hoi-dap/${id}"`);
    const answerPage = await portal(`/hoi-dap/${id}`);
    expect(answerPage.statusCode).toBe(200);
    for (const res of [list, listPage, answerPage, await portal(`/api/v1/public/answers/${id}`)]) {
      expect(res.body).not.toContain(p.code);
    }
    // The follow code (and its lower-case form) gives 404 on the answer page and the API.
    for (const code of [p.code, p.code.toLowerCase()]) {
      expect((await portal(`/hoi-dap/${code}`)).statusCode).toBe(404);
      expect(error(await portal(`/api/v1/public/answers/${code}`), 404).code).toBe("NOT_FOUND");
    }
  });

  it("the coordinator takes an answer down with a reason; it leaves the portal; the agency republishes", async () => {
    const d = await agencyAnswered();
    let p = await s.drive.actOk(s.focal, d, "publish", {
      publicQuestion: redactedQuestion,
      publicAnswer: redactedAnswer,
    });
    const id = p.publicId ?? "";
    expect((await portal(`/hoi-dap/${id}`)).statusCode).toBe(200);
    expect((await s.drive.get(s.coordinator, p.id)).allowedActions).toContain("takedown");
    // Only the coordinator, and only with a reason.
    expect(error(await s.drive.act(s.operator, p, "takedown", { reason: "x" }), 403).code).toBe("FORBIDDEN");
    expect(error(await s.drive.act(s.focal, p, "takedown", { reason: "x" }), 403).code).toBe("FORBIDDEN");
    expect(error(await s.drive.act(s.coordinator, p, "takedown", { reason: " " }), 400).code).toBe(
      "VALIDATION",
    );

    p = await s.drive.actOk(s.coordinator, p, "takedown", {
      reason: "Câu trả lời còn nêu tên một cơ sở y tế cũ.",
    });
    expect(p).toMatchObject({
      status: "answered",
      takedown: { reason: "Câu trả lời còn nêu tên một cơ sở y tế cũ." },
    });
    expect(p.events.at(-1)).toMatchObject({
      kind: "takedown",
      fromStatus: "published",
      toStatus: "answered",
      data: { reason: "Câu trả lời còn nêu tên một cơ sở y tế cũ." },
    });
    expect((await portal(`/hoi-dap/${id}`)).statusCode).toBe(404);
    expect(error(await portal(`/api/v1/public/answers/${id}`), 404).code).toBe("NOT_FOUND");
    const items = json(await portal("/api/v1/public/answers?pageSize=50"), publishedAnswersPage).items;
    expect(items.map((a) => a.id)).not.toContain(id);
    expect((await portal("/hoi-dap")).body).not.toContain(id);
    // Nothing left to take down.
    expect(error(await s.drive.act(s.coordinator, p, "takedown", { reason: "lần nữa" }), 409).code).toBe(
      "INVALID_TRANSITION",
    );

    // The agency fixes (redacts more) and publishes again, under the same public id.
    p = await s.drive.actOk(s.focal, p, "publish", {
      publicQuestion: redactedQuestion,
      publicAnswer: "Gửi chị […]: trẻ em dưới 12 tuổi được tiêm tại […] vào thứ Bảy.",
    });
    expect(p).toMatchObject({ status: "published", takedown: null, publicId: id });
    expect((await portal(`/hoi-dap/${id}`)).statusCode).toBe(200);
  });

  it("a closed published request can be taken down too", async () => {
    const d = await kbAnswered({ content: "Tổng đài 1022 làm việc vào giờ nào?" });
    let p = await s.drive.actOk(s.operator, d, "publish");
    p = await s.drive.actOk(s.operator, p, "close");
    p = await s.drive.actOk(s.coordinator, p, "takedown", { reason: "Thông tin đã cũ." });
    expect(p.status).toBe("answered");
    expect(error(await portal(`/api/v1/public/answers/${p.publicId}`), 404).code).toBe("NOT_FOUND");
  });
});
