-- Issue 14, sign-in and sessions (ASVS V6/V7).

-- Progressive delay after failed sign-ins, one row per source address ('addr:<ip>') and per account
-- ('user:<uuid>'). The counter restarts after a quiet period and on success; see docs/security.md.
-- It replaces users.failed_logins / users.locked_until, which are no longer read or written.
create table login_throttle (
  key text primary key,
  failures int not null check (failures >= 0),
  last_failure_at timestamptz not null,
  delayed_until timestamptz
);
create index login_throttle_last_failure on login_throttle (last_failure_at);

-- Browsers a user has completed a sign-in with (the token is a cookie; only its sha256 is kept).
-- A known device is exempt from the per-account delay, so guessing cannot keep its owner out.
create table known_devices (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  last_used_at timestamptz not null
);
create index known_devices_user on known_devices (user_id);

-- TOTP second factor (RFC 6238): the confirmed secret, a secret awaiting confirmation, the last
-- time step accepted (a code is never accepted twice).
alter table users
  add column totp_secret text,
  add column totp_pending_secret text,
  add column totp_enabled_at timestamptz,
  add column totp_last_step bigint,
  add column password_changed_at timestamptz;

-- Recovery codes: shown once, kept as sha256, each usable once.
create table recovery_codes (
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- Between the password and the second factor: a short-lived token naming the user and the step.
create table login_challenges (
  id text primary key,               -- sha256 of the token handed to the client
  user_id uuid not null references users (id) on delete cascade,
  kind text not null check (kind in ('totp', 'enrol')),
  expires_at timestamptz not null,
  attempts int not null default 0
);
create index login_challenges_user on login_challenges (user_id);
