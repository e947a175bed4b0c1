import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestSummary, requestListResponse } from "../../../shared/schemas/requests.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { json } from "../../../test/http.js";
import { requestDriver } from "../../../test/requests.js";
import { createStaffUser, type StaffSession, signIn } from "../../../test/staff.js";

/**
 * Issue 19: a cooperating agency's slip is in that agency's inbox like a lead slip — listed while
 * the agency owes its contribution (even after the lead's answer is published), due soon and late
 * on its own deadline, not on the lead's — and the lead's inbox reads the lead's own deadlines.
 */
describe("a cooperating slip in its agency's inbox", () => {
  let t: TestApp;
  let drive: ReturnType<typeof requestDriver>;
  const agency: Record<string, string> = {};
  let snvSignIn: () => Promise<StaffSession>;
  let s: Record<"operator" | "focal" | "coordinator" | "snv", StaffSession>;

  beforeAll(async () => {
    t = await createTestApp({ seed: "staff" });
    drive = requestDriver(t);
    for (const code of ["SYT", "SNV"]) agency[code] = await drive.agencyId(code);
    snvSignIn = (await createStaffUser(t, { role: "focal_point", agencyCode: "SNV" })).signIn;
  });
  afterAll(() => t.close());

  /** Moves the clock; sessions end with idleness, so everyone signs in again. */
  async function at(instant: string | Date) {
    t.clock.set(typeof instant === "string" ? instant : instant.toISOString());
    s = {
      operator: await signIn(t.app, "operator"),
      focal: await signIn(t.app, "focal"),
      coordinator: await signIn(t.app, "coordinator"),
      snv: await snvSignIn(),
    };
  }
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
    await at("2026-03-02T09:00:00+07:00"); // Monday
    const created = await drive.create(s.operator);
    const forwarded = await drive.actOk(s.operator, created, "forward", {
      agencyId: agency.SYT,
      transferAttempt: "connected",
      cooperatingAgencyIds: [agency.SNV],
    });
    const snvSlip = forwarded.slips.find((x) => x.agencyId === agency.SNV);
    if (!snvSlip?.dueAt) throw new Error("no cooperating slip with a due time");
    const snvDue = new Date(snvSlip.dueAt);

    // In SNV's inbox at once, on its own deadline (the lead's answer is due at the same time now).
    const fresh = row(await inbox(s.snv), forwarded.id);
    expect(fresh).toMatchObject({ dueState: "ok", dueAt: snvSlip.dueAt });

    // The lead answers at 11:00: from then on it owes publication, later than SNV's deadline.
    await at("2026-03-02T11:00:00+07:00");
    const answered = await drive.actOk(s.focal, forwarded, "record-answer", {
      answer: "Sở Y tế đã phối hợp Sở Nội vụ: hồ sơ nộp tại bộ phận một cửa của UBND phường.",
    });
    const publishDue = answered.obligations.find((o) => o.kind === "publish" && o.metAt === null)?.dueAt;
    if (!publishDue) throw new Error("the lead owes publication");
    expect(Date.parse(publishDue)).toBeGreaterThan(snvDue.getTime());

    // Half an hour before SNV's deadline: due soon for SNV; the lead's own duty is not.
    await at(new Date(snvDue.getTime() - 30 * 60_000));
    expect(row(await inbox(s.snv, "due_soon"), forwarded.id)).toMatchObject({ dueState: "due_soon" });
    expect(row(await inbox(s.snv, "late"), forwarded.id)).toBeUndefined();
    expect((await drive.get(s.snv, forwarded.id)).dueState).toBe("due_soon");
    expect(row(await inbox(s.focal), forwarded.id)).toMatchObject({ dueState: "ok", dueAt: publishDue });
    expect(row(await inbox(s.focal, "due_soon"), forwarded.id)).toBeUndefined();

    // Past it: late in SNV's inbox, at the top; not late for the lead; late for the coordinator,
    // who sees every duty of the request.
    await at(new Date(snvDue.getTime() + 10 * 60_000));
    const late = await inbox(s.snv, "late");
    expect(late[0]?.id).toBe(forwarded.id);
    expect(late[0]).toMatchObject({ dueState: "late", dueAt: snvSlip.dueAt });
    expect((await inbox(s.snv))[0]?.id).toBe(forwarded.id);
    expect((await drive.get(s.snv, forwarded.id)).dueState).toBe("late");
    expect(row(await inbox(s.focal, "late"), forwarded.id)).toBeUndefined();
    expect((await drive.get(s.focal, forwarded.id)).dueState).not.toBe("late");
    const all = json(
      await s.coordinator.inject({ url: "/api/v1/requests?due=late&pageSize=200" }),
      requestListResponse,
    ).items;
    expect(row(all, forwarded.id)?.dueState).toBe("late");

    // The lead publishes: off the lead's inbox, still in SNV's (its contribution is still owed).
    const published = await drive.actOk(s.focal, await drive.get(s.focal, forwarded.id), "publish", {});
    expect(row(await inbox(s.focal), published.id)).toBeUndefined();
    expect(row(await inbox(s.snv, "late"), published.id)).toMatchObject({
      status: "published",
      dueState: "late",
    });

    // SNV contributes (late): nothing owed any more, off its inbox.
    await drive.actOk(s.snv, published, "contribute", {
      contribution: "Sở Nội vụ xác nhận: hồ sơ nộp tại bộ phận một cửa của UBND phường.",
    });
    expect(row(await inbox(s.snv), published.id)).toBeUndefined();
    // Still readable there, as every request it cooperated on.
    const everything = json(
      await s.snv.inject({ url: "/api/v1/requests?pageSize=200" }),
      requestListResponse,
    );
    expect(row(everything.items, published.id)).toMatchObject({ dueState: null });
  });
});
