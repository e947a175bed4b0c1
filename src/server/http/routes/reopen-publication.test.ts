import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { requestListResponse } from "../../../shared/schemas/requests.js";
import { giveFeedback } from "../../../test/citizen.js";
import { error, json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { execRaw } from "../../db/client.js";

/**
 * Issue 19 with Art. 12.2: a request reopened by the requester's "not resolved" goes back to the
 * coordinator; when it is answered again, the new answer owes a publication of its own — a second
 * publish obligation with its own deadline — and the lateness of the first publication stays.
 */
describe("a reopened request's new answer is held to publication", () => {
  const s = useStaffApp({ users: ["operator", "focal", "coordinator"] });
  const phone = "0912 345 678";

  const publishDuties = async (id: string) =>
    (await s.drive.get(s.coordinator, id)).obligations.filter((o) => o.kind === "publish");
  const lateIds = async () =>
    json(
      await s.coordinator.inject({ url: "/api/v1/requests?due=late&pageSize=200" }),
      requestListResponse,
    ).items.map((r) => r.id);

  it("the first publication late, reopened, answered again: a new publish duty, missed then met late; the first stays late", async () => {
    await s.at("2026-03-02T09:00:00+07:00"); // Monday
    const forwarded = await s.forwarded();
    await s.at("2026-03-02T09:30:00+07:00");
    const answered = await s.drive.actOk(s.focal, forwarded, "record-answer", {
      answer: "Trẻ em dưới 12 tuổi được tiêm tại trạm y tế phường vào sáng thứ Bảy hằng tuần.",
    });
    // Published two days later: past the 8 working hours of Art. 12.2.
    await s.at("2026-03-04T09:00:00+07:00"); // Wednesday
    const published = await s.drive.actOk(s.focal, answered, "publish", {});
    const [first] = await publishDuties(published.id);
    expect(first).toMatchObject({ state: "met_late", metAt: "2026-03-04T09:00:00+07:00", agencyId: s.syt });

    await giveFeedback(
      s.t.app,
      { code: published.code, phone },
      { resolved: false, rating: 2, comment: "Trạm y tế nói không tiêm thứ Bảy" },
      "10.19.1.1",
    );
    // Back with the coordinator, nothing owed yet: no publish duty arose from the reopening itself.
    await s.at("2026-03-04T09:10:00+07:00");
    const reopened = await s.drive.get(s.coordinator, published.id);
    expect(reopened.status).toBe("with_coordinator");
    expect(await publishDuties(reopened.id)).toEqual([first]);

    const assigned = await s.drive.actOk(s.coordinator, reopened, "assign-agency", {
      agencyId: s.syt,
      note: "Người dân phản ánh trạm y tế không tiêm thứ Bảy; xem lại",
    });
    await s.at("2026-03-04T09:20:00+07:00");
    const again = await s.drive.actOk(s.focal, assigned, "record-answer", {
      answer: "Từ tháng 3, trạm y tế phường tiêm vào sáng thứ Tư hằng tuần; xin lỗi về thông tin trước.",
    });
    const duties = await publishDuties(again.id);
    expect(duties).toHaveLength(2);
    const [kept, second] = duties;
    // The first duty is exactly as it was: met late at its own time.
    expect(kept).toEqual(first);
    expect(second).toMatchObject({
      agencyId: s.syt,
      startsAt: "2026-03-04T09:20:00+07:00",
      limitHours: 8,
      metAt: null,
      state: "open",
    });
    expect(second?.dueAt).not.toBe(first?.dueAt);
    expect(again.dueState).toBe("ok");
    expect(again.dueAt).toBe(second?.dueAt);

    // Not published in time: the request is late on the second duty, on every list that asks.
    await s.at("2026-03-06T09:00:00+07:00"); // Friday
    const late = await s.drive.get(s.focal, again.id);
    expect(late.dueState).toBe("late");
    expect((await publishDuties(again.id))[1]?.state).toBe("missed");
    expect(await lateIds()).toContain(again.id);

    // Publishing meets it late — the lateness is not erased — and the request is no longer late.
    const republished = await s.drive.actOk(s.focal, late, "publish", {});
    expect(republished.status).toBe("published");
    const after = await publishDuties(republished.id);
    expect(after.map((o) => o.state)).toEqual(["met_late", "met_late"]);
    expect(after[0]).toEqual(first);
    expect(after[1]?.metAt).toBe("2026-03-06T09:00:00+07:00");
    expect(await lateIds()).not.toContain(republished.id);

    // Nothing can make either duty on time afterwards: no waiver of a met duty, no rewrite.
    const waive = await s.coordinator.inject({
      method: "POST",
      url: `/api/v1/obligations/${after[1]?.id}/waive`,
      payload: { reason: "Xin miễn vì đã công khai" },
    });
    expect(error(waive, 409).code).toBe("INVALID_TRANSITION");
    await expect(
      execRaw(s.t.ctx.db, sql`update obligations set met_at = due_at where id = ${after[0]?.id ?? ""}`),
    ).rejects.toThrow();
    // A takedown and a new publication owe nothing more (the duty of this answer was met).
    const down = await s.drive.actOk(s.coordinator, republished, "takedown", { reason: "Rà soát câu chữ" });
    await s.drive.actOk(s.focal, down, "publish", {});
    expect(await publishDuties(republished.id)).toHaveLength(2);
  });
});
