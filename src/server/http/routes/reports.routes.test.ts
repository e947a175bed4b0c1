import { mkdirSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import * as mupdf from "mupdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SummaryRow } from "../../../shared/schemas/reports.js";
import { vnDateOf } from "../../../shared/time.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { type StaffSession, signIn } from "../../../test/staff.js";
import { createWorkingCalendar, defaultCalendarConfig } from "../../domain/calendar/index.js";

/**
 * Figures, periodic reports and extraction (issue 11) on hand-built data whose answers are known.
 * Rows are written directly with SQL following the meaning of each obligation kind in migration
 * 0007 (the lifecycle that creates them is another slice); due times come from the real calendar.
 */
const cal = createWorkingCalendar(defaultCalendarConfig);
const at = (iso: string) => new Date(iso);
const wh = (from: Date, hours: number) => cal.addWorkingHours(from, hours);

interface SlipSpec {
  agency: "SYT" | "SXD";
  sentAt: Date;
  /** Stated phone-answer time (a record obligation starts there). */
  phoneAt?: Date;
  /** The recorded answer. */
  recordedAt?: Date;
  returnedAt?: Date;
  /** A progress update with its appointment (progress obligation met, appointment obligation). */
  progress?: { at: Date; appointment: Date };
}

interface RequestSpec {
  code: string;
  channel: string;
  receivedAt: Date;
  field: string;
  operator?: boolean;
  slip?: SlipSpec;
  kbAnswerAt?: Date;
  refused?: string;
  escalatedAt?: Date;
  publishedAt?: Date;
  content?: string;
}

let t: TestApp;
let ids: {
  agencies: Record<string, string>;
  fields: Record<string, number>;
  operator: string;
  requester: string;
};

async function one<T>(q: ReturnType<typeof sql>): Promise<T> {
  const r = (await t.ctx.db.execute(q)) as unknown as { rows: T[] };
  return r.rows[0] as T;
}

async function insertObligation(o: {
  requestId: string;
  slipId: string | null;
  agencyId: string | null;
  kind: string;
  startsAt: Date;
  limit: number | null;
  dueAt: Date;
  metAt?: Date | null;
  parentId?: string | null;
}): Promise<string> {
  const row = await one<{ id: string }>(sql`
    insert into obligations (request_id, slip_id, agency_id, kind, starts_at, limit_hours, due_at, met_at, parent_id)
    values (${o.requestId}, ${o.slipId}, ${o.agencyId}, ${o.kind}, ${o.startsAt.toISOString()}, ${o.limit},
            ${o.dueAt.toISOString()}, ${o.metAt?.toISOString() ?? null}, ${o.parentId ?? null})
    returning id`);
  return row.id;
}

/** One request with its slip, answers and obligations, as the lifecycle would leave them. */
async function build(spec: RequestSpec): Promise<string> {
  const s = spec.slip;
  const answered = s?.recordedAt;
  const agencyId = s ? (ids.agencies[s.agency] as string) : null;
  const status = spec.refused
    ? "refused"
    : spec.kbAnswerAt
      ? "answered"
      : s?.returnedAt
        ? "with_coordinator"
        : answered
          ? spec.publishedAt
            ? "published"
            : "answered"
          : s?.phoneAt
            ? "phone_answered"
            : s
              ? "forwarded"
              : spec.escalatedAt
                ? "with_coordinator"
                : "received";
  const req = await one<{ id: string }>(sql`
    insert into requests (code, channel, received_at, requester_id, content, field_id, status, operator_id,
                          agency_id, answering_agency_id, refusal_reason_id, published_at, recording_url)
    values (${spec.code}, ${spec.channel}, ${spec.receivedAt.toISOString()}, ${ids.requester},
            ${spec.content ?? `Nội dung yêu cầu ${spec.code}: hỏi về thủ tục cấp phép`},
            ${ids.fields[spec.field] ?? null}, ${status}, ${spec.operator ? ids.operator : null},
            ${s?.returnedAt ? null : agencyId}, ${answered ? agencyId : null},
            ${spec.refused ? sql`(select id from refusal_reasons where code = ${spec.refused})` : null},
            ${spec.publishedAt?.toISOString() ?? null},
            ${spec.channel === "phone" ? `https://pbx.example.vn/rec/${spec.code}.mp3` : null})
    returning id`);
  const requestId = req.id;
  if (spec.kbAnswerAt) {
    await t.ctx.db.execute(sql`insert into answers (request_id, source, body, created_at)
      values (${requestId}, 'kb', 'Trả lời từ cơ sở dữ liệu hỏi đáp', ${spec.kbAnswerAt.toISOString()})`);
  }
  if (spec.escalatedAt) {
    await t.ctx.db.execute(sql`insert into events (at, entity, entity_id, request_id, kind)
      values (${spec.escalatedAt.toISOString()}, 'request', ${requestId}, ${requestId}, 'escalate')`);
  }
  if (!s) return requestId;
  const d8 = wh(s.sentAt, 8);
  const slipStatus = s.returnedAt
    ? "returned"
    : answered
      ? "answered"
      : s.phoneAt
        ? "phone_answered"
        : "open";
  const closedAt = s.returnedAt ?? answered ?? null;
  const slip = await one<{ id: string }>(sql`
    insert into transfer_slips (request_id, agency_id, sent_at, status, due_at, phone_answered_at, closed_at)
    values (${requestId}, ${agencyId}, ${s.sentAt.toISOString()}, ${slipStatus}, ${d8.toISOString()},
            ${s.phoneAt?.toISOString() ?? null}, ${closedAt?.toISOString() ?? null})
    returning id`);
  // answer: met at the first answer (phone or recorded), or at the return.
  const firstAnswer = s.phoneAt ?? answered ?? s.returnedAt ?? null;
  const answerId = await insertObligation({
    requestId,
    slipId: slip.id,
    agencyId,
    kind: "answer",
    startsAt: s.sentAt,
    limit: 8,
    dueAt: d8,
    metAt: firstAnswer,
  });
  if (s.phoneAt) {
    await insertObligation({
      requestId,
      slipId: slip.id,
      agencyId,
      kind: "record",
      startsAt: s.phoneAt,
      limit: 4,
      dueAt: wh(s.phoneAt, 4),
      metAt: answered ?? null,
    });
  }
  if (answered) {
    await t.ctx.db.execute(sql`insert into answers (request_id, slip_id, agency_id, source, given_by_phone, body, created_at)
      values (${requestId}, ${slip.id}, ${agencyId}, 'agency', ${Boolean(s.phoneAt)}, 'Cơ quan trả lời', ${answered.toISOString()})`);
  }
  if (s.progress) {
    const progressId = await insertObligation({
      requestId,
      slipId: slip.id,
      agencyId,
      kind: "progress",
      startsAt: d8,
      limit: 4,
      dueAt: wh(d8, 4),
      metAt: s.progress.at,
      parentId: answerId,
    });
    await t.ctx.db.execute(sql`insert into progress_updates (request_id, slip_id, note, appointment_at, created_at)
      values (${requestId}, ${slip.id}, 'Đang xác minh', ${s.progress.appointment.toISOString()}, ${s.progress.at.toISOString()})`);
    await insertObligation({
      requestId,
      slipId: slip.id,
      agencyId,
      kind: "appointment",
      startsAt: s.progress.at,
      limit: null,
      dueAt: s.progress.appointment,
      metAt: answered ?? null,
      parentId: progressId,
    });
  }
  if (s.returnedAt) {
    await t.ctx.db.execute(sql`insert into events (at, entity, entity_id, request_id, kind, data)
      values (${s.returnedAt.toISOString()}, 'request', ${requestId}, ${requestId}, 'return_to_coordinator',
              ${JSON.stringify({ slipId: slip.id })}::jsonb)`);
  }
  return requestId;
}

// The hand-built months (April–May 2026). Apr 30 and May 1 are public holidays, May 2–3 a weekend.
const S1sent = at("2026-04-29T14:00:00+07:00"); // Wednesday before the holidays
const S2sent = at("2026-04-24T14:00:00+07:00"); // Friday before a weekend
const S3sent = at("2026-05-04T08:00:00+07:00");
const S6sent = at("2026-05-20T08:00:00+07:00");
const S13sent = at("2026-04-01T08:00:00+07:00");

const specs: RequestSpec[] = [
  // on time across the holidays: answered 6 working hours after forwarding, on Monday May 4
  {
    code: "R01",
    channel: "phone",
    receivedAt: at("2026-04-29T13:00:00+07:00"),
    field: "an-sinh-xa-hoi",
    operator: true,
    slip: { agency: "SYT", sentAt: S1sent, recordedAt: wh(S1sent, 6) },
    publishedAt: at("2026-05-06T09:00:00+07:00"),
  },
  // late across a weekend: answered after 10 working hours
  {
    code: "R02",
    channel: "portal",
    receivedAt: at("2026-04-24T10:00:00+07:00"),
    field: "an-sinh-xa-hoi",
    operator: true,
    slip: { agency: "SYT", sentAt: S2sent, recordedAt: wh(S2sent, 10) },
  },
  // phone answer within 8 h, recorded within 4 h → on time
  {
    code: "R03",
    channel: "phone",
    receivedAt: at("2026-05-04T07:45:00+07:00"),
    field: "an-sinh-xa-hoi",
    operator: true,
    slip: { agency: "SYT", sentAt: S3sent, phoneAt: wh(S3sent, 2), recordedAt: wh(wh(S3sent, 2), 1) },
  },
  // phone answer after the 8 hours, recorded promptly → stays late
  {
    code: "R04",
    channel: "email",
    receivedAt: at("2026-05-04T07:00:00+07:00"),
    field: "an-sinh-xa-hoi",
    operator: true,
    slip: { agency: "SXD", sentAt: S3sent, phoneAt: wh(S3sent, 9), recordedAt: wh(wh(S3sent, 9), 1) },
  },
  // phone answer in time but recorded after the 4 hours → late
  {
    code: "R05",
    channel: "zalo",
    receivedAt: at("2026-05-04T07:00:00+07:00"),
    field: "an-sinh-xa-hoi",
    operator: true,
    slip: { agency: "SXD", sentAt: S3sent, phoneAt: wh(S3sent, 3), recordedAt: wh(wh(S3sent, 3), 5) },
  },
  // never answered, a progress update whose appointment passed: open past due, missed appointment
  {
    code: "R06",
    channel: "facebook",
    receivedAt: at("2026-05-19T16:00:00+07:00"),
    field: "an-sinh-xa-hoi",
    operator: true,
    slip: { agency: "SXD", sentAt: S6sent, progress: { at: wh(S6sent, 9), appointment: wh(S6sent, 16) } },
  },
  // forwarded on the last Friday afternoon: open but not yet due at the end of May
  {
    code: "R07",
    channel: "portal",
    receivedAt: at("2026-05-29T15:00:00+07:00"),
    field: "khac",
    slip: { agency: "SYT", sentAt: at("2026-05-29T16:00:00+07:00") },
  },
  // phone answer, never recorded, 4 hours passed → open past due
  {
    code: "R08",
    channel: "phone",
    receivedAt: at("2026-05-11T08:00:00+07:00"),
    field: "khac",
    slip: {
      agency: "SYT",
      sentAt: at("2026-05-11T08:30:00+07:00"),
      phoneAt: at("2026-05-11T10:00:00+07:00"),
    },
  },
  // returned to the coordinator (not competent)
  {
    code: "R09",
    channel: "portal",
    receivedAt: at("2026-05-12T08:00:00+07:00"),
    field: "khac",
    slip: {
      agency: "SXD",
      sentAt: at("2026-05-12T09:00:00+07:00"),
      returnedAt: at("2026-05-12T10:00:00+07:00"),
    },
  },
  {
    code: "R10",
    channel: "portal",
    receivedAt: at("2026-05-13T08:00:00+07:00"),
    field: "khac",
    kbAnswerAt: at("2026-05-13T08:10:00+07:00"),
  },
  {
    code: "R11",
    channel: "phone",
    receivedAt: at("2026-05-14T08:00:00+07:00"),
    field: "khac",
    refused: "quay-roi",
  },
  {
    code: "R12",
    channel: "email",
    receivedAt: at("2026-05-15T08:00:00+07:00"),
    field: "khac",
    escalatedAt: at("2026-05-15T08:30:00+07:00"),
  },
  // received in March, forwarded in April: counts as forwarded in April, not as received
  {
    code: "R13",
    channel: "portal",
    receivedAt: at("2026-03-31T16:00:00+07:00"),
    field: "khac",
    slip: { agency: "SXD", sentAt: S13sent, recordedAt: wh(S13sent, 2) },
    content: '=HYPERLINK("http://evil.example","bấm vào")',
  },
];

let coordinator: StaffSession;
let leader: StaffSession;

beforeAll(async () => {
  t = await createTestApp({ seed: "staff", now: at("2026-06-15T09:00:00+07:00") });
  const agencies = { SYT: "", SXD: "" } as Record<string, string>;
  for (const code of Object.keys(agencies)) {
    agencies[code] = (await one<{ id: string }>(sql`select id from agencies where code = ${code}`)).id;
  }
  const fields: Record<string, number> = {};
  for (const code of ["an-sinh-xa-hoi", "khac"]) {
    fields[code] = (await one<{ id: number }>(sql`select id from fields where code = ${code}`)).id;
  }
  const operator = (await one<{ id: string }>(sql`select id from users where username = 'operator'`)).id;
  const requester = (
    await one<{ id: string }>(
      sql`insert into requesters (full_name, phone) values ('Nguyễn Văn Dân', '+84912345678') returning id`,
    )
  ).id;
  ids = { agencies, fields, operator, requester };
  for (const spec of specs) await build(spec);
  coordinator = await signIn(t.app, "coordinator");
  leader = await signIn(t.app, "leader");
}, 60_000);
afterAll(() => t.close());

const summary = async (who: StaffSession, query: string) => {
  const res = await who.inject({ method: "GET", url: `/api/v1/reports/summary?${query}` });
  return res;
};
const rowsOf = async (query: string) => {
  const res = await summary(coordinator, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ rows: SummaryRow[] }>().rows;
};
const byKey = (rows: SummaryRow[], key: string) => rows.find((r) => r.key === key) as SummaryRow;

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
      forwarded: 10,
      refused: 1,
      refusedByReason: { "quay-roi": 1 },
      escalated: 1,
      returned: 1,
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
    });
  });

  it("a slip counts in the period of its forwarding; answers after the period are not yet answers", async () => {
    const april = byKey(await rowsOf("from=2026-04-01&to=2026-04-30"), "all");
    // April: R13 forwarded Apr 1 (received in March), R02 and R01 forwarded in April.
    expect(april).toMatchObject({
      received: 2,
      forwarded: 3,
      answered: 2,
      onTime: 1,
      late: 1,
      openOverdue: 0,
    });
    const may = byKey(await rowsOf("from=2026-05-01&to=2026-05-31"), "all");
    expect(may).toMatchObject({
      received: 10,
      forwarded: 7,
      answered: 3,
      onTime: 1,
      late: 2,
      openOverdue: 2,
    });
  });

  it("groupBy agency, field, channel, officer", async () => {
    const agency = await rowsOf("from=2026-04-01&to=2026-05-31&groupBy=agency");
    expect(byKey(agency, "SYT")).toMatchObject({
      forwarded: 5,
      answered: 3,
      onTime: 2,
      late: 1,
      openOverdue: 1,
      received: 5,
      published: 1,
    });
    expect(byKey(agency, "SXD")).toMatchObject({
      forwarded: 5,
      answered: 3,
      onTime: 1,
      late: 2,
      openOverdue: 1,
      returned: 1,
      received: 3,
      progressUpdates: 1,
      missedAppointments: 1,
    });
    expect(byKey(agency, "-")).toMatchObject({
      received: 4,
      answeredByOperator: 1,
      refused: 1,
      escalated: 1,
      forwarded: 0,
    });

    const field = await rowsOf("from=2026-04-01&to=2026-05-31&groupBy=field");
    expect(byKey(field, "an-sinh-xa-hoi")).toMatchObject({
      received: 6,
      forwarded: 6,
      answered: 5,
      onTime: 2,
      late: 3,
    });
    expect(byKey(field, "khac")).toMatchObject({ received: 6, forwarded: 4, answered: 1, onTime: 1 });

    const channel = await rowsOf("from=2026-04-01&to=2026-05-31&groupBy=channel");
    expect(byKey(channel, "phone")).toMatchObject({
      label: "Điện thoại 1022",
      received: 4,
      forwarded: 3,
      onTime: 2,
    });
    expect(byKey(channel, "portal")).toMatchObject({ received: 4, forwarded: 4, answeredByOperator: 1 });

    const officer = await rowsOf("from=2026-04-01&to=2026-05-31&groupBy=officer");
    expect(byKey(officer, "operator")).toMatchObject({ received: 6, forwarded: 6, late: 3 });
    expect(byKey(officer, "-")).toMatchObject({ received: 6, forwarded: 4 });

    // Every grouping adds up to the totals.
    for (const rows of [agency, field, channel, officer]) {
      const sum = (k: keyof SummaryRow) => rows.reduce((n, r) => n + (r[k] as number), 0);
      expect([sum("received"), sum("forwarded"), sum("onTime"), sum("late"), sum("openOverdue")]).toEqual([
        12, 10, 3, 3, 2,
      ]);
    }
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
    const series = await leader.inject({
      method: "GET",
      url: "/api/v1/reports/series?from=2026-04-01&to=2026-05-31",
    });
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

describe("series and periodic list", () => {
  it("received per day and channel", async () => {
    const res = await coordinator.inject({
      method: "GET",
      url: "/api/v1/reports/series?from=2026-05-04&to=2026-05-04",
    });
    expect(res.json()).toEqual({
      rows: [
        { date: "2026-05-04", channel: "email", received: 1 },
        { date: "2026-05-04", channel: "phone", received: 1 },
        { date: "2026-05-04", channel: "zalo", received: 1 },
      ],
    });
  });

  it("lists recent periods, closed ones frozen", async () => {
    const res = await coordinator.inject({ method: "GET", url: "/api/v1/reports/periodic" });
    const list = res.json<{ reports: { kind: string; period: string; frozen: boolean }[] }>().reports;
    expect(list).toContainEqual(
      expect.objectContaining({ kind: "monthly", period: "2026-05", frozen: true }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ kind: "monthly", period: "2026-06", frozen: false }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ kind: "quarterly", period: "2026-Q2", frozen: false }),
    );
    expect(list).toContainEqual(expect.objectContaining({ kind: "yearly", period: "2025", frozen: true }));
  });
});

async function xlsxTotals(body: Buffer): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet("Tổng hợp");
  const out: Record<string, unknown> = {};
  sheet?.eachRow((row) => {
    const [, k, v] = row.values as unknown[];
    if (typeof k === "string" && v !== undefined) out[k] = v;
  });
  return out;
}

describe("periodic reports", () => {
  it("a closed month is frozen: later edits to its data do not change it", async () => {
    const first = await coordinator.inject({ method: "GET", url: "/api/v1/reports/monthly/2026-05.xlsx" });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers["x-report-frozen"]).toBe("true");
    const before = await xlsxTotals(first.rawPayload);
    expect(before["Yêu cầu tiếp nhận"]).toBe(10);
    expect(before["Trả lời đúng hạn"]).toBe(1);

    // Later: a late-imported request of May, and an answer recorded for the open slip R07.
    await build({
      code: "R99",
      channel: "portal",
      receivedAt: at("2026-05-20T09:00:00+07:00"),
      field: "khac",
      slip: {
        agency: "SYT",
        sentAt: at("2026-05-20T10:00:00+07:00"),
        recordedAt: at("2026-05-20T11:00:00+07:00"),
      },
    });
    const live = byKey(await rowsOf("from=2026-05-01&to=2026-05-31"), "all");
    expect(live.received).toBe(11);
    expect(live.onTime).toBe(2);

    const again = await coordinator.inject({ method: "GET", url: "/api/v1/reports/monthly/2026-05.xlsx" });
    const after = await xlsxTotals(again.rawPayload);
    expect(after).toEqual(before);
    // The stored row cannot be changed either (trigger).
    await expect(t.ctx.db.execute(sql`update reports set data = '{}'::jsonb`)).rejects.toThrow();
  });

  it("an open period is computed live and not stored", async () => {
    const res = await coordinator.inject({ method: "GET", url: "/api/v1/reports/quarterly/2026-Q2.xlsx" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-report-frozen"]).toBe("false");
    const stored = await one<{ n: number }>(
      sql`select count(*)::int as n from reports where period = '2026-Q2'`,
    );
    expect(stored.n).toBe(0);
  });

  it.each([
    "/api/v1/reports/monthly/2026-13.pdf",
    "/api/v1/reports/monthly/2026-3.pdf",
    "/api/v1/reports/quarterly/2026-Q5.xlsx",
    "/api/v1/reports/yearly/26.xlsx",
    "/api/v1/reports/yearly/2026.doc",
    "/api/v1/reports/weekly/2026-W01.pdf",
  ])("bad period %s → 400", async (url) => {
    const res = await coordinator.inject({ method: "GET", url });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION");
  });

  it("a leader's download holds their agency only", async () => {
    const res = await leader.inject({ method: "GET", url: "/api/v1/reports/monthly/2026-05.xlsx" });
    expect(res.statusCode).toBe(200);
    const totals = await xlsxTotals(res.rawPayload);
    expect(totals["Chuyển cơ quan (phiếu chuyển)"]).toBe(3); // SYT's May slips R03, R07, R08 (frozen before R99)
  });

  it("the PDF follows Decree 30 and keeps Vietnamese text intact (pages rendered to PNG)", async () => {
    mkdirSync("test-results/reports", { recursive: true });
    for (const url of ["/api/v1/reports/monthly/2026-05.pdf", "/api/v1/reports/yearly/2026.pdf"]) {
      const res = await coordinator.inject({ method: "GET", url });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      const doc = mupdf.Document.openDocument(res.rawPayload, "application/pdf");
      let text = "";
      const name = url.split("/").slice(-2).join("-").replace(".pdf", "");
      for (let i = 0; i < doc.countPages(); i++) {
        const page = doc.loadPage(i);
        const png = page
          .toPixmap(mupdf.Matrix.scale(1.5, 1.5), mupdf.ColorSpace.DeviceRGB, false, true)
          .asPNG();
        writeFileSync(`test-results/reports/${name}-p${i + 1}.png`, png);
        text += page.toStructuredText("preserve-whitespace").asText();
      }
      const flat = text.replace(/\s+/g, " ");
      expect(flat).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(flat).toContain("Độc lập - Tự do - Hạnh phúc");
      expect(flat).toContain("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH THANH HÓA");
      expect(flat).toContain("BÁO CÁO");
      expect(flat).toContain("Nơi nhận:");
      expect(flat).toContain("Thanh Hóa, ngày");
      expect(flat).toContain("Tình hình tiếp nhận, xử lý và trả lời yêu cầu");
      expect(flat).toMatch(/Sở Y tế/);
    }
  });
});

describe("extraction", () => {
  it("CSV: every request of the period, formula injection neutralised, audited", async () => {
    const res = await coordinator.inject({
      method: "GET",
      url: "/api/v1/reports/extract.csv?from=2026-03-01&to=2026-05-31",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(1 + specs.length + 1); // header, the fixture, R99
    expect(lines[0]).toContain("Ghi âm cuộc gọi");
    const r13 = lines.find((l) => l.startsWith("R13,")) as string;
    expect(r13).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm vào"")"`);
    const r01 = lines.find((l) => l.startsWith("R01,")) as string;
    expect(r01).toContain("https://pbx.example.vn/rec/R01.mp3");
    expect(r01).toContain("2026-05-04"); // the answer obligation met on May 4
    const audit = await one<{ n: number; data: { rows: number; filters: { from: string } } }>(sql`
      select count(*) over () as n, data from events where kind = 'report_extracted' order by id desc limit 1`);
    expect(audit.data.rows).toBe(specs.length + 1);
    expect(audit.data.filters.from).toBe("2026-03-01");
  });

  it("XLSX streams the same rows; a leader gets their agency only", async () => {
    const res = await leader.inject({
      method: "GET",
      url: "/api/v1/reports/extract.xlsx?from=2026-03-01&to=2026-05-31",
    });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    wb.worksheets[0]?.eachRow((row, n) => {
      if (n > 1) codes.push(String((row.values as unknown[])[1]));
    });
    expect(codes.sort()).toEqual(["R01", "R02", "R03", "R07", "R08", "R99"]);
    const other = await leader.inject({
      method: "GET",
      url: "/api/v1/reports/extract.csv?from=2026-03-01&to=2026-05-31&agency=SXD",
    });
    expect(other.statusCode).toBe(403);
  });
});
