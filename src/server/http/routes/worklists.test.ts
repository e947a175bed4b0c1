import { describe, expect, it } from "vitest";
import { requestListResponse } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import type { StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { actionPaths } from "./requests.routes.js";

/**
 * Issue 18 over HTTP: the transfer result is asked for phone requests only, the notes travel with
 * the slip to the agency, and the operator's worklist stages (answered items leave the intake list).
 */
describe("worklists, slip notes and the transfer result (issue 18)", () => {
  const s = useStaffApp({ users: ["operator", "focal", "coordinator"] });

  const list = async (as: StaffSession, query: string) =>
    json(await as.inject({ method: "GET", url: `/api/v1/requests?${query}` }), requestListResponse);

  it("a phone request must say how the transfer went; nothing is half-written when it does not", async () => {
    const r = await s.drive.create(s.operator);
    const refused = await s.drive.act(s.operator, r, actionPaths.forward, {
      agencyId: s.syt,
      note: "Nhờ Sở trả lời",
    });
    const e = error(refused, 400);
    expect(e.code).toBe("VALIDATION");
    expect(e.details?.[0]?.field).toBe("transferAttempt");
    const after = await s.drive.get(s.operator, r.id);
    expect(after.status).toBe("received");
    expect(after.slips).toEqual([]);
  });

  it("a portal request is forwarded without a transfer result, recorded as not attempted whatever is sent", async () => {
    const r = await s.drive.create(s.operator, { channel: "portal" });
    const sent = await s.drive.actOk(s.operator, r, actionPaths.forward, {
      agencyId: s.syt,
      transferAttempt: "connected",
    });
    expect(sent.slips.map((s) => s.transferAttempt)).toEqual(["not_attempted"]);
    const other = await s.drive.create(s.operator, { channel: "email" });
    const sentOther = await s.drive.actOk(s.operator, other, actionPaths.forward, { agencyId: s.syt });
    expect(sentOther.slips.map((s) => s.transferAttempt)).toEqual(["not_attempted"]);
  });

  it("the agency reads the operator's forwarding note, and the notes of an escalation then assignment", async () => {
    const r = await s.drive.create(s.operator);
    await s.drive.actOk(s.operator, r, actionPaths.forward, {
      agencyId: s.syt,
      transferAttempt: "failed",
      note: "Người dân cần trả lời trước thứ Sáu",
    });
    const seen = await s.drive.get(s.focal, r.id);
    expect(seen.slips[0]?.notes.map((n) => [n.kind, n.text])).toEqual([
      [actionPaths.forward, "Người dân cần trả lời trước thứ Sáu"],
    ]);

    const u = await s.drive.create(s.operator);
    const escalated = await s.drive.actOk(s.operator, u, actionPaths.escalate, {
      note: "Chưa rõ thẩm quyền xã hay Sở",
    });
    await s.drive.actOk(s.coordinator, escalated, actionPaths.assign_agency, {
      agencyId: s.syt,
      note: "Sở Y tế chủ trì",
    });
    const assigned = await s.drive.get(s.focal, u.id);
    expect(assigned.slips[0]?.notes.map((n) => [n.kind, n.text])).toEqual([
      ["escalate", "Chưa rõ thẩm quyền xã hay Sở"],
      ["assign_agency", "Sở Y tế chủ trì"],
    ]);
  });

  it("answered and forwarded requests leave the operator's intake list and are followed instead", async () => {
    const waiting = await s.drive.create(s.operator);
    const forwarded = await s.drive.create(s.operator);
    await s.drive.actOk(s.operator, forwarded, actionPaths.forward, {
      agencyId: s.syt,
      transferAttempt: "connected",
    });
    const answered = await s.drive.create(s.operator);
    await s.drive.actOk(s.operator, answered, actionPaths.answer_from_kb, {
      answer: "Theo hướng dẫn của Sở Y tế.",
    });

    const intake = (await list(s.operator, "stage=intake&pageSize=200")).items.map((i) => i.id);
    expect(intake).toContain(waiting.id);
    expect(intake).not.toContain(forwarded.id);
    expect(intake).not.toContain(answered.id);
    const following = (await list(s.operator, "stage=following&pageSize=200")).items.map((i) => i.id);
    expect(following).toContain(forwarded.id);
    expect(following).not.toContain(waiting.id);
    const publish = (await list(s.operator, "stage=publish&pageSize=200")).items.map((i) => i.id);
    expect(publish).toContain(answered.id);
    expect(publish).not.toContain(waiting.id);
    expect((await s.operator.inject({ method: "GET", url: "/api/v1/requests?stage=xyz" })).statusCode).toBe(
      400,
    );
  });

  it("the intake queue can be served in order of arrival: urgent first, then the one waiting longest", async () => {
    const first = await s.drive.create(s.operator);
    s.t.clock.advance(60_000);
    const second = await s.drive.create(s.operator);
    s.t.clock.advance(60_000);
    const urgent = await s.drive.create(s.operator, { urgency: "urgent" });
    const ids = async (sort: string) =>
      (await list(s.operator, `stage=intake&sort=${sort}&pageSize=200`)).items
        .map((i) => i.id)
        .filter((id) => [first.id, second.id, urgent.id].includes(id));
    expect(await ids("oldest")).toEqual([urgent.id, first.id, second.id]);
    expect(await ids("newest")).toEqual([urgent.id, second.id, first.id]);
    const oldest = (await list(s.operator, "stage=intake&sort=oldest&pageSize=200")).items;
    const firstNormal = oldest.findIndex((i) => i.urgency !== "urgent");
    const received = oldest.slice(firstNormal).map((i) => Date.parse(i.receivedAt));
    expect(received).toEqual([...received].sort((a, b) => a - b));
    const bad = await s.operator.inject({ method: "GET", url: "/api/v1/requests?sort=longest" });
    expect(bad.statusCode).toBe(400);
  });

  it("the agency inbox puts urgent slips first (R-HA9), then what is due first", async () => {
    const earlier = await s.drive.create(s.operator);
    await s.drive.actOk(s.operator, earlier, actionPaths.forward, {
      agencyId: s.syt,
      transferAttempt: "connected",
    });
    s.t.clock.advance(5 * 60_000);
    const urgent = await s.drive.create(s.operator, { urgency: "urgent" });
    await s.drive.actOk(s.operator, urgent, actionPaths.forward, {
      agencyId: s.syt,
      transferAttempt: "connected",
    });
    const inbox = (await list(s.focal, "open=true&sort=due&pageSize=200")).items;
    const ids = inbox.map((i) => i.id);
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(earlier.id));
    const firstNormal = inbox.findIndex((i) => i.urgency !== "urgent");
    expect(inbox.slice(firstNormal).every((i) => i.urgency !== "urgent")).toBe(true);
    const normalDues = inbox
      .slice(firstNormal)
      .map((i) => i.dueAt)
      .filter((d): d is string => d !== null)
      .map((d) => Date.parse(d));
    expect(normalDues).toEqual([...normalDues].sort((a, b) => a - b));
  });
});
