import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type ReportData, type ReportGroupBy, reportData } from "../../../shared/schemas/reports.js";
import { col, type Db, type Executor, select, selectOne } from "../client.js";
import { allOf, allRows, oneRow } from "../queries.js";

/**
 * Figures for reports (Art. 11, 13.3, 16). Two kinds of facts:
 * - request facts, counted by the request's receipt in the period (received, answered by the
 *   operator, refused, sent to the coordinator, published);
 * - slip facts, counted by the slip's forwarding in the period (forwarded, returned, answered,
 *   on time, late, open past due, progress updates, missed appointments, handling times), read from
 *   the slip's obligations (migration 0007): D8 = the answer obligation's due_at, D4 = the record
 *   obligation's due_at — through `slip_facts` (migration 0029), their copy one row per slip.
 * Everything is evaluated "as of" `asOf` (the end of the period, or now for an open period), so a
 * closed period's figures come out the same whenever they are computed.
 */
export type GroupBy = ReportGroupBy;

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

/**
 * How facts are grouped: first by an id (`gid`: agency id, field id, channel, operator id, or one
 * group), in the aggregate; the key and label are joined to the ≤ a few hundred groups afterwards, so
 * no text is carried, hashed or sorted per row. Ids map one to one to the codes, usernames and
 * channels that are the keys (each unique), so the groups are those of the keys themselves.
 */
export function groupOf(groupBy: GroupBy, agencyExpr: SQL): Grouping {
  switch (groupBy) {
    case "agency":
      return byRowOf(agencyExpr, sql`agencies`, sql`code`, sql`name`, sql`'Chưa chuyển cơ quan'`);
    case "field":
      return byRowOf(sql`r.field_id`, sql`fields`, sql`code`, sql`name`, sql`'Chưa xác định lĩnh vực'`);
    case "channel":
      return { gid: sql`r.channel`, join: sql``, key: sql`x.gid`, label: sql`x.gid` };
    case "officer":
      return byRowOf(sql`r.operator_id`, sql`users`, sql`username`, sql`full_name`, sql`'Không ghi cán bộ'`);
    case "none":
      return { gid: sql`0`, join: sql``, key: sql`'all'`, label: sql`'Tổng cộng'` };
  }
}

interface Grouping {
  gid: SQL;
  join: SQL;
  key: SQL;
  label: SQL;
}

/** Groups that are rows of `table` (by id): their key and label columns, `none` for facts without one. */
const byRowOf = (gid: SQL, table: SQL, key: SQL, label: SQL, none: SQL): Grouping => ({
  gid,
  join: sql`left join ${table} g on g.id = x.gid`,
  key: sql`coalesce(g.${key}, '-')`,
  label: sql`coalesce(g.${label}, ${none})`,
});

/** A row of grouped facts: the group's key and label, then its counts. */
export const factsRow = <T extends z.ZodRawShape>(counts: T) =>
  z.object({ key: z.string(), label: z.string(), ...counts });

/**
 * A fact query declared once, as its row schema, the agency its facts belong to and its statement
 * over the grouping (`groupOf`): gives `(db, groupBy, filter) => rows`.
 */
export function factQuery<S extends z.ZodType>(
  row: S,
  agencyExpr: SQL,
  statement: (g: Grouping, f: FigureFilter, groupBy: GroupBy) => SQL,
): (db: Executor, groupBy: GroupBy, f: FigureFilter) => Promise<z.infer<S>[]> {
  return (db, groupBy, f) => select(db, row, statement(groupOf(groupBy, agencyExpr), f, groupBy));
}

/** The agency a request's facts belong to: the one that answered, else the one responsible now. */
export const requestAgency = sql`coalesce(r.answering_agency_id, r.agency_id)`;

/** The request-level filters; `agencyExpr` says which agency a fact belongs to. */
export function requestWhere(f: FigureFilter, agencyExpr: SQL): SQL {
  return allOf(
    f.agencyId && sql`${agencyExpr} = ${f.agencyId}`,
    f.fieldId !== undefined && sql`r.field_id = ${f.fieldId}`,
    f.channel && sql`r.channel = ${f.channel}`,
    f.officerId && sql`r.operator_id = ${f.officerId}`,
    f.urgency && sql`r.urgency = ${f.urgency}`,
  );
}

const requestFactsRow = factsRow({
  received: col.number,
  answered_by_operator: col.number,
  suggested: col.number,
  suggested_then_operator: col.number,
  refused: col.number,
  refused_reasons: z.array(z.string()).nullable(),
  escalated: col.number,
  published: col.number,
});
export type RequestFactsRow = z.infer<typeof requestFactsRow>;

/**
 * Request facts: requests received in [from, until), grouped. The request's agency is the one that
 * answered, else the one responsible now. Refusal reasons travel as ids and become codes per group.
 */
export const requestFacts = factQuery(requestFactsRow, requestAgency, (g, f) => {
  const asOf = f.asOf.toISOString();
  return sql`select ${g.key} as key, ${g.label} as label, x.received, x.answered_by_operator, x.suggested, x.suggested_then_operator, x.refused,
          (select array_agg(rr.code) from unnest(x.reasons) u (id) join refusal_reasons rr on rr.id = u.id)
            as refused_reasons,
          x.escalated, x.published
        from (
          select ${g.gid} as gid,
            count(*) as received,
            count(*) filter (where exists (select 1 from answers an where an.request_id = r.id
                                            and an.source = 'kb' and an.created_at <= ${asOf})) as answered_by_operator,
            count(*) filter (where r.kb_suggestions > 0) as suggested,
            -- Issue 16: after the suggestions, the requester wrote again or staff acted on the request.
            count(*) filter (where r.kb_suggestions > 0 and exists (select 1 from events e where e.request_id = r.id
                               and e.at <= ${asOf} and (e.kind = 'message_received' or e.actor_id is not null))) as suggested_then_operator,
            count(*) filter (where r.refusal_reason_id is not null) as refused,
            array_agg(r.refusal_reason_id) filter (where r.refusal_reason_id is not null) as reasons,
            count(*) filter (where exists (select 1 from events e where e.request_id = r.id
                                            and e.kind = 'escalate' and e.at <= ${asOf})) as escalated,
            count(*) filter (where r.published_at <= ${asOf}) as published
          from requests r
          where r.received_at >= ${f.from.toISOString()} and r.received_at < ${f.until.toISOString()}
            and ${requestWhere(f, requestAgency)}
          group by 1
        ) x
        ${g.join}`;
});

const slipFactsRow = factsRow({
  forwarded: col.number,
  returned: col.number,
  returned_late: col.number,
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
 * The slip counts of one group, over rows `j` of its slips (id, request_id, discharged, answered,
 * phoned, a_due/a_met/a_waived of the answer obligation, r_start/r_due/r_met/r_waived of the record
 * obligation): forwarded; returned to the coordinator; returned late (fourteenth session: closed
 * without an answer — returned, merged, refused — after D8 and not waived: the lateness stays in the
 * figures instead of vanishing with the slip); answered; on time (Art. 10.3: the answer by D8 and,
 * after a phone answer, its record by D4, or waived); open past its due time at `asOf`.
 */
export const slipCounts = (asOf: SQL) => sql`count(*) as forwarded,
  count(*) filter (where j.discharged and exists (
    select 1 from events e where e.request_id = j.request_id and e.kind = 'return_to_coordinator'
      and e.data->>'slipId' = j.id::text)) as returned,
  count(*) filter (where j.discharged and j.a_waived is null and coalesce(j.a_met, j.closed_at) > j.a_due)
    as returned_late,
  count(*) filter (where j.answered) as answered,
  count(*) filter (where j.answered
    and (j.a_waived is not null or j.a_met <= j.a_due)
    and (j.r_start is null or j.r_waived is not null or j.r_met <= j.r_due)) as on_time,
  count(*) filter (where not coalesce(j.answered, false) and not j.discharged and j.a_waived is null and
    case when j.phoned then j.r_waived is null and (j.r_due < ${asOf} or j.r_start > j.a_due)
         else j.a_due < ${asOf} end) as open_overdue`;

/**
 * Slip facts: slips forwarded in [from, until), judged against their obligations as of `asOf`. The
 * slip, its answer and record obligations and its handling time are one row of `slip_facts`
 * (migration 0029, kept in step by triggers), so the period is one index range on `sent_at`,
 * aggregated in a hash table: the handling times of each group are gathered into an array and both
 * quantiles taken per group with one `percentile_cont` over that array (one sort of a group's values,
 * instead of sorting the period's every row by group as an ordered-set aggregate would).
 * Appointments (several per slip, each judged against `asOf`) are counted apart and joined per
 * group: they are few, each probes its slip's facts, and they start at a progress update, after the
 * slip's sending (migration 0007), so they are an index range on (kind, starts_at) from the period's
 * start. The caller raises work_mem so nothing spills.
 */
export const slipFacts = factQuery(slipFactsRow, sql`s.agency_id`, (g, f, groupBy) => {
  const asOf = sql`${f.asOf.toISOString()}::timestamptz`;
  const from = sql`${f.from.toISOString()}::timestamptz`;
  const until = sql`${f.until.toISOString()}::timestamptz`;
  // By agency or in total the request row is not read at all (bench/reports).
  const joinRequest = needsRequest(groupBy, f) ? sql`join requests r on r.id = s.request_id` : sql``;
  const inPeriod = sql`s.sent_at >= ${from} and s.sent_at < ${until} and ${requestWhere(f, sql`s.agency_id`)}`;
  return sql`select ${g.key} as key, ${g.label} as label, x.forwarded, x.returned, x.returned_late, x.answered, x.on_time,
          x.open_overdue, coalesce(ap.updates, 0) as progress_updates, coalesce(ap.missed, 0) as missed_appointments,
          q.quantiles[1] as median_hours, q.quantiles[2] as p90_hours
        from (
          select j.gid,
            ${slipCounts(asOf)},
            -- Handling time of the answered slips, in working hours (slip_handling, migration 0022).
            array_agg(j.hours) filter (where j.answered and j.hours is not null) as hours
          from (
            select ${g.gid} as gid, s.slip_id as id, s.request_id, s.working_hours as hours,
                   s.a_due, s.a_met, s.a_waived, s.r_start, s.r_due, s.r_met, s.r_waived, s.closed_at,
                   -- Returned (or closed by a refusal) by the end of the period: the duty was discharged.
                   (s.status = 'returned' and s.closed_at <= ${asOf}) as discharged,
                   -- The answer is complete once recorded: after a phone answer, the record obligation's met_at.
                   (s.status <> 'returned' and
                     (case when s.r_start is not null then s.r_met else s.a_met end) <= ${asOf}) as answered,
                   (s.r_start is not null and s.r_start <= ${asOf}) as phoned
            from slip_facts s
            ${joinRequest}
            where ${inPeriod}
          ) j
          group by 1
        ) x
        left join (
          select ${g.gid} as gid, count(*) as updates,
                 count(*) filter (where o.waived_at is null and o.due_at < ${asOf}
                                    and (o.met_at is null or o.met_at > o.due_at)) as missed
          from obligations o
          join slip_facts s on s.slip_id = o.slip_id
          ${joinRequest}
          where o.kind = 'appointment' and o.starts_at >= ${from} and o.starts_at <= ${asOf} and ${inPeriod}
          group by 1
        ) ap on ap.gid is not distinct from x.gid
        -- Both quantiles from one sort of the group's handling times.
        cross join lateral (select percentile_cont(array[0.5, 0.9]::float8[]) within group (order by h) as quantiles
                            from unnest(x.hours) h) q
        ${g.join}`;
});

const seriesRow = z.object({ date: z.string(), channel: z.string(), received: col.number });

/** Requests received per day (Asia/Ho_Chi_Minh) and channel. */
export const receivedSeries = allRows(
  seriesRow,
  (
    f: FigureFilter,
  ) => sql`select to_char(r.received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as date, r.channel,
               count(*) as received
        from requests r
        where r.received_at >= ${f.from.toISOString()} and r.received_at < ${f.until.toISOString()}
          and ${requestWhere(f, requestAgency)}
        group by 1, 2 order by 1, 2`,
);

const idRow = z.object({ id: z.string() });

export async function agencyIdByCode(db: Executor, code: string): Promise<string | undefined> {
  return (await selectOne(db, idRow, sql`select id from agencies where lower(code) = lower(${code})`))?.id;
}

export const agencyOf = oneRow(
  z.object({ id: z.string(), code: z.string(), name: z.string() }),
  (id: string) => sql`select id, code, name from agencies where id = ${id}`,
);

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

export const findReport = oneRow(
  storedReportRow,
  (kind: string, period: string) =>
    sql`select ${storedColumns} from reports where period_kind = ${kind} and period = ${period}`,
);

export const listReports = allRows(
  storedReportRow,
  () => sql`select ${storedColumns} from reports order by period_from desc`,
);

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
    // One round trip for both (set_config(…, true) is `set local`).
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    return fn(tx);
  });
}
