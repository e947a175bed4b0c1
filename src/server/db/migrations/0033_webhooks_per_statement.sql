-- Intake speed (issue 16, "keep ≥ 40 % of raw INSERT"): the webhook trigger of 0018 ran once per
-- event row, each run a planned INSERT … SELECT, at the end of the statement that appended the
-- events — while that statement still held the log chain's head (0016), which every other
-- appending transaction waits for. A batch of 15 submissions spent ~10 ms there with no
-- subscription at all. Now it runs once per statement over the rows the statement appended (a
-- transition table), returns at once when no subscription is active, and writes the same outbox
-- rows in the same order as before (by event, then by subscription as they were created).
drop trigger events_webhooks on events;
drop function events_webhooks();

create function events_webhooks() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from webhook_subscriptions where active) then
    return null;
  end if;
  insert into outbox (request_id, event_id, channel, recipient, kind, body, dedupe_key)
  select n.request_id, n.id, 'webhook', s.id::text, w.evt,
    jsonb_build_object(
      'id', n.id,
      'event', w.evt,
      'occurredAt', to_char((n.at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD"T"HH24:MI:SS') || '+07:00',
      'request', jsonb_build_object(
        'service_request_id', r.public_id,
        'status', coalesce(n.to_status, r.status),
        'service_code', f.code,
        'agency_responsible', a.name
      ) || case when s.personal_data then jsonb_build_object(
        'code', r.code,
        'description', r.content,
        'contact', jsonb_build_object('name', r.contact_name, 'phone', r.contact_phone,
          'email', r.contact_email, 'address', r.contact_address)
      ) else '{}'::jsonb end
    )::text,
    'webhook:' || s.id || ':' || n.id
  from appended n
  cross join lateral (select webhook_event_type(n.kind) as evt) w
  join webhook_subscriptions s on s.active and w.evt = any (s.events)
  join requests r on r.id = n.request_id
  left join fields f on f.id = r.field_id
  left join agencies a on a.id = r.agency_id
  where w.evt is not null and n.entity = 'request' and n.request_id is not null
  order by n.id, s.created_at, s.id
  on conflict (dedupe_key) do nothing;
  return null;
end
$$;

create trigger events_webhooks after insert on events
  referencing new table as appended
  for each statement execute function events_webhooks();

-- The intake statement's probe "is this follow code taken?" (intake.repository.ts) was written
-- inline, and each connection planned it once: as a hash of the whole `requests` table, chosen
-- while the table was small and kept as it grew (a batch took 4 ms at 5,000 requests and 8 ms at
-- 15,000 on a new database). A function's own statement is planned for one code: an index probe.
create function request_code_taken(p_code text) returns boolean language plpgsql stable as $$
begin
  return exists (select 1 from requests where code = p_code);
end $$;
