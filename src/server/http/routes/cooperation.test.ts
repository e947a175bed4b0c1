import { describe, expect, it } from "vitest";
import { type SummaryRow, summaryResponse } from "../../../shared/schemas/reports.js";
import { type Board, boardResponse, type RequestDetail } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import type { StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { createServices } from "../../services/index.js";
import { type LiveEvent, liveEventVisible } from "../../services/live-bus.js";

/**
 * Issue 19, several agencies on one request, through HTTP against a real database: a lead agency
 * (Sở Y tế) and cooperating agencies (Sở Nội vụ at forwarding, Sở Tài chính asked later by the
 * lead), each with its own slip and its own obligations — one on time, one late — the lead seeing
 * the contributions and recording the one answer, the board showing who holds things up, and each
 * agency's slip in that agency's on-time figures.
 */
describe("several agencies on one request (issue 19)", () => {
  const s = useStaffApp({ users: ["operator", "focal", "coordinator"], focalsOf: ["SNV", "STC", "SCT"] });
  type Code = keyof typeof s.agencyIds;

  const slipOf = (d: RequestDetail, code: Code) => {
    const slip = d.slips.find((x) => x.agencyId === s.agencyIds[code]);
    if (!slip) throw new Error(`no slip of ${code}`);
    return slip;
  };
  const answerOf = (d: RequestDetail, code: Code) =>
    d.obligations
      .filter((o) => o.kind === "answer" && o.agencyId === s.agencyIds[code])
      .map((o) => [o.dueAt, o.state]);
  const summaryByAgency = async (as: StaffSession, from: string, to: string) => {
    const res = await as.inject({
      method: "GET",
      url: `/api/v1/reports/summary?from=${from}&to=${to}&groupBy=agency`,
    });
    return new Map(json(res, summaryResponse).rows.map((r: SummaryRow) => [r.key, r]));
  };

  let request: RequestDetail;

  it("forwarding names a lead and a cooperating agency: two slips, two answer obligations", async () => {
    await s.at("2026-03-02T09:00:00+07:00"); // Monday
    const created = await s.drive.create(s.operator);
    // The lead cannot cooperate with itself; an agency is named once.
    const self = await s.drive.act(s.operator, created, "forward", {
      agencyId: s.agencyIds.SYT,
      transferAttempt: "connected",
      cooperatingAgencyIds: [s.agencyIds.SYT],
    });
    expect(error(self, 400).code).toBe("VALIDATION");
    expect(self.json().error.message).toContain("chủ trì");
    const twice = await s.drive.act(s.operator, created, "forward", {
      agencyId: s.agencyIds.SYT,
      transferAttempt: "connected",
      cooperatingAgencyIds: [s.agencyIds.SNV, s.agencyIds.SNV],
    });
    expect(twice.statusCode).toBe(400);
    // Nothing was half-written by the refusals.
    expect((await s.drive.get(s.operator, created.id)).slips).toEqual([]);

    request = await s.drive.actOk(s.operator, created, "forward", {
      agencyId: s.agencyIds.SYT,
      transferAttempt: "connected",
      note: "Sở Nội vụ phối hợp về chế độ.",
      cooperatingAgencyIds: [s.agencyIds.SNV],
    });
    expect(request.status).toBe("forwarded");
    expect(request.agencyId).toBe(s.agencyIds.SYT);
    expect(request.slips.map((x) => [x.agencyName, x.role, x.status])).toEqual([
      ["Sở Y tế", "lead", "open"],
      ["Sở Nội vụ", "cooperating", "open"],
    ]);
    expect(slipOf(request, "SNV").notes.map((n) => n.text)).toEqual(["Sở Nội vụ phối hợp về chế độ."]);
    expect(answerOf(request, "SYT")).toEqual([["2026-03-03T09:00:00+07:00", "open"]]);
    expect(answerOf(request, "SNV")).toEqual([["2026-03-03T09:00:00+07:00", "open"]]);
    expect(request.events.at(-1)?.data.cooperating).toMatchObject([{ agencyId: s.agencyIds.SNV }]);
  });

  it("the cooperating agency reads the request and may contribute, not answer; an uninvolved agency sees nothing", async () => {
    const seen = await s.drive.get(s.focalOf.SNV, request.id);
    expect(seen.allowedActions).toContain("contribute");
    expect(seen.allowedActions).not.toContain("record_answer");
    expect(seen.requester.contactMasked).toBe(true);
    const list = await s.focalOf.SNV.inject({ method: "GET", url: "/api/v1/requests" });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(request.id);
    // The lead contributes nothing: it answers.
    const lead = await s.drive.get(s.focal, request.id);
    expect(lead.allowedActions).toContain("record_answer");
    expect(lead.allowedActions).toContain("request_cooperation");
    expect(lead.allowedActions).not.toContain("contribute");
    expect(error(await s.drive.act(s.focal, lead, "contribute", { contribution: "x" }), 409).code).toBe(
      "INVALID_TRANSITION",
    );
    const answered = await s.drive.act(s.focalOf.SNV, seen, "record-answer", {
      answer: "Không phải cơ quan chủ trì.",
    });
    expect(answered.statusCode).toBe(403);
    expect(
      (await s.focalOf.SCT.inject({ method: "GET", url: `/api/v1/requests/${request.id}` })).statusCode,
    ).toBe(404);
  });

  it("the lead asks another agency to cooperate, an hour later: its own slip and deadline", async () => {
    await s.at("2026-03-02T10:00:00+07:00");
    const d = await s.drive.get(s.focal, request.id);
    const again = await s.drive.act(s.focal, d, "request-cooperation", {
      agencyIds: [s.agencyIds.SNV],
      note: "Lần hai",
    });
    expect(error(again, 400).code).toBe("VALIDATION"); // Sở Nội vụ already holds an open slip
    request = await s.drive.actOk(s.focal, d, "request-cooperation", {
      agencyIds: [s.agencyIds.STC],
      note: "Đề nghị Sở Tài chính cho ý kiến về kinh phí.",
    });
    expect(request.status).toBe("forwarded");
    expect(slipOf(request, "STC")).toMatchObject({ role: "cooperating", status: "open" });
    expect(answerOf(request, "STC")).toEqual([["2026-03-03T10:00:00+07:00", "open"]]);
    expect(request.events.at(-1)).toMatchObject({ kind: "request_cooperation", publicNote: null });
  });

  it("Sở Nội vụ contributes on time; the lead sees it and records the single answer", async () => {
    await s.at("2026-03-02T15:00:00+07:00");
    // Live updates reach the cooperating agencies' consoles, not an uninvolved agency's.
    const live: LiveEvent[] = [];
    const stop = s.t.services.live.subscribe((e) => live.push(e));
    let d = await s.drive.actOk(s.focalOf.SNV, await s.drive.get(s.focalOf.SNV, request.id), "contribute", {
      contribution: "Theo quy định, người có công được hỗ trợ 100% chi phí.",
    });
    expect(slipOf(d, "SNV")).toMatchObject({ status: "contributed", dueState: "closed" });
    expect(answerOf(d, "SNV")).toEqual([["2026-03-03T09:00:00+07:00", "met_on_time"]]);
    expect(d.allowedActions).not.toContain("contribute");
    expect(d.events.at(-1)).toMatchObject({ kind: "contribute", data: { onTime: true }, publicNote: null });
    // Contributions are internal: nothing on the requester's public history or channel.
    expect(d.outbox.filter((o) => o.kind === "contribute")).toEqual([]);
    await expect
      .poll(() => live.find((e) => e.requestId === request.id && e.kind === "contribute"))
      .toBeTruthy();
    stop();
    const event = live.find((e) => e.kind === "contribute") as LiveEvent;
    expect(event.cooperatingAgencyIds?.sort()).toEqual([s.agencyIds.SNV, s.agencyIds.STC].sort());
    const actorOf = ({ me }: StaffSession) => ({ ...me.user, userId: me.user.id });
    expect(liveEventVisible(actorOf(s.focalOf.STC), event)).toBe(true);
    expect(liveEventVisible(actorOf(s.focal), event)).toBe(true);
    expect(liveEventVisible(actorOf(s.focalOf.SCT), event)).toBe(false);

    await s.at("2026-03-02T16:00:00+07:00");
    d = await s.drive.get(s.focal, request.id);
    expect(d.contributions).toEqual([
      expect.objectContaining({
        agencyName: "Sở Nội vụ",
        body: "Theo quy định, người có công được hỗ trợ 100% chi phí.",
        onTime: true,
      }),
    ]);
    d = await s.drive.actOk(s.focal, d, "record-answer", {
      answer: "Sở Y tế trả lời, có ý kiến của Sở Nội vụ.",
    });
    expect(d.status).toBe("answered");
    expect(answerOf(d, "SYT")).toEqual([["2026-03-03T09:00:00+07:00", "met_on_time"]]);
    // Sở Tài chính still owes its own answer: the lead's answer does not discharge it.
    expect(answerOf(d, "STC")).toEqual([["2026-03-03T10:00:00+07:00", "open"]]);
    expect(slipOf(d, "STC").status).toBe("open");
  });

  it("Sở Tài chính is late: the board shows its slip, the progress duty arises, the report counts it overdue", async () => {
    await s.at("2026-03-03T11:00:00+07:00"); // an hour past its 8 working hours
    await createServices(s.t.ctx).obligations.materialiseProgress();
    const board: Board = json(
      await s.coordinator.inject({ method: "GET", url: "/api/v1/monitor/board" }),
      boardResponse,
    );
    const held = board.heldUp.filter((h) => h.requestId === request.id);
    expect(held.map((h) => [h.agencyName, h.role, h.dueState])).toEqual([
      ["Sở Tài chính", "cooperating", "late"],
    ]);
    expect(board.agencies.find((a) => a.agencyId === s.agencyIds.STC)?.late).toBe(1);
    expect(board.agencies.find((a) => a.agencyId === s.agencyIds.SYT)?.late ?? 0).toBe(0);

    const d = await s.drive.get(s.focalOf.STC, request.id);
    expect(slipOf(d, "STC").dueState).toBe("late");
    expect(d.obligations.filter((o) => o.agencyId === s.agencyIds.STC).map((o) => [o.kind, o.state])).toEqual(
      [
        ["answer", "missed"],
        ["progress", "open"],
      ],
    );
    const mid = await summaryByAgency(s.coordinator, "2026-03-01", "2026-03-03");
    expect(mid.get("STC")).toMatchObject({ forwarded: 1, answered: 0, openOverdue: 1 });
    expect(mid.get("SNV")).toMatchObject({ forwarded: 1, answered: 1, onTime: 1, late: 0 });
  });

  it("its late contribution still counts — late, in its own agency's figures; the lead's stay on time", async () => {
    await s.at("2026-03-03T14:00:00+07:00");
    const d = await s.drive.actOk(s.focalOf.STC, await s.drive.get(s.focalOf.STC, request.id), "contribute", {
      contribution: "Kinh phí hỗ trợ lấy từ nguồn ngân sách tỉnh năm 2026.",
    });
    expect(d.status).toBe("answered"); // the request's own status is the lead's
    expect(answerOf(d, "STC")).toEqual([["2026-03-03T10:00:00+07:00", "met_late"]]);
    expect(d.contributions.map((c) => [c.agencyName, c.onTime])).toEqual([
      ["Sở Nội vụ", true],
      ["Sở Tài chính", false],
    ]);
    expect(d.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["forward", "request_cooperation", "contribute", "record_answer"]),
    );

    const march = await summaryByAgency(s.coordinator, "2026-03-01", "2026-03-31");
    expect(march.get("SYT")).toMatchObject({ forwarded: 1, answered: 1, onTime: 1, late: 0 });
    expect(march.get("SNV")).toMatchObject({ forwarded: 1, answered: 1, onTime: 1, late: 0 });
    expect(march.get("STC")).toMatchObject({ forwarded: 1, answered: 1, onTime: 0, late: 1, openOverdue: 0 });
    // The board no longer holds anyone up on this request.
    const board: Board = json(
      await s.coordinator.inject({ method: "GET", url: "/api/v1/monitor/board" }),
      boardResponse,
    );
    expect(board.heldUp.filter((h) => h.requestId === request.id)).toEqual([]);
  });

  it("a refusal from the coordinator closes the cooperating slips it leaves open", async () => {
    await s.at("2026-03-04T09:00:00+07:00");
    let d = await s.drive.create(s.operator);
    d = await s.drive.actOk(s.operator, d, "escalate", { note: "Chưa rõ thẩm quyền." });
    d = await s.drive.actOk(s.coordinator, d, "assign-agency", {
      agencyId: s.agencyIds.SYT,
      cooperatingAgencyIds: [s.agencyIds.SCT],
    });
    expect(d.slips.map((x) => [x.agencyName, x.role])).toEqual([
      ["Sở Y tế", "lead"],
      ["Sở Công Thương", "cooperating"],
    ]);
    d = await s.drive.actOk(s.focal, d, "return", { reason: "Không thuộc thẩm quyền." });
    expect(slipOf(d, "SCT").status).toBe("open"); // a return concerns the lead only
    d = await s.drive.actOk(s.coordinator, d, "refuse", { reason: "ngoai-pham-vi" });
    expect(d.slips.map((x) => x.status)).toEqual(["returned", "returned"]);
    expect(d.obligations.filter((o) => o.state === "open" || o.state === "missed")).toEqual([]);
  });
});
