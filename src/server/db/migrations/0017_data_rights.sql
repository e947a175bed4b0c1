-- Data-subject rights (Personal Data Protection Law 91/2025/QH15 Art. 4, Decree 356/2025/NĐ-CP
-- Art. 5) and retention of personal data per record type, with a legal hold per request.
-- PostgreSQL 15 syntax only.

-- A data subject's request about their own data (a "case"), handled by the coordinator.
-- received → acknowledged (due within 2 working days) → done | refused (due within 10, 15 or 20
-- days by kind; docs/data-rights.md says how the days are counted).
create table data_requests (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^DL-[0-9]{6}-[0-9A-Z]{4}$'),
  kind text not null check (kind in ('access', 'correction', 'deletion', 'restriction', 'objection', 'withdrawal')),
  status text not null default 'received' check (status in ('received', 'acknowledged', 'done', 'refused')),
  -- Who the person is, as they identified themselves; matched to requesters by phone, email or a
  -- chat identity (one repository function: findRequestsOfPerson).
  subject_name text check (subject_name is null or length(subject_name) between 1 and 200),
  subject_phone text,
  subject_email text,
  subject_channel text check (subject_channel is null or subject_channel in ('zalo', 'facebook')),
  subject_external_id text,
  check (subject_phone is not null or subject_email is not null or subject_external_id is not null),
  check ((subject_channel is null) = (subject_external_id is null)),
  -- Where the answer goes: email, Zalo or Facebook through the outbox; 'post' is answered on paper.
  reply_channel text not null check (reply_channel in ('email', 'zalo', 'facebook', 'post')),
  reply_to text check (reply_to is null or length(reply_to) between 1 and 500),
  check (reply_channel = 'post' or reply_to is not null),
  details text check (details is null or length(details) <= 5000),
  -- Correction: the corrected values (fullName, phone, email, address) the person asked for.
  corrections jsonb not null default '{}' check (jsonb_typeof(corrections) = 'object'),
  received_at timestamptz not null,
  ack_due_at timestamptz not null,
  due_at timestamptz not null,
  acknowledged_at timestamptz,
  decided_at timestamptz,
  decision_note text check (decision_note is null or length(decision_note) <= 5000),
  -- What the action did (request codes affected, refused with their reasons, counts).
  result jsonb not null default '{}' check (jsonb_typeof(result) = 'object'),
  created_by uuid references users (id),
  decided_by uuid references users (id),
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status in ('done', 'refused')) = (decided_at is not null)),
  check (status = 'received' or acknowledged_at is not null)
);
create index data_requests_open on data_requests (due_at) where status in ('received', 'acknowledged');

-- Deadline reminders to the coordinators, once per case and step.
create table data_request_reminders (
  data_request_id uuid not null references data_requests (id),
  step text not null check (step in ('ack_due_soon', 'ack_missed', 'due_soon', 'missed')),
  sent_at timestamptz not null default now(),
  primary key (data_request_id, step)
);

-- Per request: anonymised (by a deletion or by retention), restricted (restriction or objection:
-- not published, not processed beyond what the law requires), legal hold (retention and deletion stop).
alter table requests add column anonymised_at timestamptz;
alter table requests add column restricted_at timestamptz;
alter table requests add column legal_hold_at timestamptz;
alter table requests add column legal_hold_reason text
  check (legal_hold_reason is null or length(legal_hold_reason) between 1 and 2000);
alter table requests add constraint requests_legal_hold_reason
  check ((legal_hold_at is null) = (legal_hold_reason is null));

-- Retention period per record type, edited by administrators (changes audited in events).
create table retention_settings (
  record_type text primary key
    check (record_type in ('requests', 'recordings', 'attachments', 'outbox', 'inbound', 'sessions')),
  days int not null check (days between 1 and 36500),
  basis text not null check (length(basis) between 1 and 500),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);
insert into retention_settings (record_type, days, basis) values
  ('requests', 1825, 'Điều 11.1 Quy chế (lưu để kiểm tra, giám sát); 5 năm là con số của chúng tôi'),
  ('recordings', 730, 'Điều 11.1 Quy chế (file ghi âm); 2 năm là con số của chúng tôi'),
  ('attachments', 1825, 'Theo hồ sơ yêu cầu (Điều 11.1); con số của chúng tôi'),
  ('outbox', 365, 'Tin nhắn đã gửi: con số của chúng tôi'),
  ('inbound', 90, 'Tin nhắn đến đã xử lý (nội dung đã ghi vào yêu cầu): con số của chúng tôi'),
  ('sessions', 30, 'Phiên đăng nhập đã hết hạn: con số của chúng tôi');

-- Each daily pass of the retention job, with what it did (also appended to the event log).
create table retention_runs (
  id bigserial primary key,
  ran_at timestamptz not null,
  run_date date not null,
  counts jsonb not null check (jsonb_typeof(counts) = 'object'),
  triggered_by uuid references users (id)
);
create index retention_runs_date on retention_runs (run_date desc);
