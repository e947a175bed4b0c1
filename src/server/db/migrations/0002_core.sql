-- Core model of the request lifecycle (Art. 5, 7, 9, 10, 12; R-IN*, R-HA*, R-PU*, R-SE1).
-- Constraints live here (STYLE 6). PostgreSQL 15 syntax only.

create table fields (
  id serial primary key,
  code text not null unique check (code ~ '^[a-z0-9_-]{1,40}$'),
  name text not null check (length(name) between 1 and 300),
  description text,
  sort_order int not null default 0,
  active boolean not null default true
);

create table refusal_reasons (
  id serial primary key,
  code text not null unique check (code ~ '^[a-z0-9_-]{1,40}$'),
  text text not null check (length(text) between 1 and 500),
  active boolean not null default true
);

create table agencies (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (length(code) between 1 and 40),
  name text not null check (length(name) between 1 and 300),
  kind text not null check (kind in ('department', 'commune', 'other')),
  -- Registered hotline numbers the operator transfers live calls to (Art. 10.1, R-KB2).
  hotline_numbers text[] not null default '{}',
  email text,
  -- The agency that decides unclear jurisdiction (Art. 10.4); configuration, never a hard-coded name.
  is_coordinator boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
-- unaccent() is only STABLE, and an index expression must be IMMUTABLE: wrap it with the dictionary fixed.
create or replace function immutable_unaccent(text) returns text language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;
create index agencies_name_trgm on agencies using gin (lower(immutable_unaccent(name)) gin_trgm_ops);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z0-9._-]{3,40}$'),
  password_hash text not null,
  full_name text not null check (length(full_name) between 1 and 200),
  role text not null check (role in ('operator', 'focal_point', 'agency_leader', 'coordinator', 'admin')),
  agency_id uuid references agencies (id),
  phone text,
  email text,
  active boolean not null default true,
  failed_logins int not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  -- Focal points and agency leaders always belong to an agency (Art. 2.3, 14.7).
  check (role not in ('focal_point', 'agency_leader') or agency_id is not null)
);
create index users_agency on users (agency_id);

create table sessions (
  id text primary key,               -- sha256 of the cookie token; the token itself is never stored
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

create table requesters (
  id uuid primary key default gen_random_uuid(),
  kind text not null default 'person' check (kind in ('person', 'organisation')),
  full_name text,
  phone text,                        -- normalised +84… (0xxx and +84xxx are the same person)
  address text,
  email text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index requesters_phone on requesters (phone);

-- A requester's identity on a channel (Zalo user id, Facebook PSID, email address), kept as text.
create table requester_identities (
  requester_id uuid not null references requesters (id) on delete cascade,
  channel text not null,
  external_id text not null,
  created_at timestamptz not null default now(),
  primary key (channel, external_id)
);
create index requester_identities_requester on requester_identities (requester_id);

create table requests (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  channel text not null check (channel in ('phone', 'portal', 'email', 'zalo', 'facebook', 'other')),
  received_at timestamptz not null,
  requester_id uuid not null references requesters (id),
  content text not null check (length(content) between 1 and 20000),
  field_id int references fields (id),
  urgency text not null default 'normal' check (urgency in ('normal', 'urgent')),
  status text not null check (status in (
    'received', 'with_coordinator', 'forwarded', 'phone_answered', 'verifying',
    'answered', 'refused', 'published', 'closed')),
  operator_id uuid references users (id),
  agency_id uuid references agencies (id),          -- the agency currently responsible
  -- Art. 7 / R-IN3: what is missing or doubtful, recomputed on every change.
  completeness jsonb not null default '[]',
  -- The requester's choice whether the question may be published (never their identity).
  publish_consent boolean not null default true,
  refusal_reason_id int references refusal_reasons (id),
  refusal_note text,
  -- Published, PII-free copy (Art. 12, R-PU1).
  public_question text,
  public_answer text,
  answering_agency_id uuid references agencies (id),
  published_at timestamptz,
  closed_at timestamptz,
  -- Telephony (R-CH1).
  call_id text,
  call_started_at timestamptz,
  call_ended_at timestamptz,
  recording_url text,
  -- Channel message that opened the request, for de-duplication.
  external_ref text,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index requests_status on requests (status, received_at desc);
create index requests_agency on requests (agency_id, status);
create index requests_requester on requests (requester_id, received_at desc);
create index requests_published on requests (published_at desc) where published_at is not null;
create unique index requests_external_ref on requests (channel, external_ref) where external_ref is not null;

create table attachments (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id) on delete cascade,
  filename text not null,
  mime_type text not null,
  size_bytes int not null check (size_bytes >= 0),
  sha256 text not null,
  content bytea not null,
  created_at timestamptz not null default now()
);
create index attachments_request on attachments (request_id);

-- Transfer slip (phiếu chuyển, Art. 10.1): one per hand-over to an agency.
create table transfer_slips (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  agency_id uuid not null references agencies (id),
  sent_by uuid references users (id),
  sent_at timestamptz not null,
  -- The live-call transfer attempt (Art. 10.1–10.2, R-HA3).
  transfer_attempt text not null default 'not_attempted'
    check (transfer_attempt in ('connected', 'failed', 'not_attempted')),
  status text not null default 'open'
    check (status in ('open', 'phone_answered', 'verifying', 'answered', 'returned')),
  -- Legal deadline in working time (Art. 10.3): 8 h from receipt, or 4 h after a phone answer.
  due_at timestamptz not null,
  phone_answered_at timestamptz,
  appointment_at timestamptz,
  return_reason text,
  closed_at timestamptz,
  created_at timestamptz not null default now()
);
create index transfer_slips_agency_open on transfer_slips (agency_id, due_at) where closed_at is null;
create index transfer_slips_request on transfer_slips (request_id);
create unique index transfer_slips_one_open on transfer_slips (request_id) where closed_at is null;

create table answers (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  slip_id uuid references transfer_slips (id),
  agency_id uuid references agencies (id),
  author_id uuid references users (id),
  source text not null check (source in ('kb', 'agency', 'coordinator')),
  kb_entry_id uuid,
  given_by_phone boolean not null default false,
  body text not null check (length(body) between 1 and 20000),
  created_at timestamptz not null default now()
);
create index answers_request on answers (request_id, created_at desc);

-- Progress update with a new appointment, visible to the requester (Art. 10.3).
create table progress_updates (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  slip_id uuid not null references transfer_slips (id),
  author_id uuid references users (id),
  note text not null check (length(note) between 1 and 5000),
  appointment_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index progress_updates_request on progress_updates (request_id, created_at);

-- The one append-only event log (STYLE 8): request history, audit trail of every administrative
-- change, and the source of notifications. Rows are never updated or deleted.
create table events (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid references users (id),
  actor_label text,                  -- "Tổng đài viên Nguyễn Văn A", "Cổng thông tin", "Hệ thống"
  entity text not null,              -- 'request', 'user', 'agency', 'field', 'calendar', 'kb_entry', …
  entity_id text not null,
  request_id uuid references requests (id),
  kind text not null,
  from_status text,
  to_status text,
  data jsonb not null default '{}',  -- before/after and details
  -- Shown in the public history of the request, in plain words without personal data.
  public_note text
);
create index events_entity on events (entity, entity_id, id);
create index events_request on events (request_id, id) where request_id is not null;

create or replace function events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'events are append-only';
end $$;
create trigger events_no_update before update or delete on events
  for each row execute function events_append_only();

-- Outbox (STYLE 9): written in the same transaction as the change that causes it, delivered by a job.
create table outbox (
  id bigserial primary key,
  request_id uuid references requests (id),
  event_id bigint references events (id),
  channel text not null,
  recipient text not null,
  kind text not null,
  subject text,
  body text not null,
  status text not null default 'pending'
    check (status in ('pending', 'sending', 'sent', 'failed', 'undeliverable')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  provider_message_id text,
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_due on outbox (next_attempt_at) where status in ('pending', 'sending');
create index outbox_request on outbox (request_id);
