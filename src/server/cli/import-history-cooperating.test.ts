import { beforeAll, describe, expect, it } from "vitest";
import { boardResponse, requestListResponse } from "../../shared/schemas/requests.js";
import { json } from "../../test/http.js";
import { requestDriver } from "../../test/requests.js";
import { createStaffUser, type StaffSession, signIn } from "../../test/staff.js";
import { historyHeader, useHistoryImport } from "./import-history.fixture.js";

/**
 * `import-history` with the optional `cooperating` column (issue 19): several agencies on one
 * historical request, each with its own slip, answer obligation and contribution, as live.
 */
describe("admin CLI: import-history with cooperating agencies", () => {
  const { t, run } = useHistoryImport(`${historyHeader},cooperating`);
  let coordinator: StaffSession;
  let sct: StaffSession;
  const agency: Record<string, string> = {};

  beforeAll(async () => {
    coordinator = await signIn(t.app, "coordinator");
    sct = await (await createStaffUser(t, { role: "focal_point", agencyCode: "SCT" })).signIn();
    const drive = requestDriver(t);
    for (const code of ["SYT", "SNV", "STC", "SCT"]) agency[code] = await drive.agencyId(code);
  });

  const lead = "y-te-xet-nghiem-tiem-phong,SYT,2026-03-02T09:00:00+07:00";

  it("refuses bad cooperating cells with their line and entry, importing nothing", async () => {
    const { code, out } = await run([
      `HC-0001,phone,2026-03-02T08:00:00+07:00,,,,,,,SNV||`,
      `HC-0002,phone,2026-03-02T08:00:00+07:00,${lead},,,,KHONGCO||`,
      `HC-0003,phone,2026-03-02T08:00:00+07:00,${lead},,,,SYT||`,
      `HC-0004,phone,2026-03-02T08:00:00+07:00,${lead},,,,SNV||;SNV||`,
      `HC-0005,phone,2026-03-02T08:00:00+07:00,${lead},,,,SNV|2026-03-02T08:30:00+07:00|`,
      `HC-0006,phone,2026-03-02T08:00:00+07:00,${lead},,,,SNV|2026-03-03T09:00:00+07:00|2026-03-02T10:00:00+07:00`,
      `HC-0007,phone,2026-03-02T08:00:00+07:00,${lead},,,,SNV|2026-03-02 10:00|`,
      `HC-0008,phone,2026-03-02T08:00:00+07:00,${lead},,,,SNV|||x`,
      `HC-0009,phone,2026-03-02T08:00:00+07:00,${lead},,,,STC||2027-01-01T09:00:00+07:00`,
      `HC-0010,phone,2026-03-02T08:00:00+07:00,${lead},,,,SNV||`,
    ]);
    expect(code).toBe(1);
    const rejected = out.filter((l) => l.includes("rejected"));
    expect(rejected.map((l) => l.match(/line (\d+)/)?.[1])).toEqual([
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    const text = rejected.join("\n");
    for (const reason of [
      "chỉ yêu cầu đã chuyển phiếu cho cơ quan chủ trì",
      "không có cơ quan mã KHONGCO",
      "cơ quan chủ trì không đồng thời là cơ quan phối hợp",
      "cooperating[2]: cơ quan SNV đã có trong danh sách",
      "sent_at không được trước forwarded_at",
      "contributed_at không được trước sent_at",
      "sent_at không phải thời điểm ISO 8601",
      "cần dạng MÃ_CƠ_QUAN|sent_at|contributed_at",
      "thời điểm ở tương lai",
    ])
      expect(text).toContain(reason);
    const listed = json(await coordinator.inject({ url: "/api/v1/requests?q=HC-00" }), requestListResponse);
    expect(listed.total).toBe(0);
  });

  it("finds the lead and cooperating agencies by code whatever its case (migration 0036)", async () => {
    const { code, out } = await run([
      "HC-0200,phone,2026-03-02T08:00:00+07:00,y-te-xet-nghiem-tiem-phong,syt,2026-03-02T09:00:00+07:00,," +
        "2026-03-02T15:00:00+07:00,,snv||2026-03-02T11:00:00+07:00",
    ]);
    expect(out.join("\n")).toContain("1 imported");
    expect(code).toBe(0);
    const found = json(await coordinator.inject({ url: "/api/v1/requests?q=HC-0200" }), requestListResponse);
    const d = await requestDriver(t).get(coordinator, found.items[0]?.id ?? "");
    expect(d.slips.map((x) => [x.agencyId, x.role])).toEqual([
      [agency.SYT, "lead"],
      [agency.SNV, "cooperating"],
    ]);
  });

  it("imports a request with three cooperating agencies: on time, late, and still owing", async () => {
    const { code, out } = await run([
      `HC-0100,phone,2026-03-02T08:00:00+07:00,${lead},,2026-03-02T15:00:00+07:00,2026-03-03T09:00:00+07:00,` +
        "SNV||2026-03-02T11:00:00+07:00;STC|2026-03-02T10:00:00+07:00|2026-03-05T10:00:00+07:00;SCT|2026-03-02T10:00:00+07:00|",
      // Without any cooperating agency, as before.
      `HC-0101,portal,2026-03-02T08:00:00+07:00,${lead},,,,`,
    ]);
    expect(out.join("\n")).toContain("2 imported");
    expect(code).toBe(0);
    const found = json(await coordinator.inject({ url: "/api/v1/requests?q=HC-0100" }), requestListResponse);
    const id = found.items[0]?.id ?? "";
    const d = await requestDriver(t).get(coordinator, id);
    expect(d.status).toBe("published");
    const slip = (code: string) => d.slips.find((x) => x.agencyId === agency[code]);
    expect(slip("SYT")).toMatchObject({ role: "lead", status: "answered" });
    expect(slip("SNV")).toMatchObject({
      role: "cooperating",
      status: "contributed",
      sentAt: "2026-03-02T09:00:00+07:00",
      closedAt: "2026-03-02T11:00:00+07:00",
    });
    expect(slip("STC")).toMatchObject({ role: "cooperating", status: "contributed" });
    expect(slip("SCT")).toMatchObject({ role: "cooperating", status: "open", closedAt: null });
    // Each its own answer obligation, on time or late against its own 8 working hours.
    const answer = (code: string) =>
      d.obligations.find((o) => o.kind === "answer" && o.agencyId === agency[code])?.state;
    expect([answer("SYT"), answer("SNV"), answer("STC"), answer("SCT")]).toEqual([
      "met_on_time",
      "met_on_time",
      "met_late",
      "missed",
    ]);
    expect(d.contributions.map((c) => [c.agencyId, c.onTime])).toEqual([
      [agency.SNV, true],
      [agency.STC, false],
    ]);
    // The one still owing holds things up on the board, and is late in its agency's inbox.
    const board = json(await coordinator.inject({ url: "/api/v1/monitor/board" }), boardResponse);
    expect(board.heldUp.filter((h) => h.requestId === id).map((h) => [h.agencyId, h.dueState])).toEqual([
      [agency.SCT, "late"],
    ]);
    const inbox = json(await sct.inject({ url: "/api/v1/requests?open=true&due=late" }), requestListResponse);
    expect(inbox.items.map((r) => r.id)).toContain(id);

    // Idempotent by code: a second run changes nothing.
    const again = await run([
      `HC-0100,phone,2026-03-02T08:00:00+07:00,${lead},,2026-03-02T15:00:00+07:00,2026-03-03T09:00:00+07:00,SNV||`,
    ]);
    expect(again.out.join("\n")).toContain("1 already present");
    expect((await requestDriver(t).get(coordinator, id)).slips).toHaveLength(4);
  });
});
