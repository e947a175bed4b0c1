import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestListResponse } from "../../../shared/schemas/requests.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { error, json } from "../../../test/http.js";
import { requestDriver } from "../../../test/requests.js";
import { type StaffSession, signIn } from "../../../test/staff.js";
import { actionPaths } from "./requests.routes.js";

/**
 * Issue 18 over HTTP: the transfer result is asked for phone requests only, the notes travel with
 * the slip to the agency, and the operator's worklist stages (answered items leave the intake list).
 */
describe("worklists, slip notes and the transfer result (issue 18)", () => {
  let t: TestApp;
  let operator: StaffSession;
  let focal: StaffSession;
  let coordinator: StaffSession;
  let drive: ReturnType<typeof requestDriver>;
  let syt: string;

  beforeAll(async () => {
    t = await createTestApp({ seed: "staff" });
    operator = await signIn(t.app, "operator");
    focal = await signIn(t.app, "focal");
    coordinator = await signIn(t.app, "coordinator");
    drive = requestDriver(t);
    syt = await drive.agencyId("SYT");
  });
  afterAll(() => t.close());

  const list = async (as: StaffSession, query: string) =>
    json(await as.inject({ method: "GET", url: `/api/v1/requests?${query}` }), requestListResponse);

  it("a phone request must say how the transfer went; nothing is half-written when it does not", async () => {
    const r = await drive.create(operator);
    const refused = await drive.act(operator, r, actionPaths.forward, {
      agencyId: syt,
      note: "Nhờ Sở trả lời",
    });
    const e = error(refused, 400);
    expect(e.code).toBe("VALIDATION");
    expect(e.details?.[0]?.field).toBe("transferAttempt");
    const after = await drive.get(operator, r.id);
    expect(after.status).toBe("received");
    expect(after.slips).toEqual([]);
  });

  it("a portal request is forwarded without a transfer result, recorded as not attempted whatever is sent", async () => {
    const r = await drive.create(operator, { channel: "portal" });
    const sent = await drive.actOk(operator, r, actionPaths.forward, {
      agencyId: syt,
      transferAttempt: "connected",
    });
    expect(sent.slips.map((s) => s.transferAttempt)).toEqual(["not_attempted"]);
    const other = await drive.create(operator, { channel: "email" });
    const sentOther = await drive.actOk(operator, other, actionPaths.forward, { agencyId: syt });
    expect(sentOther.slips.map((s) => s.transferAttempt)).toEqual(["not_attempted"]);
  });

  it("the agency reads the operator's forwarding note, and the notes of an escalation then assignment", async () => {
    const r = await drive.create(operator);
    await drive.actOk(operator, r, actionPaths.forward, {
      agencyId: syt,
      transferAttempt: "failed",
      note: "Người dân cần trả lời trước thứ Sáu",
    });
    const seen = await drive.get(focal, r.id);
    expect(seen.slips[0]?.notes.map((n) => [n.kind, n.text])).toEqual([
      [actionPaths.forward, "Người dân cần trả lời trước thứ Sáu"],
    ]);

    const u = await drive.create(operator);
    const escalated = await drive.actOk(operator, u, actionPaths.escalate, {
      note: "Chưa rõ thẩm quyền xã hay Sở",
    });
    await drive.actOk(coordinator, escalated, actionPaths.assign_agency, {
      agencyId: syt,
      note: "Sở Y tế chủ trì",
    });
    const assigned = await drive.get(focal, u.id);
    expect(assigned.slips[0]?.notes.map((n) => [n.kind, n.text])).toEqual([
      ["escalate", "Chưa rõ thẩm quyền xã hay Sở"],
      ["assign_agency", "Sở Y tế chủ trì"],
    ]);
  });

  it("answered and forwarded requests leave the operator's intake list and are followed instead", async () => {
    const waiting = await drive.create(operator);
    const forwarded = await drive.create(operator);
    await drive.actOk(operator, forwarded, actionPaths.forward, {
      agencyId: syt,
      transferAttempt: "connected",
    });
    const answered = await drive.create(operator);
    await drive.actOk(operator, answered, actionPaths.answer_from_kb, {
      answer: "Theo hướng dẫn của Sở Y tế.",
    });

    const intake = (await list(operator, "stage=intake&pageSize=200")).items.map((i) => i.id);
    expect(intake).toContain(waiting.id);
    expect(intake).not.toContain(forwarded.id);
    expect(intake).not.toContain(answered.id);
    const following = (await list(operator, "stage=following&pageSize=200")).items.map((i) => i.id);
    expect(following).toContain(forwarded.id);
    expect(following).not.toContain(waiting.id);
    const publish = (await list(operator, "stage=publish&pageSize=200")).items.map((i) => i.id);
    expect(publish).toContain(answered.id);
    expect(publish).not.toContain(waiting.id);
    expect((await operator.inject({ method: "GET", url: "/api/v1/requests?stage=xyz" })).statusCode).toBe(
      400,
    );
  });

  it("the agency inbox puts urgent slips first (R-HA9), then what is due first", async () => {
    const earlier = await drive.create(operator);
    await drive.actOk(operator, earlier, actionPaths.forward, {
      agencyId: syt,
      transferAttempt: "connected",
    });
    t.clock.advance(5 * 60_000);
    const urgent = await drive.create(operator, { urgency: "urgent" });
    await drive.actOk(operator, urgent, actionPaths.forward, { agencyId: syt, transferAttempt: "connected" });
    const inbox = (await list(focal, "open=true&sort=due&pageSize=200")).items;
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
