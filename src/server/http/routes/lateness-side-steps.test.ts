import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SummaryRow } from "../../../shared/schemas/reports.js";
import type { RequestDetail } from "../../../shared/schemas/requests.js";
import { giveFeedback } from "../../../test/citizen.js";
import { error } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";

/**
 * Fourteenth session: every agency owes its answer by its deadline (Art. 10.3, 8 working hours; 4
 * to record a phone answer), and no later action may make a late slip count as on time or vanish
 * from lateness. Each row takes a slip forwarded on a Monday of its own week, lets its deadline pass
 * by half an hour, then tries one side-step through HTTP; the week's figures and the slip's report facts
 * (`slip_facts`) must still show it late.
 */
const s = useStaffApp({ users: ["operator", "focal", "coordinator", "admin"] });

const day = 24 * 3600 * 1000;
const firstMonday = Date.parse("2026-03-02T09:00:00+07:00");
const ymd = (t: number) => new Date(t + 7 * 3600 * 1000).toISOString().slice(0, 10);
const fresh = (r: { id: string }) => s.drive.get(s.coordinator, r.id);

/** The step after the deadline; `r` is the request as it is then (forwarded Monday, now past due). */
type SideStep = { name: string; tryIt: (r: RequestDetail) => Promise<unknown>; figures: Partial<SummaryRow> };

const answer = "Trạm y tế phường tiêm vào thứ Tư hằng tuần.";
const record = async (r: { id: string }) =>
  s.drive.actOk(s.focal, await fresh(r), "record-answer", { answer });
const publishLate = async (r: RequestDetail) => s.drive.actOk(s.focal, await record(r), "publish", {});
const progress = (r: RequestDetail) =>
  s.drive.actOk(s.focal, r, "post-progress", {
    note: "Đang làm việc với trạm y tế.",
    appointmentAt: new Date(s.t.clock.now().getTime() + day).toISOString(),
  });

const sideSteps: SideStep[] = [
  {
    name: "a progress update, then a phone answer dated before it (refused), then the answer",
    tryIt: async (r) => {
      const after = await progress(r);
      // A minute before the deadline: it would have made the slip answered on time.
      const backdated = await s.drive.act(s.focal, after, "answer-by-phone", {
        answeredAt: new Date(Date.parse(r.slips[0]?.dueAt ?? "") - 60 * 1000).toISOString(),
      });
      expect(error(backdated, 400).details?.[0]).toMatchObject({
        field: "answeredAt",
        code: "before_progress",
      });
      await record(await s.drive.actOk(s.focal, after, "answer-by-phone", {}));
    },
    figures: { answered: 1, onTime: 0, late: 1 },
  },
  {
    name: "a progress update, then the answer recorded",
    tryIt: async (r) => record(await progress(r)),
    figures: { answered: 1, onTime: 0, late: 1 },
  },
  {
    name: "a phone answer stated before the deadline, recorded after its 4 hours",
    tryIt: async (r) =>
      record(await s.drive.actOk(s.focal, r, "answer-by-phone", { answeredAt: r.slips[0]?.sentAt })),
    figures: { answered: 1, onTime: 0, late: 1 },
  },
  {
    name: "returned to the coordinator without an answer after the deadline",
    tryIt: (r) => s.drive.actOk(s.focal, r, "return", { reason: "Không thuộc thẩm quyền của Sở Y tế." }),
    figures: { returned: 1, returnedLate: 1, answered: 0, onTime: 0, onTimeRate: 0 },
  },
  {
    name: "returned after the deadline, reassigned, and answered at once by the new slip",
    tryIt: async (r) => {
      const back = await s.drive.actOk(s.focal, r, "return", { reason: "Không thuộc thẩm quyền." });
      await record(await s.drive.actOk(s.coordinator, back, "assign-agency", { agencyId: s.syt }));
    },
    figures: { forwarded: 2, returnedLate: 1, answered: 1, onTime: 1, onTimeRate: 0.5 },
  },
  {
    name: "the request's urgency and content edited after the deadline",
    tryIt: (r) => s.drive.edit(s.operator, r, { urgency: "urgent", content: `${r.content} (bổ sung)` }),
    figures: { openOverdue: 1, onTime: 0 },
  },
  {
    name: "the answer limit raised by the administrator after the deadline",
    tryIt: async (r) => {
      const put = (hours: number) =>
        s.admin.inject({
          method: "PUT",
          url: "/api/v1/admin/time-limits",
          payload: { limits: [{ code: "answer", hours }] },
        });
      expect((await put(40)).statusCode).toBe(200);
      expect((await fresh(r)).slips[0]?.dueAt).toBe(r.slips[0]?.dueAt);
      expect((await put(8)).statusCode).toBe(200);
    },
    figures: { openOverdue: 1, onTime: 0 },
  },
  {
    name: "marked for verification after the deadline, then answered",
    tryIt: async (r) => record(await s.drive.actOk(s.focal, r, "mark-verifying", { note: "Cần xác minh." })),
    figures: { answered: 1, onTime: 0, late: 1 },
  },
  {
    name: "the requester asked for more after the deadline, then answered",
    tryIt: async (r) =>
      record(await s.drive.actOk(s.focal, r, "ask-requester", { message: "Cháu bao nhiêu tuổi?" })),
    figures: { answered: 1, onTime: 0, late: 1 },
  },
  {
    name: "merged into a duplicate after the deadline",
    tryIt: async (r) => {
      const into = await s.drive.create(s.operator);
      await s.drive.actOk(s.operator, r, "merge", { intoId: into.id });
    },
    figures: { returnedLate: 1, answered: 0, onTime: 0 },
  },
  {
    name: "answered late, published, reopened by the requester and forwarded again",
    tryIt: async (r) => {
      await publishLate(r);
      await giveFeedback(s.t.app, { code: r.code, phone: "0912345678" }, { resolved: false, rating: 1 });
      await s.drive.actOk(s.coordinator, await fresh(r), "assign-agency", { agencyId: s.syt });
    },
    figures: { forwarded: 2, answered: 1, onTime: 0, late: 1 },
  },
  {
    name: "the coordinator waives the missed answer duty (refused: past_due)",
    tryIt: async (r) => {
      const obligation = r.obligations.find((o) => o.kind === "answer");
      const waived = await s.coordinator.inject({
        method: "POST",
        url: `/api/v1/obligations/${obligation?.id}/waive`,
        payload: { reason: "Người dân rút yêu cầu." },
      });
      expect(error(waived, 409)).toMatchObject({
        code: "INVALID_TRANSITION",
        details: [{ field: "id", code: "past_due" }],
      });
      expect(error(waived, 409).message).toMatch(/quá hạn/);
    },
    figures: { openOverdue: 1, onTime: 0 },
  },
  {
    name: "answered late, published, taken down and published again",
    tryIt: async (r) => {
      const down = await s.drive.actOk(s.coordinator, await publishLate(r), "takedown", {
        reason: "Sửa câu chữ.",
      });
      await s.drive.actOk(s.focal, down, "publish", {});
    },
    figures: { answered: 1, onTime: 0, late: 1 },
  },
];

/** The report facts of the request's first slip: its answer's due time, and whether it was kept. */
async function factsOf(r: RequestDetail) {
  const rows = await execRaw<{ a_due: string; a_waived: string | null; kept: boolean | null }>(
    s.t.ctx.db,
    sql`select f.a_due::text, f.a_waived::text,
          f.a_met <= f.a_due and (f.r_start is null or f.r_met <= f.r_due) as kept
        from slip_facts f where f.slip_id = ${r.slips[0]?.id}`,
  );
  return rows[0];
}

describe("a late slip stays late whatever is done after its deadline", () => {
  sideSteps.forEach((step, week) => {
    it(step.name, async () => {
      const monday = firstMonday + week * 7 * day;
      await s.at(new Date(monday));
      const r = await s.forwarded();
      const dueBefore = await factsOf(r);
      // Half an hour past the deadline: soon enough that a phone answer stated before it could
      // still be recorded within its 4 hours.
      await s.at(new Date(Date.parse(r.slips[0]?.dueAt ?? "") + 30 * 60 * 1000));
      expect((await fresh(r)).slips[0]?.dueState).toBe("late");
      await step.tryIt(await fresh(r));

      const res = await s.coordinator.inject({
        method: "GET",
        url: `/api/v1/reports/summary?from=${ymd(monday)}&to=${ymd(monday + 6 * day)}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const [all] = res.json<{ rows: SummaryRow[] }>().rows;
      expect(all).toMatchObject(step.figures);
      expect((all?.late ?? 0) + (all?.returnedLate ?? 0) + (all?.openOverdue ?? 0)).toBe(1);
      const facts = await factsOf(r);
      expect(facts).toMatchObject({ a_due: dueBefore?.a_due, a_waived: null });
      expect(facts?.kept).not.toBe(true);
    });
  });

  // Fifteenth session: before, a waiver after the deadline took the slip out of lateness. A waiver
  // in time still releases the agency, only by a coordinator, with a reason, on the audit trail.
  it("a coordinator's waiver in time is audited with its reason; a focal point may not waive", async () => {
    const monday = firstMonday + sideSteps.length * 7 * day;
    await s.at(new Date(monday));
    const r = await s.forwarded();
    await s.at(new Date(monday + 3600 * 1000));
    const obligation = (await fresh(r)).obligations.find((o) => o.kind === "answer");
    const url = `/api/v1/obligations/${obligation?.id}/waive`;
    expect(
      (await s.focal.inject({ method: "POST", url, payload: { reason: "Tự miễn cho mình." } })).statusCode,
    ).toBe(403);
    const waived = await s.coordinator.inject({
      method: "POST",
      url,
      payload: { reason: "Người dân rút yêu cầu." },
    });
    expect(waived.statusCode, waived.body).toBe(200);
    const event = (await fresh(r)).events.find((e) => e.kind === "obligation.waived");
    expect(event?.data).toMatchObject({
      before: { state: "open" },
      after: { state: "waived", reason: "Người dân rút yêu cầu." },
    });
  });
});
