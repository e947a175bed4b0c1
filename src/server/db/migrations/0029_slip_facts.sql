-- Issue 11 (bench/reports): the reports' per-slip facts, one narrow row per slip, kept in step with
-- the rows they are read from by the triggers below, so a period's slip figures are one index range
-- on sent_at over one table instead of four range reads hash-joined (the slip, its answer and
-- record obligations, its handling time) — and the record obligations' range no longer reaches to
-- the end of the data. EXPLAIN and figures in docs/reports.md.
--
-- Derived data only: every column is a verbatim copy of a column of transfer_slips, of the slip's
-- answer or record obligation (one of each per slip: obligations_one_per_slip, migration 0007) or
-- of its handling time (slip_handling, 0022). What a figure means is still decided at read time
-- against the period's "as of" (report.repository.ts slipFacts); nothing here depends on a period.
-- slip_facts_source is the definition; the table equals the view at every commit (test:
-- src/server/db/repositories/slip-facts.test.ts).
create view slip_facts_source as
select s.id as slip_id, s.request_id, s.agency_id, s.sent_at, s.status, s.closed_at,
       a.due_at as a_due, a.met_at as a_met, a.waived_at as a_waived,
       rc.starts_at as r_start, rc.due_at as r_due, rc.met_at as r_met, rc.waived_at as r_waived,
       h.working_hours
from transfer_slips s
left join obligations a on a.slip_id = s.id and a.kind = 'answer'
left join obligations rc on rc.slip_id = s.id and rc.kind = 'record'
left join slip_handling h on h.slip_id = s.id;

-- Rows are updated a few times in a slip's life (obligations met, the handling time, the slip
-- closed): room on each page keeps those updates HOT (sent_at, the only indexed column, never moves).
create table slip_facts (
  slip_id uuid primary key references transfer_slips (id),
  request_id uuid not null,
  agency_id uuid not null,
  sent_at timestamptz not null,
  status text not null,
  closed_at timestamptz,
  -- The answer obligation (D8 = a_due) and the record obligation after a phone answer (D4 = r_due).
  a_due timestamptz,
  a_met timestamptz,
  a_waived timestamptz,
  r_start timestamptz,
  r_due timestamptz,
  r_met timestamptz,
  r_waived timestamptz,
  working_hours float8
) with (fillfactor = 80);
create index slip_facts_sent on slip_facts (sent_at);

-- Recomputes the facts of the given slips from their sources (insert or overwrite).
create function slip_facts_refresh(ids uuid[]) returns void language sql as $$
  insert into slip_facts (slip_id, request_id, agency_id, sent_at, status, closed_at, a_due, a_met, a_waived,
                          r_start, r_due, r_met, r_waived, working_hours)
  select slip_id, request_id, agency_id, sent_at, status, closed_at, a_due, a_met, a_waived,
         r_start, r_due, r_met, r_waived, working_hours
  from slip_facts_source where slip_id = any (ids)
  on conflict (slip_id) do update set
    request_id = excluded.request_id, agency_id = excluded.agency_id, sent_at = excluded.sent_at,
    status = excluded.status, closed_at = excluded.closed_at,
    a_due = excluded.a_due, a_met = excluded.a_met, a_waived = excluded.a_waived,
    r_start = excluded.r_start, r_due = excluded.r_due, r_met = excluded.r_met, r_waived = excluded.r_waived,
    working_hours = excluded.working_hours
$$;

-- The facts of slips that have none: the backfill below, and data loaded with triggers off
-- (bench/reports generates a million slips in SQL with session_replication_role = replica).
-- Written in sending order, as the lifecycle writes them, so a period's rows share pages.
create function slip_facts_fill() returns bigint language sql as $$
  with added as (
    insert into slip_facts (slip_id, request_id, agency_id, sent_at, status, closed_at, a_due, a_met, a_waived,
                            r_start, r_due, r_met, r_waived, working_hours)
    select v.slip_id, v.request_id, v.agency_id, v.sent_at, v.status, v.closed_at, v.a_due, v.a_met, v.a_waived,
           v.r_start, v.r_due, v.r_met, v.r_waived, v.working_hours
    from slip_facts_source v
    where not exists (select 1 from slip_facts f where f.slip_id = v.slip_id)
    order by v.sent_at
    returning 1)
  select count(*) from added
$$;

-- Statement-level triggers with transition tables: one refresh per statement, whether it wrote one
-- row (the lifecycle) or thousands (the handling-time backfill, pages of 5,000).
create function slip_facts_from_slips() returns trigger language plpgsql as $$
begin
  perform slip_facts_refresh((select array_agg(id) from changed));
  return null;
end $$;
create function slip_facts_from_obligations() returns trigger language plpgsql as $$
begin
  perform slip_facts_refresh((select array_agg(distinct slip_id) from changed
                              where slip_id is not null and kind in ('answer', 'record')));
  return null;
end $$;
-- A handling time is written after its slip (whose insert made the facts row): set it in place.
-- Slips loaded with triggers off have no row yet and get theirs, hours included, from the fill.
create function slip_facts_from_handling() returns trigger language plpgsql as $$
begin
  update slip_facts f set working_hours = c.working_hours from changed c where f.slip_id = c.slip_id;
  return null;
end $$;

create trigger slip_facts_slip_insert after insert on transfer_slips
  referencing new table as changed for each statement execute function slip_facts_from_slips();
create trigger slip_facts_slip_update after update on transfer_slips
  referencing new table as changed for each statement execute function slip_facts_from_slips();
create trigger slip_facts_obligation_insert after insert on obligations
  referencing new table as changed for each statement execute function slip_facts_from_obligations();
create trigger slip_facts_obligation_update after update on obligations
  referencing new table as changed for each statement execute function slip_facts_from_obligations();
create trigger slip_facts_handling_insert after insert on slip_handling
  referencing new table as changed for each statement execute function slip_facts_from_handling();

select slip_facts_fill();
analyze slip_facts;

-- Requests are grouped by the agency that answered, else the one responsible now; without
-- statistics on that expression the planner guessed tens of thousands of groups for a month and
-- sorted instead of hashing (EXPLAIN in docs/reports.md).
create statistics requests_report_agency on (coalesce(answering_agency_id, agency_id)) from requests;
-- Only a table with rows is analyzed here (changed in issue 16, after this migration first ran):
-- analyzing an empty `requests` told the planner it is empty, so on a new database the plans
-- each connection keeps — the foreign-key checks of every event and the intake's code probe —
-- were sequential scans until autovacuum analyzed the table, and intake slowed as it grew.
-- Never analyzed, the planner assumes a small table and keeps the index plans.
do $$ begin
  if exists (select 1 from requests) then
    analyze requests;
  end if;
end $$;
