-- Integrations (issue 17): Open311 GeoReport v2 API keys and outbound webhooks.

-- One key per integrator, issued and revoked by an administrator. Only the SHA-256 of the key is
-- kept; the key itself is shown once, when it is issued. `prefix` (first characters) lets staff tell
-- keys apart in the console without holding the key.
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  prefix text not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);

-- Outbound webhooks: one subscription per receiver, for a set of event types. The secret signs
-- every delivery (src/shared/signature.ts), so it is kept as given (it cannot be hashed).
create table webhook_subscriptions (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  url text not null check (url ~ '^https?://' and length(url) <= 2000),
  secret text not null check (length(secret) between 16 and 200),
  events text[] not null check (
    cardinality(events) >= 1 and events <@ array['request.received', 'request.forwarded',
      'request.answered', 'request.published', 'request.closed']::text[]),
  -- Granted by an administrator: payloads then carry the request's code, content and contact.
  personal_data boolean not null default false,
  active boolean not null default true,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The webhook event type of a request event, or null (the action names of domain/request-state.ts).
create function webhook_event_type(kind text) returns text language sql immutable as $$
  select case kind
    when 'received' then 'request.received'
    when 'forward' then 'request.forwarded'
    when 'assign_agency' then 'request.forwarded'
    when 'record_answer' then 'request.answered'
    when 'answer_from_kb' then 'request.answered'
    when 'publish' then 'request.published'
    when 'close' then 'request.closed'
  end
$$;

-- Every request event that a subscription asked for becomes one outbox row (channel 'webhook',
-- recipient = the subscription) in the transaction that appends the event, whoever appends it
-- (the one-statement intake included). The payload is fixed now; the signature is made at delivery.
create function events_webhooks() returns trigger language plpgsql as $$
declare
  evt text := webhook_event_type(new.kind);
begin
  if evt is null or new.entity <> 'request' or new.request_id is null then
    return null;
  end if;
  insert into outbox (request_id, event_id, channel, recipient, kind, body, dedupe_key)
  select new.request_id, new.id, 'webhook', s.id::text, evt,
    jsonb_build_object(
      'id', new.id,
      'event', evt,
      'occurredAt', to_char((new.at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD"T"HH24:MI:SS') || '+07:00',
      'request', jsonb_build_object(
        'service_request_id', r.public_id,
        'status', coalesce(new.to_status, r.status),
        'service_code', f.code,
        'agency_responsible', a.name
      ) || case when s.personal_data then jsonb_build_object(
        'code', r.code,
        'description', r.content,
        'contact', jsonb_build_object('name', r.contact_name, 'phone', r.contact_phone,
          'email', r.contact_email, 'address', r.contact_address)
      ) else '{}'::jsonb end
    )::text,
    'webhook:' || s.id || ':' || new.id
  from webhook_subscriptions s
  join requests r on r.id = new.request_id
  left join fields f on f.id = r.field_id
  left join agencies a on a.id = r.agency_id
  where s.active and evt = any (s.events)
  on conflict (dedupe_key) do nothing;
  return null;
end
$$;

create trigger events_webhooks after insert on events for each row execute function events_webhooks();

create index outbox_webhook on outbox (recipient, id) where channel = 'webhook';
