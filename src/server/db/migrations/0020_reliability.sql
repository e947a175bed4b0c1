-- Issue 15: several server processes on one PostgreSQL, no duplicate on a retry.

-- Idempotency-Key of an intake (public, staff): the first response, replayed for 24 hours. The key
-- row is written in the same statement (or transaction) as the request, so it exists exactly when
-- the request does; a row older than 24 hours is replaced by the next use and removed by a job.
create table idempotency_keys (
  scope text not null,
  key text not null,
  body_hash text not null,
  status int not null,
  response jsonb not null,
  request_code text not null,
  created_at timestamptz not null,
  primary key (scope, key)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);

-- Captcha solutions already used, cluster-wide: a challenge id is accepted once (primary key).
create table captcha_used (
  challenge_id text primary key,
  expires_at timestamptz not null
);
create index captcha_used_expires_at on captcha_used (expires_at);

-- Token buckets shared by every process (public submissions per client address): the row is
-- updated in one statement, so two processes never hand out the same token.
create table rate_buckets (
  bucket text not null,
  subject text not null,
  tokens double precision not null,
  updated_at timestamptz not null,
  primary key (bucket, subject)
);
create index rate_buckets_updated_at on rate_buckets (updated_at);

-- Scheduled jobs: the last run of each, so a pass runs once cluster-wide per interval.
create table job_runs (
  job text primary key,
  last_run_at timestamptz not null,
  runs bigint not null default 0
);
