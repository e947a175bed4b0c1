import { describe, expect, it } from "vitest";
import { type RequestSummary, requestListResponse } from "../../../shared/schemas/requests.js";
import { json } from "../../../test/http.js";
import type { StaffSession } from "../../../test/staff.js";
import { useStaffApp } from "../../../test/staff-app.js";

/**
 * Issue 19: a cooperating agency's slip is in that agency's inbox like a lead slip — listed while
 * the agency owes its contribution (even after the lead's answer is published), due soon and late
 * on its own deadline, not on the lead's — and the lead's inbox reads the lead's own deadlines.
 */
describe("a cooperating slip in its agency's inbox", () => {
  const s = useStaffApp({ users: ["operator", "focal", "coordinator"], focalsOf: ["SNV"] });

  /** The inbox as the console asks for it (AgencyInbox.tsx): open, by due state, due first. */
  const inbox = async (who: StaffSession, due?: "due_soon" | "late"): Promise<RequestSummary[]> =>
    json(
      await who.inject({
        url: `/api/v1/requests?open=true&sort=due&pageSize=200${due ? `&due=${due}` : ""}`,
      }),
      requestListResponse,
    ).items;
  const row = (items: RequestSummary[], id: string) => items.find((r) => r.id === id);

  it("is listed with its own due state, due soon then late, whatever the lead's; until it contributes", async () => {
    await s.at("2026-03-02T09:00:00+07:00"); // Monday
    const forwarded = await s.forwarded({}, { cooperatingAgencyIds: [s.agencyIds.SNV] });
    const snvSlip = forwarded.slips.find((x) => x.agencyId === s.agencyIds.SNV);
    if (!snvSlip?.dueAt) throw new Error("no cooperating slip with a due time");
    const snvDue = new Date(snvSlip.dueAt);

    // In SNV's inbox at once, on its own deadline (the lead's answer is due at the same time now).
    const fresh = row(await inbox(s.focalOf.SNV), forwarded.id);
    expect(fresh).toMatchObject({ dueState: "ok", dueAt: snvSlip.dueAt });

    // The lead answers at 11:00: from then on it owes publication, later than SNV's deadline.
    await s.at("2026-03-02T11:00:00+07:00");
    const answered = await s.drive.actOk(s.focal, forwarded, "record-answer", {
      answer: "Sở Y tế đã phối hợp Sở Nội vụ: hồ sơ nộp tại bộ phận một cửa của UBND phường.",
    });
    const publishDue = answered.obligations.find((o) => o.kind === "publish" && o.metAt === null)?.dueAt;
    if (!publishDue) throw new Error("the lead owes publication");
    expect(Date.parse(publishDue)).toBeGreaterThan(snvDue.getTime());

    // Half an hour before SNV's deadline: due soon for SNV; the lead's own duty is not.
    await s.at(new Date(snvDue.getTime() - 30 * 60_000));
    expect(row(await inbox(s.focalOf.SNV, "due_soon"), forwarded.id)).toMatchObject({ dueState: "due_soon" });
    expect(row(await inbox(s.focalOf.SNV, "late"), forwarded.id)).toBeUndefined();
    expect((await s.drive.get(s.focalOf.SNV, forwarded.id)).dueState).toBe("due_soon");
    expect(row(await inbox(s.focal), forwarded.id)).toMatchObject({ dueState: "ok", dueAt: publishDue });
    expect(row(await inbox(s.focal, "due_soon"), forwarded.id)).toBeUndefined();

    // Past it: late in SNV's inbox, at the top; not late for the lead; late for the coordinator,
    // who sees every duty of the request.
    await s.at(new Date(snvDue.getTime() + 10 * 60_000));
    const late = await inbox(s.focalOf.SNV, "late");
    expect(late[0]?.id).toBe(forwarded.id);
    expect(late[0]).toMatchObject({ dueState: "late", dueAt: snvSlip.dueAt });
    expect((await inbox(s.focalOf.SNV))[0]?.id).toBe(forwarded.id);
    expect((await s.drive.get(s.focalOf.SNV, forwarded.id)).dueState).toBe("late");
    expect(row(await inbox(s.focal, "late"), forwarded.id)).toBeUndefined();
    expect((await s.drive.get(s.focal, forwarded.id)).dueState).not.toBe("late");
    const all = json(
      await s.coordinator.inject({ url: "/api/v1/requests?due=late&pageSize=200" }),
      requestListResponse,
    ).items;
    expect(row(all, forwarded.id)?.dueState).toBe("late");

    // The lead publishes: off the lead's inbox, still in SNV's (its contribution is still owed).
    const published = await s.drive.actOk(s.focal, await s.drive.get(s.focal, forwarded.id), "publish", {});
    expect(row(await inbox(s.focal), published.id)).toBeUndefined();
    expect(row(await inbox(s.focalOf.SNV, "late"), published.id)).toMatchObject({
      status: "published",
      dueState: "late",
    });

    // SNV contributes (late): nothing owed any more, off its inbox.
    await s.drive.actOk(s.focalOf.SNV, published, "contribute", {
      contribution: "Sở Nội vụ xác nhận: hồ sơ nộp tại bộ phận một cửa của UBND phường.",
    });
    expect(row(await inbox(s.focalOf.SNV), published.id)).toBeUndefined();
    // Still readable there, as every request it cooperated on.
    const everything = json(
      await s.focalOf.SNV.inject({ url: "/api/v1/requests?pageSize=200" }),
      requestListResponse,
    );
    expect(row(everything.items, published.id)).toMatchObject({ dueState: null });
  });
});
