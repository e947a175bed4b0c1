-- Issue 19, duplicates and mass events (docs/ARCHITECTURE.md "Duplicates and mass events").
--
-- Merge: a request merged into another takes the status 'merged' (the `merge` transition of
-- domain/request-state.ts) and points at the request it joined. It keeps its requester, contact and
-- channel; every later progress update, answer and publication of the joined request is copied
-- into its own history and sent on its own channel (request-actions.service.ts). One level only: a
-- request that others joined is never merged itself, and nothing joins a merged request.
alter table requests drop constraint requests_status_check;
alter table requests add constraint requests_status_check check (status in (
  'received', 'with_coordinator', 'forwarded', 'phone_answered', 'verifying',
  'answered', 'refused', 'published', 'closed', 'merged'));
alter table requests
  add column merged_into_id uuid references requests (id),
  add column merged_at timestamptz,
  add constraint requests_merge_shape check (
    (merged_into_id is null) = (merged_at is null) and (merged_into_id is null or merged_into_id <> id)
    and ((status = 'merged') = (merged_into_id is not null)));
create index requests_merged_into on requests (merged_into_id) where merged_into_id is not null;
-- Duplicate suggestions read the recent open requests of one field.
create index requests_field_recent on requests (field_id, received_at desc)
  where status in ('received', 'with_coordinator', 'forwarded', 'phone_answered', 'verifying');

-- Mass events: declared by a coordinator (title, fields, a prepared answer, a time window). New
-- requests of those fields that match the event's text are linked to it; the operator answers a
-- linked request with the prepared text in one step (the ordinary answer_from_kb transition).
create table mass_events (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 1 and 200),
  -- Words a matching request is compared with (besides the title); the prepared answer itself too.
  keywords text not null default '' check (length(keywords) <= 2000),
  answer text not null check (length(answer) between 1 and 20000),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  -- The portal banner: shown while the event is on, with the emergency numbers when chosen.
  banner boolean not null default true,
  emergency_numbers text[] not null default '{}'
    check (emergency_numbers <@ array['113', '114', '115']::text[]),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Ended early by the coordinator (the row stays for the reports).
  cancelled_at timestamptz,
  version int not null default 1,
  check (ends_at > starts_at)
);
create index mass_events_window on mass_events (ends_at desc, starts_at);

create table mass_event_fields (
  mass_event_id uuid not null references mass_events (id) on delete cascade,
  field_id int not null references fields (id),
  primary key (mass_event_id, field_id)
);

-- A request linked to an event (at most one event per request); answered_at when the operator
-- confirmed the prepared answer.
create table mass_event_links (
  request_id uuid primary key references requests (id),
  mass_event_id uuid not null references mass_events (id),
  score float8 not null,
  linked_at timestamptz not null,
  answered_at timestamptz
);
create index mass_event_links_event on mass_event_links (mass_event_id, linked_at);
