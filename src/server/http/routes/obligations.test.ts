import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ObligationView } from "../../../shared/schemas/reports.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import type { StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { createServices } from "../../services/index.js";

/**
 * Obligations through HTTP against a real database (Art. 10.3, 12.2, 13.1): created by the
 * lifecycle, never rewritten, lateness never cleared by a progress update, reminders once per step.
 */
describe("obligations (Art. 10.3, 12.2, 13.1)", () => {
  const s = useStaffApp({ users: ["operator", "focal", "coordinator", "admin"] });

  const kinds = (d: RequestDetail) => d.obligations.map((o) => [o.kind, o.state]);
  const listIds = async (as: StaffSession, url: string) =>
    (await as.inject({ method: "GET", url })).json<{ items: { id: string }[] }>().items.map((x) => x.id);

  it("lateness across a weekend and a holiday: due Tuesday 15:00 after Friday 15:00, then missed (R-HA6)", async () => {
    // Fri 24/4/2026 15:00; Sat–Sun off; Mon 27/4 is the compensatory day for Hùng Kings.
    await s.at("2026-04-24T15:00:00+07:00");
    const d = await s.forwarded();
    expect(d.obligations).toHaveLength(1);
    expect(d.obligations[0]).toMatchObject({
      kind: "answer",
      agencyId: s.syt,
      startsAt: "2026-04-24T15:00:00+07:00",
      dueAt: "2026-04-28T15:00:00+07:00",
      limitHours: 8,
      state: "open",
    });

    await s.at("2026-04-27T16:00:00+07:00"); // the holiday: no working time has passed since Friday 17:00
    expect((await s.drive.get(s.focal, d.id)).obligations[0]?.state).toBe("open");

    await s.at("2026-04-28T14:30:00+07:00");
    expect((await s.drive.get(s.focal, d.id)).dueState).toBe("due_soon");
    expect(await listIds(s.focal, "/api/v1/requests?due=due_soon")).toContain(d.id);
    expect(await listIds(s.focal, "/api/v1/requests?due=late")).not.toContain(d.id);

    await s.at("2026-04-28T15:30:00+07:00");
    const late = await s.drive.get(s.focal, d.id);
    expect(late.dueState).toBe("late");
    expect(late.workingHoursLeft).toBe(-0.5);
    expect(late.dueKind).toBe("answer");
    expect(kinds(late)).toEqual([["answer", "missed"]]);
    expect(await listIds(s.focal, "/api/v1/requests?due=late")).toContain(d.id);
    expect(await listIds(s.focal, "/api/v1/requests?due=due_soon")).not.toContain(d.id);
    const missed = await s.focal.inject({
      method: "GET",
      url: `/api/v1/obligations?state=missed&requestId=${d.id}`,
    });
    expect(missed.json().items.map((o: ObligationView) => o.kind)).toEqual(["answer"]);
    const byAgency = await s.coordinator.inject({
      method: "GET",
      url: "/api/v1/obligations/missed-by-agency",
    });
    const row = byAgency.json().rows.find((r: { agencyId: string }) => r.agencyId === s.syt);
    expect(row.missed).toBeGreaterThanOrEqual(1);
    expect(row.byKind.answer).toBeGreaterThanOrEqual(1);
    const board = await s.coordinator.inject({ method: "GET", url: "/api/v1/monitor/board" });
    expect(
      board.json().agencies.find((a: { agencyId: string }) => a.agencyId === s.syt).late,
    ).toBeGreaterThanOrEqual(1);
  });

  it("a progress update is refused before the 8 hours, and afterwards does not clear lateness (Art. 10.3)", async () => {
    await s.at("2026-03-02T09:00:00+07:00"); // Monday; answer due Tue 09:00
    let d = await s.forwarded();
    await s.at("2026-03-02T10:00:00+07:00");
    const early = await s.drive.act(s.focal, d, "post-progress", {
      note: "Đang xác minh.",
      appointmentAt: "2026-03-04T10:00:00+07:00",
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("Chưa quá thời hạn trả lời");
    // Thirty-sixth session: not offered either (the console showed the button, then the refusal).
    const before = (await s.drive.get(s.focal, d.id)).allowedActions;
    expect(before).toContain("record_answer");
    expect(before).not.toContain("post_progress");

    await s.at("2026-03-03T10:00:00+07:00");
    // The job materialises the progress obligation, once however often it runs.
    const services = createServices(s.t.ctx);
    await services.obligations.materialiseProgress();
    await services.obligations.materialiseProgress();
    d = await s.drive.get(s.focal, d.id);
    expect(d.obligations.map((o) => [o.kind, o.state, o.dueAt])).toEqual([
      ["answer", "missed", "2026-03-03T09:00:00+07:00"],
      ["progress", "open", "2026-03-03T15:00:00+07:00"],
    ]);
    expect(d.allowedActions).toContain("post_progress");

    d = await s.drive.actOk(s.focal, d, "post-progress", {
      note: "Đang chờ kết quả từ trạm y tế.",
      appointmentAt: "2026-03-04T10:00:00+07:00",
    });
    expect(kinds(d)).toEqual([
      ["answer", "missed"],
      ["progress", "met_on_time"],
      ["appointment", "open"],
    ]);
    expect(d.dueState).toBe("late");
    expect(d.slips[0]?.dueState).toBe("late");
    expect(await listIds(s.focal, "/api/v1/requests?due=late")).toContain(d.id);

    // The appointment passes: missed, and a new update adds a new appointment; the old one stays missed.
    await s.at("2026-03-04T11:00:00+07:00");
    d = await s.drive.actOk(s.focal, await s.drive.get(s.focal, d.id), "post-progress", {
      note: "Trạm y tế chưa gửi danh sách.",
      appointmentAt: "2026-03-05T10:00:00+07:00",
    });
    expect(kinds(d)).toEqual([
      ["answer", "missed"],
      ["progress", "met_on_time"],
      ["appointment", "missed"],
      ["appointment", "open"],
    ]);

    // The answer comes: met late, appointments met (the missed one late), publication now owed.
    d = await s.drive.actOk(s.focal, d, "record-answer", { answer: "Lịch tiêm vào thứ Bảy tại trạm y tế." });
    expect(kinds(d)).toEqual([
      ["answer", "met_late"],
      ["progress", "met_on_time"],
      ["appointment", "met_late"],
      ["appointment", "met_on_time"],
      ["publish", "open"],
    ]);
    expect(d.events.at(-1)?.data.onTime).toBe(false);
    const publish = d.obligations.at(-1);
    expect(publish).toMatchObject({ agencyId: s.syt, startsAt: "2026-03-04T11:00:00+07:00", limitHours: 8 });
    // The deadline the request shows is now its publication's, and it says so (the answer is met).
    expect(d.dueKind).toBe("publish");
    const listed = (await s.focal.inject({ method: "GET", url: "/api/v1/requests" })).json<{
      items: { id: string; dueKind: string | null }[];
    }>();
    expect(listed.items.find((x) => x.id === d.id)?.dueKind).toBe("publish");
    d = await s.drive.actOk(s.focal, d, "publish");
    expect(d.obligations.at(-1)?.state).toBe("met_on_time");
    expect(d.dueState).toBeNull();
    expect(d.dueKind).toBeNull();
  });

  it("a phone answer after the 8 hours stays late; the 4 hours run from the stated answer time (Art. 10.3)", async () => {
    await s.at("2026-03-09T09:00:00+07:00"); // Monday; answer due Tue 09:00
    const lateOne = await s.forwarded();
    const onTimeOne = await s.forwarded();
    await s.at("2026-03-10T10:30:00+07:00");

    const late = await s.drive.actOk(s.focal, lateOne, "answer-by-phone", { summary: "Đã hướng dẫn" });
    expect(late.slips[0]?.dueAt).toBe("2026-03-10T16:30:00+07:00"); // the record obligation: 10:30 + 4 h
    expect(late.obligations.map((o) => [o.kind, o.state, o.dueAt])).toEqual([
      ["answer", "met_late", "2026-03-10T09:00:00+07:00"],
      ["progress", "met_on_time", "2026-03-10T15:00:00+07:00"],
      ["record", "open", "2026-03-10T16:30:00+07:00"],
    ]);
    const recorded = await s.drive.actOk(s.focal, late, "record-answer", {
      answer: "Đã trả lời qua điện thoại.",
    });
    expect(recorded.events.at(-1)?.data.onTime).toBe(false);
    expect(recorded.obligations.find((o) => o.kind === "answer")?.state).toBe("met_late");

    // Stated as given on Monday 16:00: the answer was on time, the record due Tue 10:00 is now missed.
    const stated = await s.drive.actOk(s.focal, onTimeOne, "answer-by-phone", {
      answeredAt: "2026-03-09T16:00:00+07:00",
      via: "transfer",
    });
    expect(stated.obligations.map((o) => [o.kind, o.state, o.dueAt])).toEqual([
      ["answer", "met_on_time", "2026-03-10T09:00:00+07:00"],
      ["record", "missed", "2026-03-10T10:00:00+07:00"],
    ]);
    expect(stated.obligations[0]?.metAt).toBe("2026-03-09T16:00:00+07:00");
    expect(stated.dueState).toBe("late");
    expect(stated.events.at(-1)?.data).toMatchObject({
      via: "transfer",
      answeredAt: "2026-03-09T16:00:00+07:00",
    });
  });

  it("a call back needs the requester's phone number on record; without one the answer is written", async () => {
    await s.at("2026-03-12T09:00:00+07:00");
    const r = await s.drive.create(s.operator, {
      channel: "email",
      requester: { fullName: "Trần Văn Bình", email: "binh@example.vn" },
    });
    const d = await s.drive.actOk(s.operator, r, "forward", { agencyId: s.syt });
    await s.at("2026-03-12T10:00:00+07:00");
    for (const body of [
      {},
      { via: "call_back" },
      { via: "call_back", answeredAt: "2026-03-12T09:30:00+07:00" },
    ]) {
      const res = await s.drive.act(s.focal, d, "answer-by-phone", body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: "INVALID_TRANSITION",
        details: [{ field: "via", code: "no_phone" }],
      });
      expect(res.json().error.message).toContain("không có số điện thoại");
    }
    const after = await s.drive.get(s.focal, d.id);
    expect(after.status).toBe("forwarded");
    expect(kinds(after)).toEqual([["answer", "open"]]); // nothing half-written
    expect(after.version).toBe(d.version);
  });

  it("validates the phone answer: not before the slip, not in the future, a transfer only when connected", async () => {
    await s.at("2026-03-11T09:00:00+07:00");
    const d = await s.forwarded({}, { transferAttempt: "failed" });
    await s.at("2026-03-11T10:00:00+07:00");
    const before = await s.drive.act(s.focal, d, "answer-by-phone", {
      answeredAt: "2026-03-11T08:59:00+07:00",
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.message).toContain("trước lúc nhận phiếu");
    const future = await s.drive.act(s.focal, d, "answer-by-phone", {
      answeredAt: "2026-03-11T10:05:00+07:00",
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain("tương lai");
    const transfer = await s.drive.act(s.focal, d, "answer-by-phone", { via: "transfer" });
    expect(transfer.statusCode).toBe(409);
    expect(transfer.json().error.message).toContain("chưa được chuyển nối thành công");
    expect((await s.drive.get(s.focal, d.id)).obligations).toHaveLength(1); // nothing half-written
    const callBack = await s.drive.actOk(s.focal, d, "answer-by-phone", {
      via: "call_back",
      answeredAt: "2026-03-11T09:45:00+07:00",
    });
    expect(callBack.events.at(-1)?.data).toMatchObject({
      via: "call_back",
      answeredAt: "2026-03-11T09:45:00+07:00",
    });
    // The requester is told who says they called and when, so a call that never came can be reported.
    expect(callBack.events.at(-1)?.publicNote).toMatch(
      /đã trả lời qua điện thoại lúc 09:45 ngày 11\/03\/2026.*Tổng đài 1022/,
    );
    expect(kinds(callBack)).toEqual([
      ["answer", "met_on_time"],
      ["record", "open"],
    ]);
  });

  it("the database refuses to rewrite, re-meet or delete an obligation", async () => {
    await s.at("2026-03-12T09:00:00+07:00");
    const d = await s.forwarded();
    const id = d.obligations[0]?.id as string;
    const db = s.t.ctx.db;
    await expect(
      db.execute(sql`update obligations set due_at = due_at + interval '1 day' where id = ${id}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`update obligations set limit_hours = 16 where id = ${id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from obligations where id = ${id}`)).rejects.toThrow();
    await db.execute(sql`update obligations set met_at = now() where id = ${id}`);
    await expect(
      db.execute(sql`update obligations set met_at = now() + interval '1 hour' where id = ${id}`),
    ).rejects.toThrow();
    const after = await s.drive.get(s.focal, d.id);
    expect(after.obligations[0]?.dueAt).toBe("2026-03-13T09:00:00+07:00");
  });

  it("only a coordinator waives, with a reason; it is audited and happens once", async () => {
    await s.at("2026-03-16T09:00:00+07:00");
    const d = await s.forwarded();
    const id = d.obligations[0]?.id as string;
    const url = `/api/v1/obligations/${id}/waive`;
    const reason = "Người yêu cầu đã rút yêu cầu qua điện thoại.";
    for (const who of [s.focal, s.operator, s.admin]) {
      const res = await who.inject({ method: "POST", url, payload: { reason } });
      expect(res.statusCode).toBe(403);
    }
    expect((await s.coordinator.inject({ method: "POST", url, payload: { reason: "x" } })).statusCode).toBe(
      400,
    );
    const ok = await s.coordinator.inject({ method: "POST", url, payload: { reason } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id, state: "waived", waiveReason: reason });
    const again = await s.coordinator.inject({ method: "POST", url, payload: { reason } });
    expect(again.statusCode).toBe(409);
    const missing = await s.coordinator.inject({
      method: "POST",
      url: "/api/v1/obligations/00000000-0000-4000-8000-000000000000/waive",
      payload: { reason },
    });
    expect(missing.statusCode).toBe(404);
    const after = await s.drive.get(s.focal, d.id);
    expect(after.events.at(-1)).toMatchObject({
      kind: "obligation.waived",
      data: { before: { state: "open" }, after: { state: "waived", reason } },
    });
    expect(after.dueState).toBeNull();
  });
});
