import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { execRawOne } from "../server/db/client.js";
import { createWorkingCalendar, defaultCalendarConfig } from "../server/domain/calendar/index.js";
import type { SummaryRow } from "../shared/schemas/reports.js";
import { createTestApp, type TestApp } from "./harness.js";
import { type StaffSession, signIn } from "./staff.js";

/**
 * The reports tests' data (issue 11): hand-built requests whose figures are known. Rows are written
 * directly with SQL following the meaning of each obligation kind in migration 0007 (the lifecycle
 * that creates them is tested elsewhere); due times come from the real calendar, and the answered
 * slips' handling times are filled by the report service's start-up backfill (migration 0022). Each test file
 * builds its own app with `reportsFixture()`, so the files run in any order.
 */
const cal = createWorkingCalendar(defaultCalendarConfig);
export const at = (iso: string) => new Date(iso);
export const wh = (from: Date, hours: number) => cal.addWorkingHours(from, hours);

export interface SlipSpec {
  agency: "SYT" | "SXD" | "SNV";
  sentAt: Date;
  /** Stated phone-answer time (a record obligation starts there). */
  phoneAt?: Date;
  /** The recorded answer. */
  recordedAt?: Date;
  returnedAt?: Date;
  /** A progress update with its appointment (progress obligation met, appointment obligation). */
  progress?: { at: Date; appointment: Date };
}

export interface RequestSpec {
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

// The hand-built months (April–May 2026). Apr 30 and May 1 are public holidays, May 2–3 a weekend.
export const S1sent = at("2026-04-29T14:00:00+07:00"); // Wednesday before the holidays
export const S2sent = at("2026-04-24T14:00:00+07:00"); // Friday before a weekend
const S3sent = at("2026-05-04T08:00:00+07:00");
const S6sent = at("2026-05-20T08:00:00+07:00");
const S13sent = at("2026-04-01T08:00:00+07:00");

export const specs: RequestSpec[] = [
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

/** Imported late into May, after its report was frozen (the periodic and extraction tests). */
export const lateMayRequest: RequestSpec = {
  code: "R99",
  channel: "portal",
  receivedAt: at("2026-05-20T09:00:00+07:00"),
  field: "khac",
  slip: {
    agency: "SYT",
    sentAt: at("2026-05-20T10:00:00+07:00"),
    recordedAt: at("2026-05-20T11:00:00+07:00"),
  },
};

/**
 * A portal request the operator forwarded to the Department of Health on 12 May 2026, answered within
 * 3 working hours: an on-time answer of May, the last closed month on the fixture's clock (the public
 * figures' tests, in the API and in the browser).
 */
export function answeredInMay(code: string): RequestSpec {
  const sentAt = at("2026-05-12T08:00:00+07:00");
  return {
    code,
    channel: "portal",
    receivedAt: at("2026-05-12T07:30:00+07:00"),
    field: "an-sinh-xa-hoi",
    operator: true,
    slip: { agency: "SYT", sentAt, recordedAt: wh(sentAt, 3) },
  };
}

export const byKey = (rows: SummaryRow[], key: string) => rows.find((r) => r.key === key) as SummaryRow;

/** The app on June 15, 2026 with the fixture built, and the coordinator's and an SYT leader's sessions. */
export async function reportsFixture() {
  const t: TestApp = await createTestApp({ seed: "staff", now: at("2026-06-15T09:00:00+07:00") });
  let ids: {
    agencies: Record<string, string>;
    fields: Record<string, number>;
    operator: string;
    requester: string;
  };

  async function one<T>(q: ReturnType<typeof sql>): Promise<T> {
    return (await execRawOne<T>(t.ctx.db, q)) as T;
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
    // Written around the lifecycle, so the handling times are filled as the server does at start.
    await t.services.reports.fillHandlingTimes();
    return requestId;
  }

  const agencies = { SYT: "", SXD: "", SNV: "" } as Record<string, string>;
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
  const coordinator = await signIn(t.app, "coordinator");
  const leader = await signIn(t.app, "leader");

  /** Every reports route is a GET: `get(coordinator, "/api/v1/reports/…")`. */
  const get = (who: StaffSession, url: string) => who.inject({ method: "GET", url });
  const summary = (who: StaffSession, query: string) => get(who, `/api/v1/reports/summary?${query}`);
  const rowsOf = async (query: string) => {
    const res = await summary(coordinator, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ rows: SummaryRow[] }>().rows;
  };
  return { t, one, build, get, coordinator, leader, summary, rowsOf };
}
