import { type SQL, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { SummaryRow } from "../../../shared/schemas/reports.js";
import { at, reportsFixture, wh } from "../../../test/reports.fixture.js";
import { periodOf } from "../../domain/report-period.js";
import { execRaw } from "../client.js";
import { type GroupBy, slipCounts } from "./report.repository.js";

/**
 * The reports' per-slip facts (`slip_facts`, migration 0029) are precomputed from the slip, its
 * answer and record obligations and its handling time, and kept in step by triggers. Here, on the
 * hand-built data of the reports tests (written with plain SQL, so through the triggers only) plus
 * a waiver and a late return: the table equals its definition (the view `slip_facts_source`), the
 * fill rebuilds it, and every slip figure of the summary equals the on-the-fly computation the
 * reports used before the table existed (the query below, joining the obligations per period).
 */
const { t, build, rowsOf } = await reportsFixture();
afterAll(() => t.close());

const columns = sql.raw(`slip_id, request_id, agency_id, sent_at, status, closed_at, a_due, a_met, a_waived,
  r_start, r_due, r_met, r_waived, working_hours`);
const tableRows = () => execRaw(t.ctx.db, sql`select ${columns} from slip_facts order by slip_id`);
const viewRows = () => execRaw(t.ctx.db, sql`select ${columns} from slip_facts_source order by slip_id`);

/** The slip figures computed on the fly from the obligations (report.repository.ts before 0029). */
async function onTheFly(groupBy: GroupBy, fromDay: string, toDay: string) {
  const { from: fromDate, until: untilDate } = periodOf(fromDay, toDay);
  const asOfDate = new Date(Math.min(untilDate.getTime(), t.ctx.clock.now().getTime()));
  const asOf = sql`${asOfDate.toISOString()}::timestamptz`;
  const from = sql`${fromDate.toISOString()}::timestamptz`;
  const until = sql`${untilDate.toISOString()}::timestamptz`;
  const keys: Record<GroupBy, SQL> = {
    agency: sql`coalesce(ag.code, '-')`,
    field: sql`coalesce(f.code, '-')`,
    channel: sql`r.channel`,
    officer: sql`coalesce(u.username, '-')`,
    none: sql`'all'`,
  };
  return execRaw<{
    key: string;
    forwarded: string;
    returned: string;
    returned_late: string;
    answered: string;
    on_time: string;
    open_overdue: string;
    progress_updates: string;
    missed_appointments: string;
    median_hours: number | null;
    p90_hours: number | null;
  }>(
    t.ctx.db,
    sql`select j.key,
          ${slipCounts(asOf)},
          coalesce(sum(j.updates), 0) as progress_updates,
          coalesce(sum(j.missed), 0) as missed_appointments,
          percentile_cont(0.5) within group (order by j.hours) filter (where j.answered) as median_hours,
          percentile_cont(0.9) within group (order by j.hours) filter (where j.answered) as p90_hours
        from (
          select ${keys[groupBy]} as key, s.id, s.request_id, s.closed_at, h.working_hours as hours,
                 a.a_due, a.a_met, a.a_waived, rc.r_start, rc.r_due, rc.r_met, rc.r_waived, p.updates, p.missed,
                 (s.status = 'returned' and s.closed_at <= ${asOf}) as discharged,
                 (s.status <> 'returned' and
                   (case when rc.r_start is not null then rc.r_met else a.a_met end) <= ${asOf}) as answered,
                 (rc.r_start is not null and rc.r_start <= ${asOf}) as phoned
          from transfer_slips s
          join requests r on r.id = s.request_id
          left join fields f on f.id = r.field_id
          left join users u on u.id = r.operator_id
          left join agencies ag on ag.id = s.agency_id
          left join slip_handling h on h.slip_id = s.id
          left join (select o.slip_id, o.due_at as a_due, o.met_at as a_met, o.waived_at as a_waived
                     from obligations o where o.kind = 'answer') a on a.slip_id = s.id
          left join (select o.slip_id, o.starts_at as r_start, o.due_at as r_due, o.met_at as r_met,
                            o.waived_at as r_waived
                     from obligations o where o.kind = 'record') rc on rc.slip_id = s.id
          left join (select o.slip_id, count(*) as updates,
                            count(*) filter (where o.waived_at is null and o.due_at < ${asOf}
                                               and (o.met_at is null or o.met_at > o.due_at)) as missed
                     from obligations o
                     where o.kind = 'appointment' and o.starts_at <= ${asOf}
                     group by o.slip_id) p on p.slip_id = s.id
          where s.sent_at >= ${from} and s.sent_at < ${until}
        ) j
        group by 1`,
  );
}

const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);

async function expectSameFigures(groupBy: GroupBy, from: string, to: string) {
  const reference = await onTheFly(groupBy, from, to);
  const served = (await rowsOf(`from=${from}&to=${to}&groupBy=${groupBy}`)).filter(
    (r: SummaryRow) => r.forwarded > 0,
  );
  expect(served.map((r) => r.key).sort()).toEqual(reference.map((r) => r.key).sort());
  for (const ref of reference) {
    const row = served.find((r) => r.key === ref.key) as SummaryRow;
    expect(
      {
        forwarded: row.forwarded,
        returned: row.returned,
        returnedLate: row.returnedLate,
        answered: row.answered,
        onTime: row.onTime,
        late: row.late,
        openOverdue: row.openOverdue,
        progressUpdates: row.progressUpdates,
        missedAppointments: row.missedAppointments,
        medianHours: row.medianHours,
        p90Hours: row.p90Hours,
      },
      `${groupBy} ${from}..${to} ${ref.key}`,
    ).toEqual({
      forwarded: Number(ref.forwarded),
      returned: Number(ref.returned),
      returnedLate: Number(ref.returned_late),
      answered: Number(ref.answered),
      onTime: Number(ref.on_time),
      late: Number(ref.answered) - Number(ref.on_time),
      openOverdue: Number(ref.open_overdue),
      progressUpdates: Number(ref.progress_updates),
      missedAppointments: Number(ref.missed_appointments),
      medianHours: round(ref.median_hours),
      p90Hours: round(ref.p90_hours),
    });
  }
}

const periods: [string, string][] = [
  ["2026-04-01", "2026-04-30"],
  ["2026-05-01", "2026-05-31"],
  ["2026-05-10", "2026-05-20"],
  ["2026-04-01", "2026-06-30"], // still open on June 15: judged as of now
];

describe("slip_facts (migration 0029)", () => {
  it("equals its definition after the fixture's inserts and updates", async () => {
    const rows = await tableRows();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows).toEqual(await viewRows());
  });

  it("follows a waiver, a late answer and a new slip, and the figures stay those computed on the fly", async () => {
    // R06's open answer obligation waived by a coordinator (an update of the obligation).
    await execRaw(
      t.ctx.db,
      sql`update obligations set waived_at = ${at("2026-06-01T09:00:00+07:00").toISOString()},
            waived_by = (select id from users where username = 'coordinator'), waive_reason = 'Đã xác minh'
          where kind = 'answer' and slip_id = (select s.id from transfer_slips s join requests r on r.id = s.request_id
                                               where r.code = 'R06')`,
    );
    // R07's slip answered in June (after the end of May): answered in the open period only.
    const r07 = sql`(select s.id from transfer_slips s join requests r on r.id = s.request_id where r.code = 'R07')`;
    const june = at("2026-06-03T10:00:00+07:00");
    await execRaw(
      t.ctx.db,
      sql`update obligations set met_at = ${june.toISOString()} where kind = 'answer' and slip_id = ${r07}`,
    );
    await execRaw(
      t.ctx.db,
      sql`update transfer_slips set status = 'answered', closed_at = ${june.toISOString()} where id = ${r07}`,
    );
    // A slip built afterwards (phone answer, recorded late) and its handling time filled.
    const sent = at("2026-05-18T08:00:00+07:00");
    await build({
      code: "R20",
      channel: "zalo",
      receivedAt: at("2026-05-18T07:30:00+07:00"),
      field: "khac",
      operator: true,
      slip: { agency: "SYT", sentAt: sent, phoneAt: wh(sent, 1), recordedAt: wh(sent, 7) },
    });
    // Fourteenth session: a slip returned without an answer after its deadline (returned late).
    await build({
      code: "R21",
      channel: "phone",
      receivedAt: at("2026-05-19T07:30:00+07:00"),
      field: "khac",
      slip: {
        agency: "SXD",
        sentAt: at("2026-05-19T08:00:00+07:00"),
        returnedAt: at("2026-05-21T10:00:00+07:00"),
      },
    });
    expect(await tableRows()).toEqual(await viewRows());
    // (the fixture's other return, R09's, was in time)
    expect(await rowsOf("from=2026-05-19&to=2026-05-21")).toEqual([
      expect.objectContaining({ returned: 1, returnedLate: 1 }),
    ]);
    for (const [from, to] of periods) {
      for (const groupBy of ["agency", "none", "field", "channel", "officer"] as const) {
        await expectSameFigures(groupBy, from, to);
      }
    }
  });

  it("slip_facts_fill() rebuilds the facts of slips written with the triggers off", async () => {
    const before = await tableRows();
    await execRaw(t.ctx.db, sql`delete from slip_facts`);
    expect(await rowsOf("from=2026-05-01&to=2026-05-31")).toEqual([
      expect.objectContaining({ key: "all", forwarded: 0 }),
    ]);
    expect(await t.services.reports.fillSlipFacts()).toBe(before.length);
    expect(await tableRows()).toEqual(before);
    expect(await t.services.reports.fillSlipFacts()).toBe(0);
    await expectSameFigures("agency", "2026-05-01", "2026-05-31");
  });
});
