import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listOf } from "../../shared/schemas/common.js";
import { obligationView, summaryResponse } from "../../shared/schemas/reports.js";
import { type RequestSummary, requestListResponse } from "../../shared/schemas/requests.js";
import { json } from "../../test/http.js";
import { type StaffSession, signIn } from "../../test/staff.js";
import { execRaw } from "../db/client.js";
import { historyHeader, useHistoryImport } from "./import-history.fixture.js";

/** `npm run admin -- import-history FILE.csv` (issue 11): history from an earlier 1022 system. */
describe("admin CLI: import-history", () => {
  const { t, run } = useHistoryImport(historyHeader, { bom: true });
  let coordinator: StaffSession;
  beforeAll(async () => {
    coordinator = await signIn(t.app, "coordinator");
  });

  const find = async (code: string): Promise<RequestSummary | undefined> => {
    const res = await coordinator.inject({
      method: "GET",
      url: `/api/v1/requests?q=${encodeURIComponent(code)}`,
    });
    return json(res, requestListResponse).items.find((r) => r.code === code);
  };
  const obligationsOf = async (requestId: string) =>
    json(
      await coordinator.inject({ method: "GET", url: `/api/v1/obligations?requestId=${requestId}` }),
      listOf(obligationView),
    ).items;
  const obligations = async (requestId: string) =>
    (await obligationsOf(requestId)).map((o) => [o.kind, o.state, o.dueAt]);

  it("a bad file imports nothing and reports every bad row with its line number", async () => {
    const { code, out } = await run([
      "TD-0001,phone,2026-03-02T08:00:00+07:00,y-te-xet-nghiem-tiem-phong,SYT,2026-03-02T09:00:00+07:00,,2026-03-02T15:00:00+07:00,",
      "TD-0002,fax,2026-03-02T08:00:00+07:00,,,,,,",
      "TD-0003,phone,2026-03-02 08:00,,,,,,",
      "TD-0004,portal,2026-03-02T08:00:00+07:00,,KHONGCO,2026-03-02T09:00:00+07:00,,,",
      "TD-0005,email,2026-03-02T08:00:00+07:00,,SYT,2026-03-01T09:00:00+07:00,,,",
      "TD-0001,phone,2026-03-02T08:00:00+07:00,,,,,,",
    ]);
    expect(code).toBe(1);
    expect(out.filter((l) => l.includes("rejected")).map((l) => l.match(/line (\d+)/)?.[1])).toEqual([
      "3",
      "4",
      "5",
      "6",
      "7",
    ]);
    expect(out.join("\n")).toContain("không có cơ quan mã KHONGCO");
    expect(out.join("\n")).toContain("forwarded_at: không được trước received_at");
    expect(out.join("\n")).toContain("đã có ở dòng 2");
    expect(out.at(-1)).toBe("history: nothing imported, 5 bad rows");
    expect(await find("TD-0001")).toBeUndefined();
  });

  it("a good file goes through the same obligation rules, and importing it again changes nothing", async () => {
    const rows = [
      // Answered on time after a phone answer, recorded within the 4 hours, published.
      "LS-0001,phone,2026-03-02T08:00:00+07:00,y-te-xet-nghiem-tiem-phong,SYT,2026-03-02T09:00:00+07:00,2026-03-02T10:00:00+07:00,2026-03-02T13:30:00+07:00,2026-03-02T15:00:00+07:00",
      // Forwarded on a Friday before the Hùng Kings holiday, answered after the deadline.
      "LS-0002,portal,2026-04-24T14:00:00+07:00,,SYT,2026-04-24T15:00:00+07:00,,2026-04-28T16:00:00+07:00,",
      // Answered by the operator from the Q&A base, not yet published.
      "LS-0003,zalo,2026-03-03T08:00:00+07:00,,,,,2026-03-03T08:30:00+07:00,",
      // Forwarded, never answered.
      "LS-0004,email,2026-03-16T09:00:00+07:00,,SYT,2026-03-16T09:30:00+07:00,,,",
    ];
    // The clock stands after every row (the import refuses times in the future).
    t.clock.set("2026-05-04T09:00:00+07:00");
    coordinator = await signIn(t.app, "coordinator");
    const first = await run(rows);
    expect(first.out.at(-1)).toBe("history: 4 imported, 0 already present");
    expect(first.code).toBe(0);

    const r1 = await find("LS-0001");
    expect(r1?.status).toBe("published");
    expect(await obligations(r1?.id as string)).toEqual([
      ["record", "met_on_time", "2026-03-02T16:00:00+07:00"],
      ["answer", "met_on_time", "2026-03-03T09:00:00+07:00"],
      ["publish", "met_on_time", "2026-03-03T11:30:00+07:00"],
    ]);
    const r2 = await find("LS-0002");
    expect(r2?.status).toBe("answered");
    expect(await obligations(r2?.id as string)).toEqual([
      ["answer", "met_late", "2026-04-28T15:00:00+07:00"],
      ["progress", "met_on_time", "2026-04-29T09:00:00+07:00"],
      ["publish", "missed", "2026-04-29T16:00:00+07:00"],
    ]);
    const r3 = await find("LS-0003");
    expect(await obligations(r3?.id as string)).toEqual([["publish", "missed", "2026-03-04T08:30:00+07:00"]]);
    const [publish3] = await obligationsOf(r3?.id as string);
    expect(publish3?.agencyId).toBeNull();
    const r4 = await find("LS-0004");
    expect(r4).toMatchObject({ status: "forwarded", dueState: "late" });
    expect(await obligations(r4?.id as string)).toEqual([["answer", "missed", "2026-03-17T09:30:00+07:00"]]);

    // The import writes each answered slip's handling time as the lifecycle does (migration 0022):
    // LS-0001 forwarded at 09:00, answered on the phone at 10:00 → one working hour.
    const march = await coordinator.inject({
      method: "GET",
      url: "/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&groupBy=none",
    });
    expect(json(march, summaryResponse).rows[0]).toMatchObject({
      forwarded: 2,
      answered: 1,
      medianHours: 1,
      p90Hours: 1,
    });
    // Written once, never rewritten: the table is append-only.
    const handling = await execRaw<{ working_hours: number }>(
      t.ctx.db,
      sql`select working_hours from slip_handling h join requests r on r.id = (select request_id from transfer_slips where id = h.slip_id) where r.code = 'LS-0001'`,
    );
    expect(handling.map((h) => Number(h.working_hours))).toEqual([1]);
    await expect(t.ctx.db.execute(sql`update slip_handling set working_hours = 0`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`delete from slip_handling`)).rejects.toThrow();

    const again = await run(rows);
    expect(again.code).toBe(0);
    expect(again.out.at(-1)).toBe("history: 0 imported, 4 already present");
    expect(await obligations(r1?.id as string)).toHaveLength(3);
  });
});
