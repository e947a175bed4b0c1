import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type ReportData, reportData } from "../../../shared/schemas/reports.js";
import { col, type Db, type Executor, select, selectOne } from "../client.js";

/**
 * Figures for reports (Art. 11, 13.3, 16). Two kinds of facts:
 * - request facts, counted by the request's receipt in the period (received, answered by the
 *   operator, refused, sent to the coordinator, published);
 * - slip facts, counted by the slip's forwarding in the period (forwarded, returned, answered,
 *   on time, late, open past due, progress updates, missed appointments, handling times), read from
 *   the slip's obligations (migration 0007): D8 = the answer obligation's due_at, D4 = the record
 *   obligation's due_at.
 * Everything is evaluated "as of" `asOf` (the end of the period, or now for an open period), so a
 * closed period's figures come out the same whenever they are computed.
 */
export type GroupBy = "agency" | "field" | "channel" | "officer" | "none";

/** Filters with codes already resolved to ids by the service. */
export interface FigureFilter {
  from: Date;
  /** Exclusive end: the start of the day after `to`. */
  until: Date;
  asOf: Date;
  agencyId?: string;
  fieldId?: number;
  channel?: string;
  officerId?: string;
  urgency?: string;
}

/** The group key and label of a request (request facts) or of a slip's agency (slip facts). */
export function keyOf(groupBy: GroupBy, agencyAlias: string): { key: SQL; label: SQL } {
  const { key, label } = rawKeyOf(groupBy, agencyAlias);
  // Grouping needs equality only: byte order ("C") sorts and hashes far faster than a locale's.
  return { key: sql`(${key}) collate "C"`, label: sql`(${label}) collate "C"` };
}

function rawKeyOf(groupBy: GroupBy, agencyAlias: string): { key: SQL; label: SQL } {
  const ag = sql.raw(agencyAlias);
  switch (groupBy) {
    case "agency":
      return { key: sql`coalesce(${ag}.code, '-')`, label: sql`coalesce(${ag}.name, 'Chưa chuyển cơ quan')` };
    case "field":
      return { key: sql`coalesce(f.code, '-')`, label: sql`coalesce(f.name, 'Chưa xác định lĩnh vực')` };
    case "channel":
      return { key: sql`r.channel`, label: sql`r.channel` };
    case "officer":
      return { key: sql`coalesce(u.username, '-')`, label: sql`coalesce(u.full_name, 'Không ghi cán bộ')` };
    case "none":
      return { key: sql`'all'`, label: sql`'Tổng cộng'` };
  }
}

/** The request-level filters; `agencyExpr` says which agency a fact belongs to. */
export function requestWhere(f: FigureFilter, agencyExpr: SQL): SQL {
  const parts: SQL[] = [];
  if (f.agencyId) parts.push(sql`${agencyExpr} = ${f.agencyId}`);
  if (f.fieldId !== undefined) parts.push(sql`r.field_id = ${f.fieldId}`);
  if (f.channel) parts.push(sql`r.channel = ${f.channel}`);
  if (f.officerId) parts.push(sql`r.operator_id = ${f.officerId}`);
  if (f.urgency) parts.push(sql`r.urgency = ${f.urgency}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

const requestFactsRow = z.object({
  key: z.string(),
  label: z.string(),
  received: col.number,
  answered_by_operator: col.number,
  refused: col.number,
  refused_reasons: z.array(z.string()).nullable(),
  escalated: col.number,
  published: col.number,
});
export type RequestFactsRow = z.infer<typeof requestFactsRow>;

/** Request facts: requests received in [from, until), grouped. The request's agency is the one that answered, else the one responsible now. */
export async function requestFacts(
  db: Executor,
  groupBy: GroupBy,
  f: FigureFilter,
): Promise<RequestFactsRow[]> {
  const { key, label } = keyOf(groupBy, "ag");
  const asOf = f.asOf.toISOString();
  return select(
    db,
    requestFactsRow,
    sql`select ${key} as key, ${label} as label,
          count(*) as received,
          count(*) filter (where exists (select 1 from answers an where an.request_id = r.id
                                          and an.source = 'kb' and an.created_at <= ${asOf})) as answered_by_operator,
          count(*) filter (where r.refusal_reason_id is not null) as refused,
          array_agg(rr.code) filter (where rr.code is not null) as refused_reasons,
          count(*) filter (where exists (select 1 from events e where e.request_id = r.id
                                          and e.kind = 'escalate' and e.at <= ${asOf})) as escalated,
          count(*) filter (where r.published_at <= ${asOf}) as published
        from requests r
        left join agencies ag on ag.id = coalesce(r.answering_agency_id, r.agency_id)
        left join fields f on f.id = r.field_id
        left join users u on u.id = r.operator_id
        left join refusal_reasons rr on rr.id = r.refusal_reason_id
        where r.received_at >= ${f.from.toISOString()} and r.received_at < ${f.until.toISOString()}
          and ${requestWhere(f, sql`coalesce(r.answering_agency_id, r.agency_id)`)}
        group by 1, 2`,
  );
}

const slipFactsRow = z.object({
  key: z.string(),
  label: z.string(),
  forwarded: col.number,
  returned: col.number,
  answered: col.number,
  on_time: col.number,
  open_overdue: col.number,
  progress_updates: col.number,
  missed_appointments: col.number,
  /** Handling time of the answered slips in working hours (slip_handling, migration 0022):
   * linear-interpolated median and 90th percentile, unrounded; null when nothing was answered. */
  median_hours: col.nullableNumber,
  p90_hours: col.nullableNumber,
});
export type SlipFactsRow = z.infer<typeof slipFactsRow>;

/** Whether the request row is needed (grouping or filtering on a request's own columns). */
const needsRequest = (groupBy: GroupBy, f: FigureFilter) =>
  groupBy === "field" ||
  groupBy === "channel" ||
  groupBy === "officer" ||
  f.fieldId !== undefined ||
  f.channel !== undefined ||
  f.officerId !== undefined ||
  f.urgency !== undefined;

/**
 * Slip facts: slips forwarded in [from, until), judged against their obligations as of `asOf`, in
 * one pass: every obligation kind is read as an index range on (kind, starts_at) and hash-joined to
 * the period's slips (no probe per slip, no materialised intermediate, no sort: the caller raises
 * work_mem so the grouping is hashed in memory). The ranges rest on the contract of migration 0007:
 * an answer obligation starts at the slip's sending; record and appointment obligations start later
 * (the phone answer, the progress update), so their ranges are open-ended upwards.
 */
export async function slipFacts(db: Executor, groupBy: GroupBy, f: FigureFilter): Promise<SlipFactsRow[]> {
  const { key, label } = keyOf(groupBy, "ag");
  const asOf = sql`${f.asOf.toISOString()}::timestamptz`;
  const from = sql`${f.from.toISOString()}::timestamptz`;
  const until = sql`${f.until.toISOString()}::timestamptz`;
  // By agency or in total the request row is not read at all: the month's slips and their
  // obligations are all it takes (bench/reports).
  const joinRequest = needsRequest(groupBy, f)
    ? sql`join requests r on r.id = s.request_id
          left join fields f on f.id = r.field_id
          left join users u on u.id = r.operator_id`
    : sql``;
  return select(
    db,
    slipFactsRow,
    sql`select j.key, j.label,
          count(*) as forwarded,
          count(*) filter (where j.discharged and exists (
            select 1 from events e where e.request_id = j.request_id and e.kind = 'return_to_coordinator'
              and e.data->>'slipId' = j.id::text)) as returned,
          count(*) filter (where j.answered) as answered,
          count(*) filter (where j.answered
            and (j.a_waived is not null or j.a_met <= j.a_due)
            and (j.r_start is null or j.r_waived is not null or j.r_met <= j.r_due)) as on_time,
          count(*) filter (where not coalesce(j.answered, false) and not j.discharged and j.a_waived is null and
            case when j.phoned then j.r_waived is null and (j.r_due < ${asOf} or j.r_start > j.a_due)
                 else j.a_due < ${asOf} end) as open_overdue,
          coalesce(sum(j.updates), 0) as progress_updates,
          coalesce(sum(j.missed), 0) as missed_appointments,
          percentile_cont(0.5) within group (order by j.hours) filter (where j.answered) as median_hours,
          percentile_cont(0.9) within group (order by j.hours) filter (where j.answered) as p90_hours
        from (
          select ${key} as key, ${label} as label, s.id, s.request_id, h.working_hours as hours,
                 a.a_due, a.a_met, a.a_waived, rc.r_start, rc.r_due, rc.r_met, rc.r_waived, p.updates, p.missed,
                 -- Returned (or closed by a refusal) by the end of the period: the duty was discharged.
                 (s.status = 'returned' and s.closed_at <= ${asOf}) as discharged,
                 -- The answer is complete once recorded: after a phone answer, the record obligation's met_at.
                 (s.status <> 'returned' and
                   (case when rc.r_start is not null then rc.r_met else a.a_met end) <= ${asOf}) as answered,
                 (rc.r_start is not null and rc.r_start <= ${asOf}) as phoned
          from transfer_slips s
          ${joinRequest}
          left join agencies ag on ag.id = s.agency_id
          left join (select h.slip_id, h.working_hours from slip_handling h
                     where h.sent_at >= ${from} and h.sent_at < ${until}) h on h.slip_id = s.id
          left join (select o.slip_id, o.due_at as a_due, o.met_at as a_met, o.waived_at as a_waived
                     from obligations o
                     where o.kind = 'answer' and o.starts_at >= ${from} and o.starts_at < ${until}) a
            on a.slip_id = s.id
          left join (select o.slip_id, o.starts_at as r_start, o.due_at as r_due, o.met_at as r_met,
                            o.waived_at as r_waived
                     from obligations o
                     where o.kind = 'record' and o.starts_at >= ${from}) rc on rc.slip_id = s.id
          left join (select o.slip_id, count(*) as updates,
                            count(*) filter (where o.waived_at is null and o.due_at < ${asOf}
                                               and (o.met_at is null or o.met_at > o.due_at)) as missed
                     from obligations o
                     where o.kind = 'appointment' and o.starts_at >= ${from} and o.starts_at <= ${asOf}
                     group by o.slip_id) p on p.slip_id = s.id
          where s.sent_at >= ${from} and s.sent_at < ${until}
            and ${requestWhere(f, sql`s.agency_id`)}
        ) j
        group by 1, 2`,
  );
}

const seriesRow = z.object({ date: z.string(), channel: z.string(), received: col.number });

/** Requests received per day (Asia/Ho_Chi_Minh) and channel. */
export async function receivedSeries(db: Executor, f: FigureFilter) {
  return select(
    db,
    seriesRow,
    sql`select to_char(r.received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as date, r.channel,
               count(*) as received
        from requests r
        where r.received_at >= ${f.from.toISOString()} and r.received_at < ${f.until.toISOString()}
          and ${requestWhere(f, sql`coalesce(r.answering_agency_id, r.agency_id)`)}
        group by 1, 2 order by 1, 2`,
  );
}

const idRow = z.object({ id: z.string() });

export async function agencyIdByCode(db: Executor, code: string): Promise<string | undefined> {
  return (await selectOne(db, idRow, sql`select id from agencies where code = ${code}`))?.id;
}

export async function agencyOf(db: Executor, id: string) {
  return selectOne(
    db,
    z.object({ id: z.string(), code: z.string(), name: z.string() }),
    sql`select id, code, name from agencies where id = ${id}`,
  );
}

export async function fieldIdByCode(db: Executor, code: string): Promise<number | undefined> {
  return (await selectOne(db, z.object({ id: col.number }), sql`select id from fields where code = ${code}`))
    ?.id;
}

export async function userIdByUsername(db: Executor, username: string): Promise<string | undefined> {
  return (await selectOne(db, idRow, sql`select id from users where username = ${username}`))?.id;
}

// ---- frozen periodic reports (table `reports`, never changed once written) ----

const storedReportRow = z.object({
  period_kind: z.enum(["monthly", "quarterly", "yearly"]),
  period: z.string(),
  period_from: z.string(),
  period_to: z.string(),
  data: reportData,
  generated_at: col.timestamp,
});
export type StoredReportRow = z.infer<typeof storedReportRow>;

const storedColumns = sql`period_kind, period, to_char(period_from, 'YYYY-MM-DD') as period_from,
  to_char(period_to, 'YYYY-MM-DD') as period_to, data, generated_at`;

export async function findReport(db: Executor, kind: string, period: string) {
  return selectOne(
    db,
    storedReportRow,
    sql`select ${storedColumns} from reports where period_kind = ${kind} and period = ${period}`,
  );
}

export async function listReports(db: Executor) {
  return select(db, storedReportRow, sql`select ${storedColumns} from reports order by period_from desc`);
}

/** Stores a report once; a concurrent first request loses quietly and reads the winner's row. */
export async function insertReport(
  db: Executor,
  r: { kind: string; period: string; from: string; to: string; data: ReportData; at: Date },
): Promise<StoredReportRow> {
  await db.execute(
    sql`insert into reports (period_kind, period, period_from, period_to, data, generated_at)
        values (${r.kind}, ${r.period}, ${r.from}::date, ${r.to}::date, ${JSON.stringify(r.data)}::jsonb, ${r.at.toISOString()})
        on conflict (period_kind, period) do nothing`,
  );
  const row = await findReport(db, r.kind, r.period);
  if (!row) throw new Error("report insert returned nothing");
  return row;
}

/**
 * Runs figure queries without PostgreSQL's JIT compiler, inside one transaction (`set local`):
 * their cost estimates cross jit_above_cost on a year of data, and compiling took longer (≈3 s in
 * bench/reports) than running them.
 */
export async function withoutJit<T>(db: Db, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // work_mem: a month's grouping (≈70,000 slips with their arrays) hashes in memory instead of
    // sorting on disk (EXPLAIN in docs/reports.md).
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return fn(tx);
  });
}
