-- Issue 11 (bench/reports): each answered slip's handling time in working hours, computed once
-- when its answer obligation is met (the first answer, by phone or recorded), so the reports take
-- median and 90th percentile with percentile_cont in SQL instead of carrying every slip's two
-- instants to the server and walking the calendar for each. A table of its own, append-only: the
-- obligations stay exactly as the lifecycle wrote them. Rows missing for answers met before this
-- migration (or written in bulk) are filled by the report service's fillHandlingTimes at start-up.
create table slip_handling (
  slip_id uuid primary key references transfer_slips (id),
  -- The answer obligation whose met_at ends the handling (its starts_at is the slip's sending).
  obligation_id uuid not null unique references obligations (id),
  -- The slip's sending (the answer obligation's starts_at): the reports read a period's slips as
  -- an index range here, as they read the obligations (report.repository.ts slipFacts).
  sent_at timestamptz not null,
  -- Working hours (the stored working calendar) from the slip's sending to its first answer.
  working_hours float8 not null,
  computed_at timestamptz not null default now()
);
create index slip_handling_sent on slip_handling (sent_at);

create or replace function slip_handling_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'slip_handling is append-only';
end $$;
create trigger slip_handling_never_change before update or delete on slip_handling
  for each row execute function slip_handling_append_only();
