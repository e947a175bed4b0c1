-- Every legal time limit of the regulation as an obligation that cannot be erased (Art. 10.3, 12.2,
-- 13.1, 16), the limits themselves as stored configuration, reminders sent once per step, and the
-- frozen periodic reports (Art. 11.2, 13.3). PostgreSQL 15 syntax only.

-- The time limits in force, in working hours, edited by administrators (changes audited in events).
-- An obligation copies the limit in force when it arose, so a later edit never moves it.
create table time_limits (
  code text primary key check (code in ('answer', 'record_after_phone', 'progress', 'publish', 'reminder_lead')),
  hours numeric(6, 2) not null check (hours > 0 and hours <= 400),
  article text not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);
insert into time_limits (code, hours, article) values
  ('answer', 8, 'Điều 10.3'),              -- verify and answer: 8 working hours from receipt of the slip
  ('record_after_phone', 4, 'Điều 10.3'),  -- record the phone answer for publication: 4 working hours
  ('progress', 4, 'Điều 10.3'),            -- post progress + a new appointment once the 8 h passed unmet (our figure)
  ('publish', 8, 'Điều 12.2'),             -- publish a recorded answer (no figure in the text: our choice)
  ('reminder_lead', 1, 'Điều 13.1');       -- remind the agency this long before a due time

-- One row per legal duty:
--   answer      one per slip; starts at the slip's sending, due + 'answer' hours; met at the first answer
--               (the stated phone-answer time or the recorded answer, whichever is first), or when the
--               slip is returned to the coordinator (the duty to respond discharged by the return).
--   record      one per slip answered by phone; starts at the stated phone-answer time, due +
--               'record_after_phone' hours; met when the answer is recorded.
--   progress    arises when an answer obligation passes its due time unmet; starts at that due time,
--               due + 'progress' hours; met by the first progress update with a new appointment.
--   appointment one per progress update; starts at the update, due at the appointment (limit null);
--               met when the answer comes (late if after the appointment).
--   publish     one per answered request; owed by the answering agency (null: the hotline, for answers
--               from the Q&A base); starts at the recorded answer, due + 'publish' hours; met at publication.
-- One row per legal duty. Created by the lifecycle and never rewritten: the only changes allowed
-- are to mark it met (once) or waived by a coordinator with a reason (once). The trigger below
-- refuses anything else, so no button and no bug can move a deadline.
create table obligations (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  slip_id uuid references transfer_slips (id),
  -- Who owes it: the agency of the slip; null for the hotline itself (publication of Q&A answers).
  agency_id uuid references agencies (id),
  kind text not null check (kind in ('answer', 'record', 'progress', 'appointment', 'publish')),
  -- When the clock started (slip received, phone answer given, answer recorded, …).
  starts_at timestamptz not null,
  -- The limit in force when the obligation arose (null when the due time was given, e.g. an appointment).
  limit_hours numeric(6, 2),
  due_at timestamptz not null,
  -- The obligation this one arose from (progress ← answer, appointment ← progress).
  parent_id uuid references obligations (id),
  met_at timestamptz,
  met_by uuid references users (id),
  waived_at timestamptz,
  waived_by uuid references users (id),
  waive_reason text check (waive_reason is null or length(waive_reason) between 1 and 2000),
  created_at timestamptz not null default now(),
  check (met_at is null or waived_at is null),
  check ((waived_at is null) = (waive_reason is null))
);
create index obligations_request on obligations (request_id, created_at);
create index obligations_open on obligations (due_at) where met_at is null and waived_at is null;
create index obligations_agency on obligations (agency_id, kind, starts_at);
create index obligations_kind_starts on obligations (kind, starts_at);
-- One open duty of a kind per slip (answer, record, progress) — appointments may repeat.
create unique index obligations_one_per_slip on obligations (slip_id, kind)
  where slip_id is not null and kind in ('answer', 'record', 'progress');
create unique index obligations_one_publish on obligations (request_id) where kind = 'publish';

create or replace function obligations_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'obligations are never deleted';
  end if;
  if new.id <> old.id or new.request_id <> old.request_id or new.slip_id is distinct from old.slip_id
     or new.agency_id is distinct from old.agency_id or new.kind <> old.kind
     or new.starts_at <> old.starts_at or new.limit_hours is distinct from old.limit_hours
     or new.due_at <> old.due_at or new.parent_id is distinct from old.parent_id
     or new.created_at <> old.created_at then
    raise exception 'an obligation is never rewritten; only met or waived';
  end if;
  if old.met_at is not null and (new.met_at is distinct from old.met_at or new.met_by is distinct from old.met_by) then
    raise exception 'an obligation is met once';
  end if;
  if old.waived_at is not null and (new.waived_at is distinct from old.waived_at
     or new.waived_by is distinct from old.waived_by or new.waive_reason is distinct from old.waive_reason) then
    raise exception 'an obligation is waived once';
  end if;
  return new;
end $$;
create trigger obligations_never_rewritten before update or delete on obligations
  for each row execute function obligations_guard();

-- Reminders (đôn đốc, Art. 13.1): one row per obligation and step, so each is sent once.
create table obligation_reminders (
  obligation_id uuid not null references obligations (id),
  step text not null check (step in ('due_soon', 'missed')),
  sent_at timestamptz not null default now(),
  primary key (obligation_id, step)
);

-- Periodic reports (Art. 11.2, 13.3), generated after the period closes and frozen: the figures
-- are stored once and every download of a closed period renders the same stored figures.
create table reports (
  id uuid primary key default gen_random_uuid(),
  period_kind text not null check (period_kind in ('monthly', 'quarterly', 'yearly')),
  period text not null check (period ~ '^[0-9]{4}(-[0-9]{2}|-Q[1-4])?$'),
  period_from date not null,
  period_to date not null,
  data jsonb not null check (jsonb_typeof(data) = 'object'),
  generated_at timestamptz not null default now(),
  unique (period_kind, period)
);

create or replace function reports_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'a frozen report never changes';
end $$;
create trigger reports_never_change before update or delete on reports
  for each row execute function reports_frozen();
