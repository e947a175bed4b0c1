-- The switchboard (issue 12, docs/phone.md): calls reported by the PBX adapter, the events it sent
-- (idempotency on eventId), live transfers to agencies with their result, the call recordings
-- (fetched once, checked, kept in the database like attachments) and the callback queue.

create table calls (
  id uuid primary key default gen_random_uuid(),
  -- The PBX's id of the call (Zammad `callId`, ≤ 250 characters).
  call_id text not null unique check (length(call_id) between 1 and 250),
  direction text not null check (direction in ('in', 'out')),
  -- E.164 when the number is a Vietnamese one (domain/phone.ts), else as the PBX sent it.
  from_number text check (length(from_number) <= 64),
  to_number text check (length(to_number) <= 64),
  status text not null check (status in ('ringing', 'answered', 'ended', 'missed')),
  started_at timestamptz not null,
  answered_at timestamptz,
  ended_at timestamptz,
  hangup_cause text check (length(hangup_cause) <= 200),
  -- The operator on the call: the `agent` of call.answered, or whoever picked it up on the desk.
  agent_id uuid references users (id),
  agent_label text check (length(agent_label) <= 200),
  -- The request saved during or after the call.
  request_id uuid references requests (id),
  -- Missed and abandoned inbound calls wait here until someone calls back (the desk's queue).
  callback_status text check (callback_status in ('waiting', 'requested')),
  callback_requested_at timestamptz,
  callback_by uuid references users (id),
  -- An outbound call placed as a callback: the missed call it answers.
  callback_of uuid references calls (id),
  created_at timestamptz not null default now()
);
create index calls_request on calls (request_id) where request_id is not null;
create index calls_live on calls (started_at desc) where status in ('ringing', 'answered');
create index calls_callback_queue on calls (ended_at) where callback_status is not null;
create index calls_from on calls (from_number, started_at desc);

-- Every event the adapter sent, once: a repeated eventId changes nothing.
create table cti_events (
  event_id text primary key check (length(event_id) between 1 and 250),
  call_id text not null,
  event text not null,
  at timestamptz not null,
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  received_at timestamptz not null default now()
);
create index cti_events_call on cti_events (call_id, at);

-- A live transfer to an agency's registered hotline (Art. 10.1–10.2) and the result the PBX reported.
create table call_transfers (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id),
  agency_id uuid not null references agencies (id),
  number text not null check (number ~ '^\+\d{6,15}$'),
  -- The slip sent with the transfer (forwarding a request with a live call does both).
  slip_id uuid references transfer_slips (id),
  requested_by uuid references users (id),
  requested_at timestamptz not null,
  result text check (result in ('connected', 'busy', 'no_answer', 'rejected', 'unreachable', 'failed')),
  cause text check (length(cause) <= 200),
  result_at timestamptz
);
create index call_transfers_call on call_transfers (call_id, requested_at);

-- The call's recording: announced by call.recording.ready, fetched by the recording job from an
-- allowed host, checked against its sha256 and kept once (the primary key is the call).
create table call_recordings (
  call_id uuid primary key references calls (id),
  url text not null check (length(url) <= 2000),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bigint not null check (bytes > 0),
  mime text not null check (length(mime) between 3 and 100),
  status text not null check (status in ('pending', 'stored', 'refused', 'failed', 'deleted')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  content bytea,
  stored_at timestamptz,
  check ((status = 'stored') = (content is not null))
);
create index call_recordings_due on call_recordings (next_attempt_at) where status = 'pending';

-- Playback and download of a recording are reads of personal data (access log, issue 14).
alter table access_log drop constraint access_log_action_check;
alter table access_log add constraint access_log_action_check check (action in (
  'request_read', 'request_list', 'requester_lookup', 'contact_reveal', 'attachment_download', 'export',
  'recording_play'));

-- Retention of call records not tied to any request (missed calls, calls that led nowhere).
alter table retention_settings drop constraint retention_settings_record_type_check;
alter table retention_settings add constraint retention_settings_record_type_check check (record_type in (
  'requests', 'recordings', 'attachments', 'outbox', 'inbound', 'sessions', 'calls'));
insert into retention_settings (record_type, days, basis) values
  ('calls', 365, 'Cuộc gọi không gắn với yêu cầu nào (gọi nhỡ, gọi lại): con số của chúng tôi');
