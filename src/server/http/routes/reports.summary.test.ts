import { afterAll, describe, expect, it } from "vitest";
import type { SummaryRow } from "../../../shared/schemas/reports.js";
import { vnDateOf } from "../../../shared/time.js";
import { at, byKey, reportsFixture, S1sent, S2sent, wh } from "../../../test/reports.fixture.js";
import { signIn } from "../../../test/staff.js";

/** Figures (issue 11) on the hand-built data of src/test/reports.fixture.ts, whose answers are known. */
const { t, build, coordinator, leader, summary, rowsOf, get } = await reportsFixture();
afterAll(() => t.close());

describe("GET /api/v1/reports/summary", () => {
  it("the fixture crosses the holidays and the weekend as the calendar says", () => {
    // 6 working hours after Wed Apr 29 14:00 is Monday May 4 (Apr 30, May 1 holidays, May 2–3 weekend).
    expect(vnDateOf(wh(S1sent, 6))).toBe("2026-05-04");
    expect(vnDateOf(wh(S1sent, 8))).toBe("2026-05-04");
    // 10 working hours after Fri Apr 24 14:00 falls on Tuesday Apr 28, after D8 on Monday/Tuesday.
    expect(wh(S2sent, 10).getTime()).toBeGreaterThan(wh(S2sent, 8).getTime());
    expect(["2026-04-27", "2026-04-28"]).toContain(vnDateOf(wh(S2sent, 8)));
  });

  it("every column, all together, on known data", async () => {
    const rows = await rowsOf("from=2026-04-01&to=2026-05-31");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      key: "all",
      label: "Tổng cộng",
      received: 12,
      answeredByOperator: 1,
      // No chat acknowledgement carried Q&A answers in this fixture (ack-suggestions.test.ts does).
      suggested: 0,
      suggestedThenOperator: 0,
      forwarded: 10,
      refused: 1,
      refusedByReason: { "quay-roi": 1 },
      escalated: 1,
      returned: 1,
      // Fourteenth session: R09 was returned within its deadline.
      returnedLate: 0,
      answered: 6,
      published: 1,
      onTime: 3,
      late: 3,
      openOverdue: 2,
      progressUpdates: 1,
      missedAppointments: 1,
      // handling hours [2, 2, 3, 6, 9, 10]: median 4.5, p90 9.5
      medianHours: 4.5,
      p90Hours: 9.5,
      onTimeRate: 0.5,
      // Issue 19: no feedback was given in this fixture.
      feedbackCount: 0,
      feedbackResolved: 0,
      resolvedRate: null,
      ratingAvg: null,
    });
  });

  it.each([
    // April: R13 forwarded Apr 1 (received in March), R02 and R01 forwarded in April.
    [
      "from=2026-04-01&to=2026-04-30",
      { received: 2, forwarded: 3, answered: 2, onTime: 1, late: 1, openOverdue: 0 },
    ],
    [
      "from=2026-05-01&to=2026-05-31",
      { received: 10, forwarded: 7, answered: 3, onTime: 1, late: 2, openOverdue: 2 },
    ],
  ])(
    "a slip counts in the period of its forwarding; answers after the period are not yet answers (%s)",
    async (query, figures) => {
      expect(byKey(await rowsOf(query), "all")).toMatchObject(figures);
    },
  );

  // Each grouping's rows by key; every grouping adds up to the totals.
  it.each<[string, Record<string, Partial<SummaryRow>>]>([
    [
      "agency",
      {
        SYT: { forwarded: 5, answered: 3, onTime: 2, late: 1, openOverdue: 1, received: 5, published: 1 },
        SXD: {
          forwarded: 5,
          answered: 3,
          onTime: 1,
          late: 2,
          openOverdue: 1,
          returned: 1,
          received: 3,
          progressUpdates: 1,
          missedAppointments: 1,
        },
        "-": { received: 4, answeredByOperator: 1, refused: 1, escalated: 1, forwarded: 0 },
      },
    ],
    [
      "field",
      {
        "an-sinh-xa-hoi": { received: 6, forwarded: 6, answered: 5, onTime: 2, late: 3 },
        khac: { received: 6, forwarded: 4, answered: 1, onTime: 1 },
      },
    ],
    [
      "channel",
      {
        phone: { label: "Điện thoại 1022", received: 4, forwarded: 3, onTime: 2 },
        portal: { received: 4, forwarded: 4, answeredByOperator: 1 },
      },
    ],
    ["officer", { operator: { received: 6, forwarded: 6, late: 3 }, "-": { received: 6, forwarded: 4 } }],
  ])("groupBy %s", async (groupBy, expected) => {
    const rows = await rowsOf(`from=2026-04-01&to=2026-05-31&groupBy=${groupBy}`);
    for (const [key, figures] of Object.entries(expected)) expect(byKey(rows, key)).toMatchObject(figures);
    const sum = (k: keyof SummaryRow) => rows.reduce((n, r) => n + (r[k] as number), 0);
    expect([sum("received"), sum("forwarded"), sum("onTime"), sum("late"), sum("openOverdue")]).toEqual([
      12, 10, 3, 3, 2,
    ]);
  });

  it("a progress update does not clear lateness: answered after D8 stays late, the kept appointment is not missed", async () => {
    const sent = at("2026-06-01T08:00:00+07:00");
    await build({
      code: "R20",
      channel: "portal",
      receivedAt: at("2026-06-01T07:30:00+07:00"),
      field: "khac",
      slip: {
        agency: "SYT",
        sentAt: sent,
        progress: { at: wh(sent, 8.5), appointment: wh(sent, 12) },
        recordedAt: wh(sent, 11),
      },
    });
    const june = byKey(await rowsOf("from=2026-06-01&to=2026-06-14"), "all");
    expect(june).toMatchObject({
      forwarded: 1,
      answered: 1,
      onTime: 0,
      late: 1,
      openOverdue: 0,
      progressUpdates: 1,
      missedAppointments: 0,
      medianHours: 11,
    });
  });

  it("filters narrow the figures", async () => {
    expect(byKey(await rowsOf("from=2026-04-01&to=2026-05-31&agency=SYT"), "all")).toMatchObject({
      forwarded: 5,
    });
    // The agency's code whatever its case (migration 0036).
    expect(byKey(await rowsOf("from=2026-04-01&to=2026-05-31&agency=syt"), "all")).toMatchObject({
      forwarded: 5,
    });
    expect(byKey(await rowsOf("from=2026-04-01&to=2026-05-31&channel=phone"), "all")).toMatchObject({
      received: 4,
    });
    expect(byKey(await rowsOf("from=2026-04-01&to=2026-05-31&officer=operator"), "all")).toMatchObject({
      received: 6,
    });
    expect(
      byKey(await rowsOf("from=2026-04-01&to=2026-05-31&field=khac&urgency=normal"), "all"),
    ).toMatchObject({
      received: 6,
    });
  });

  it("an agency leader sees only their agency and cannot ask for another", async () => {
    const own = await summary(leader, "from=2026-04-01&to=2026-05-31&groupBy=agency");
    expect(own.statusCode).toBe(200);
    const rows = own.json<{ rows: SummaryRow[] }>().rows;
    expect(rows.map((r) => r.key)).toEqual(["SYT"]);
    expect(byKey(rows, "SYT")).toMatchObject({ forwarded: 5, onTime: 2 });
    const other = await summary(leader, "from=2026-04-01&to=2026-05-31&agency=SXD");
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe("FORBIDDEN");
    const series = await get(leader, "/api/v1/reports/series?from=2026-04-01&to=2026-05-31");
    expect(series.json<{ rows: { received: number }[] }>().rows.reduce((n, r) => n + r.received, 0)).toBe(5);
  });

  it("roles without report.view are refused; anonymous callers must sign in", async () => {
    const focal = await signIn(t.app, "focal");
    expect((await summary(focal, "from=2026-04-01&to=2026-05-31")).statusCode).toBe(403);
    const operator = await signIn(t.app, "operator");
    expect((await summary(operator, "from=2026-04-01&to=2026-05-31")).statusCode).toBe(403);
    const anon = await t.app.inject({
      method: "GET",
      url: "/api/v1/reports/summary?from=2026-04-01&to=2026-05-31",
    });
    expect(anon.statusCode).toBe(401);
  });

  it.each([
    ["from=2026-02-30&to=2026-03-01", "invalid_date"],
    ["from=2026-05-01&to=2026-04-01", "from_after_to"],
    ["from=2026-5-1&to=2026-05-31", undefined],
    ["from=2026-04-01&to=2026-05-31&groupBy=province", undefined],
    ["from=2026-04-01&to=2026-05-31&agency=NOPE", "unknown_agency"],
    ["to=2026-05-31", undefined],
  ])("bad input %s → 400", async (query, code) => {
    const res = await summary(coordinator, query);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]|Dữ liệu/iu);
    if (code) expect(body.error.details[0].code).toBe(code);
  });
});
