-- Channels (Art. 4, R-CH3–6): settings, inbound queue, contact windows, mail threading and cursors.
-- PostgreSQL 15 syntax only.

-- Administrator-configured settings per channel; environment variables fill what is not set here.
-- Secrets sit in their own column so no query that serves the console ever selects them.
create table channel_settings (
  channel text primary key check (channel in ('email', 'zalo', 'facebook')),
  enabled boolean not null default true,
  settings jsonb not null default '{}',
  secrets jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);

-- Rotating provider credentials (the Zalo access/refresh pair): the refresh token is single-use,
-- so the new pair replaces the old one atomically under a row lock.
create table channel_tokens (
  channel text primary key,
  access_token text not null,
  refresh_token text,
  expires_at timestamptz,
  updated_at timestamptz not null default now()
);

-- Webhook events accepted and answered with 200 at once, processed by a worker. The provider's
-- message id is the idempotency key: a redelivered event lands on the same row.
create table channel_inbound (
  id bigserial primary key,
  channel text not null,
  external_ref text not null check (length(external_ref) between 1 and 500),
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'processing', 'done', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  request_id uuid references requests (id),
  received_at timestamptz not null,
  processed_at timestamptz,
  unique (channel, external_ref)
);
create index channel_inbound_due on channel_inbound (next_attempt_at) where status in ('pending', 'processing');

-- The last time a requester wrote on a chat channel: the provider's messaging window starts there
-- (Facebook 24 h, Zalo 7 days) and the last message id is quoted in replies.
create table channel_contacts (
  channel text not null,
  external_id text not null,
  last_inbound_at timestamptz not null,
  last_message_id text,
  primary key (channel, external_id)
);

-- Every Message-ID sent or received, so a reply threads onto its request by In-Reply-To/References.
create table mail_messages (
  message_id text primary key,
  request_id uuid not null references requests (id),
  direction text not null check (direction in ('in', 'out')),
  created_at timestamptz not null default now()
);
create index mail_messages_request on mail_messages (request_id, created_at desc);

-- IMAP cursor: UIDs are only meaningful under one UIDVALIDITY (RFC 3501 §2.3.1.1).
create table mail_cursors (
  account text not null,
  mailbox text not null,
  uid_validity text not null,
  last_uid bigint not null default 0 check (last_uid >= 0),
  last_seen_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (account, mailbox)
);
