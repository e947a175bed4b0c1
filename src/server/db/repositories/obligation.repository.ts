import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import {
  type ObligationKind,
  type ObligationState,
  obligationKinds,
} from "../../../shared/schemas/reports.js";
import { col, type Executor, select, selectOne } from "../client.js";
import { allOf, allRows, oneRow, rowsOfKeys } from "../queries.js";

/**
 * Obligations (migration 0007): one row per legal duty, inserted by the lifecycle and afterwards
 * only met or waived (a trigger refuses any other change). All SQL about obligations, lateness and
 * reminders lives here.
 */
export const obligationRow = z.object({
  id: z.string(),
  request_id: z.string(),
  request_code: z.string(),
  request_status: z.string(),
  request_urgency: z.enum(["normal", "urgent"]),
  slip_id: z.string().nullable(),
  agency_id: z.string().nullable(),
  agency_name: z.string().nullable(),
  kind: z.enum(obligationKinds),
  starts_at: col.timestamp,
  limit_hours: col.nullableNumber,
  due_at: col.timestamp,
  parent_id: z.string().nullable(),
  met_at: col.nullableTimestamp,
  met_by: z.string().nullable(),
  waived_at: col.nullableTimestamp,
  waived_by: z.string().nullable(),
  waive_reason: z.string().nullable(),
  created_at: col.timestamp,
});
export type ObligationRow = z.infer<typeof obligationRow>;

const selectObligation = sql`
  select o.id, o.request_id, r.code as request_code, r.status as request_status, r.urgency as request_urgency, o.slip_id, o.agency_id, a.name as agency_name, o.kind,
         o.starts_at, o.limit_hours, o.due_at, o.parent_id, o.met_at, o.met_by, o.waived_at, o.waived_by,
         o.waive_reason, o.created_at
  from obligations o
  join requests r on r.id = o.request_id
  left join agencies a on a.id = o.agency_id`;

const iso = (d: Date) => d.toISOString();

export interface NewObligation {
  requestId: string;
  slipId: string | null;
  agencyId: string | null;
  kind: ObligationKind;
  startsAt: Date;
  limitHours: number | null;
  dueAt: Date;
  parentId?: string | null;
  /** Set when the duty is already discharged as it is recorded (history import, a late answer). */
  metAt?: Date | null;
  metBy?: string | null;
  createdAt: Date;
}

/**
 * Inserts an obligation; a second answer/record/progress obligation of a slip, or a second *open*
 * publish obligation of a request, is not inserted (unique indexes) and the existing id is returned.
 * A request answered again after "not resolved" gets a new publish obligation (migration 0032).
 */
export async function insertObligation(tx: Executor, o: NewObligation): Promise<string> {
  const inserted = await selectOne(
    tx,
    z.object({ id: z.string() }),
    sql`insert into obligations (request_id, slip_id, agency_id, kind, starts_at, limit_hours, due_at, parent_id,
                                 met_at, met_by, created_at)
        values (${o.requestId}, ${o.slipId}, ${o.agencyId}, ${o.kind}, ${iso(o.startsAt)}, ${o.limitHours},
                ${iso(o.dueAt)}, ${o.parentId ?? null}, ${o.metAt ? iso(o.metAt) : null}, ${o.metBy ?? null},
                ${iso(o.createdAt)})
        on conflict do nothing returning id`,
  );
  if (inserted) return inserted.id;
  const existing = await selectOne(
    tx,
    z.object({ id: z.string() }),
    o.kind === "publish"
      ? sql`select id from obligations where request_id = ${o.requestId} and kind = 'publish'
              and met_at is null and waived_at is null`
      : sql`select id from obligations where slip_id = ${o.slipId} and kind = ${o.kind}`,
  );
  if (!existing) throw new Error("obligation insert returned nothing");
  return existing.id;
}

/** Marks an open obligation met; does nothing to one already met or waived. True when it was marked. */
export async function meetObligation(
  tx: Executor,
  id: string,
  at: Date,
  by: string | null,
): Promise<boolean> {
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update obligations set met_at = ${iso(at)}, met_by = ${by}
        where id = ${id} and met_at is null and waived_at is null returning id`,
  );
  return rows.length > 0;
}

export async function waiveObligation(
  tx: Executor,
  id: string,
  w: { at: Date; by: string; reason: string },
): Promise<boolean> {
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update obligations set waived_at = ${iso(w.at)}, waived_by = ${w.by}, waive_reason = ${w.reason}
        where id = ${id} and met_at is null and waived_at is null returning id`,
  );
  return rows.length > 0;
}

export const findObligation = oneRow(
  obligationRow,
  (id: string) => sql`${selectObligation} where o.id = ${id}`,
);

export const lockObligation = oneRow(
  obligationRow,
  (id: string) => sql`${selectObligation} where o.id = ${id} for update of o`,
);

export const listRequestObligations = allRows(
  obligationRow,
  (requestId: string) => sql`${selectObligation} where o.request_id = ${requestId}
        order by o.created_at, array_position(array['answer', 'progress', 'appointment', 'record', 'publish'], o.kind),
                 o.due_at, o.id`,
);

/** Open obligations of several requests at once (the request list's due state). */
export const listOpenObligationsOf = rowsOfKeys(
  obligationRow,
  (requestIds: readonly string[]) => sql`${selectObligation}
        where o.request_id in (${sql.join(
          requestIds.map((id) => sql`${id}`),
          sql`, `,
        )}) and o.met_at is null and o.waived_at is null
        order by o.due_at`,
);

/** The one obligation of a kind on a slip (answer, record, progress), if any. */
export const findSlipObligation = oneRow(
  obligationRow,
  (slipId: string, kind: "answer" | "record" | "progress") =>
    sql`${selectObligation} where o.slip_id = ${slipId} and o.kind = ${kind}`,
);

export const listOpenSlipObligations = allRows(
  obligationRow,
  (
    slipId: string,
  ) => sql`${selectObligation} where o.slip_id = ${slipId} and o.met_at is null and o.waived_at is null
        order by o.due_at`,
);

/** The request's open publish obligation (at most one, migration 0032), if any. */
export const findOpenPublishObligation = oneRow(
  obligationRow,
  (requestId: string) =>
    sql`${selectObligation} where o.request_id = ${requestId} and o.kind = 'publish' and ${open("o")}`,
);

// ---------------------------------------------------------------------------------------------
// Lateness in SQL: the mirror of domain/obligations.ts (obligationState, dueStateOf). `until` is
// dueSoonUntil(now) computed in working time by the caller.

const open = (o: string) => sql.raw(`${o}.met_at is null and ${o}.waived_at is null`);

/** SQL for "this obligation (alias `o`) is in `state` at `now`". */
export function obligationStateIs(state: ObligationState, now: Date, until: Date, o = "o"): SQL {
  const a = sql.raw(o);
  switch (state) {
    case "waived":
      return sql`${a}.waived_at is not null`;
    case "met_on_time":
      return sql`${a}.met_at is not null and ${a}.met_at <= ${a}.due_at`;
    case "met_late":
      return sql`${a}.met_at is not null and ${a}.met_at > ${a}.due_at`;
    case "missed":
      return sql`${open(o)} and ${a}.due_at < ${iso(now)}`;
    case "due_soon":
      return sql`${open(o)} and ${a}.due_at >= ${iso(now)} and ${a}.due_at <= ${iso(until)}`;
    case "open":
      return sql`${open(o)} and ${a}.due_at > ${iso(until)}`;
  }
}

/**
 * SQL for "the request (alias `r`) is late / due soon", as dueStateOf decides it: late when one of
 * its open obligations is missed; due soon when none is missed and one falls due by `until`. With
 * `owedBy`, only the obligations that agency owes count (its own worklist, issue 19).
 */
export function requestDueIs(
  state: "late" | "due_soon",
  now: Date,
  until: Date,
  r = "r",
  owedBy?: string,
): SQL {
  const req = sql.raw(r);
  const mine = owedBy ? sql`and o.agency_id = ${owedBy}` : sql``;
  const late = sql`exists (select 1 from obligations o where o.request_id = ${req}.id ${mine} and ${obligationStateIs("missed", now, until)})`;
  if (state === "late") return late;
  return sql`not ${late} and exists (select 1 from obligations o where o.request_id = ${req}.id ${mine} and ${obligationStateIs("due_soon", now, until)})`;
}

export interface ObligationFilters {
  state?: ObligationState;
  agencyId?: string;
  requestId?: string;
}

export async function listObligations(
  db: Executor,
  f: ObligationFilters,
  now: Date,
  until: Date,
  limit: number,
): Promise<ObligationRow[]> {
  const where = allOf(
    f.state && obligationStateIs(f.state, now, until),
    f.agencyId && sql`o.agency_id = ${f.agencyId}`,
    f.requestId && sql`o.request_id = ${f.requestId}`,
  );
  return select(
    db,
    obligationRow,
    sql`${selectObligation} where ${where} order by o.due_at, o.id limit ${limit}`,
  );
}

/** Missed obligations (open past due) by the agency that owes them; null agency = the hotline. */
export const missedByAgency = allRows(
  z.object({
    agency_id: z.string().nullable(),
    agency_name: z.string().nullable(),
    kind: z.enum(obligationKinds),
    n: col.number,
  }),
  (now: Date, agencyId?: string) => sql`select o.agency_id, a.name as agency_name, o.kind, count(*)::int as n
        from obligations o left join agencies a on a.id = o.agency_id
        where ${obligationStateIs("missed", now, now)} ${agencyId ? sql`and o.agency_id = ${agencyId}` : sql``}
        group by o.agency_id, a.name, o.kind order by a.name nulls first, o.kind`,
);

/**
 * The supervision board (Art. 13.1): per agency with open slips or open obligations, its open slips
 * and the requests it owes that are due soon or late, by the same rule as the request list.
 */
export async function boardByAgency(
  db: Executor,
  now: Date,
  until: Date,
  agencyId?: string,
): Promise<{ agency_id: string; agency_name: string; open: number; due_soon: number; late: number }[]> {
  const scope = agencyId ? sql`and a.id = ${agencyId}` : sql``;
  return select(
    db,
    z.object({
      agency_id: z.string(),
      agency_name: z.string(),
      open: col.number,
      due_soon: col.number,
      late: col.number,
    }),
    sql`with owed as (
          select o.agency_id, o.request_id,
                 bool_or(${obligationStateIs("missed", now, until)}) as late,
                 bool_or(${obligationStateIs("due_soon", now, until)}) as soon
          from obligations o where o.agency_id is not null and ${open("o")}
          group by o.agency_id, o.request_id
        ), slips as (
          select s.agency_id, count(*)::int as n from transfer_slips s where s.closed_at is null group by s.agency_id
        )
        select a.id as agency_id, a.name as agency_name, coalesce(max(sl.n), 0)::int as open,
               count(*) filter (where ow.soon and not ow.late)::int as due_soon,
               count(*) filter (where ow.late)::int as late
        from agencies a
        left join slips sl on sl.agency_id = a.id
        left join owed ow on ow.agency_id = a.id
        where (sl.n is not null or ow.request_id is not null) ${scope}
        group by a.id, a.name order by late desc, due_soon desc, open desc, a.name`,
  );
}

/** Answer obligations past due and still unmet, without their progress obligation yet (the job). */
export const answersOwingProgress = allRows(
  obligationRow,
  (now: Date) => sql`${selectObligation}
        where o.kind = 'answer' and ${open("o")} and o.due_at < ${iso(now)} and o.slip_id is not null
          and not exists (select 1 from obligations p where p.slip_id = o.slip_id and p.kind = 'progress')
        order by o.due_at limit 1000`,
);

// ---------------------------------------------------------------------------------------------
// Reminders (Art. 13.1): one row per obligation and step, so each is sent once.

/** Open obligations owed by an agency, due by `until` (due soon or missed), with the steps already sent. */
export const remindable = allRows(
  obligationRow.extend({ sent: z.array(z.string()) }),
  (
    until: Date,
  ) => sql`select x.*, coalesce((select array_agg(rm.step order by rm.step) from obligation_reminders rm
                              where rm.obligation_id = x.id), '{}'::text[]) as sent
        from (${selectObligation} where ${open("o")} and o.agency_id is not null and o.due_at <= ${iso(until)}
              and not exists (select 1 from obligation_reminders m where m.obligation_id = o.id and m.step = 'missed')
              order by o.due_at limit 1000) x
        order by x.due_at`,
);

/** Claims a reminder step; false when it was already sent (so it is sent once). */
export async function claimReminder(
  tx: Executor,
  obligationId: string,
  step: "due_soon" | "missed",
  at: Date,
): Promise<boolean> {
  const rows = await select(
    tx,
    z.object({ obligation_id: z.string() }),
    sql`insert into obligation_reminders (obligation_id, step, sent_at) values (${obligationId}, ${step}, ${iso(at)})
        on conflict do nothing returning obligation_id`,
  );
  return rows.length > 0;
}

/** Active staff of an agency with an email address, by role (focal points, leaders). */
export const agencyStaffEmails = allRows(
  z.object({ id: z.string(), email: z.string(), role: z.string() }),
  (
    agencyId: string,
    roles: readonly ("focal_point" | "agency_leader")[],
  ) => sql`select id, email, role from users
        where agency_id = ${agencyId} and active and email is not null and email <> ''
          and role in (${sql.join(
            roles.map((r) => sql`${r}`),
            sql`, `,
          )})
        order by role = 'agency_leader', username`,
);
