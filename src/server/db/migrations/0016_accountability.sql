-- Accounted access and a tamper-evident audit trail (issue 14, issue 13 "agencies see what the work
-- needs"; Decree 356/2025 on personal data; Decree 85/2016 level 3 systems).
--
-- 1. Hash chains. Each entry of the event log (the audit trail) and of the access log carries
--    chain_seq (its place in the chain), prev_hash (the previous entry's hash) and
--    hash = sha256(prev_hash || field(chain_seq) || canonical entry), hex. field(v) is '~' for null,
--    else octet_length(v) || ':' || v, so the serialisation is unambiguous; timestamps are written as
--    microseconds since the epoch and jsonb as its (canonical) text. The genesis prev_hash is 64 zeros.
--    The event log chains data_digest (sha256 hex of the payload's canonical text, set by the
--    trigger) rather than the payload, so that a person's data can be erased from a payload (see 3.)
--    while the chain stays whole; verify-audit checks the digest of every payload not erased.
--    A BEFORE INSERT trigger links every new row, whoever writes it, in the inserting transaction:
--    it takes the chain's head row FOR UPDATE, so concurrent writers append one after another (the
--    lock is held to commit; a rolled-back insert leaves the head as it was). chain_seq, not id,
--    gives the order: a bigserial id is drawn before the lock is taken.
--    `npm run admin -- verify-audit` recomputes every hash in Node (src/server/services/audit-chain.ts)
--    independently of these functions and names the first edited, deleted or inserted entry.
-- 2. access_log: who read which request's personal data, downloaded which attachment, exported
--    what, revealed which contact, from which address. Separate from the event log because reads are
----    many (every detail opened) and are not changes of a request: they must not appear in its
--    history, its notifications or its public timeline. It holds staff ids, request ids, addresses
--    and filter summaries, no citizen's contact details, so it is never erased.
-- 3. Erasure (PDP Law 91/2025 Art. 4, docs/data-rights.md): the one change an event may undergo.
--    erase_request_events() replaces every free-text value of the payloads of a request's events
--    by a marker (event_data_redacted: statuses, kinds, codes, ids, times, numbers are kept) and
--    stamps data_erased_at; the guard lets nothing else through, and never an erased row back.

create table log_chain_heads (
  chain text primary key check (chain in ('events', 'access_log')),
  seq bigint not null check (seq >= 0),
  hash text not null check (hash ~ '^[0-9a-f]{64}$')
);
insert into log_chain_heads (chain, seq, hash) values
  ('events', 0, repeat('0', 64)),
  ('access_log', 0, repeat('0', 64));

create function chain_field(v text) returns text language sql immutable as $$
  select case when v is null then '~' else octet_length(v)::text || ':' || v end
$$;

create function chain_time(t timestamptz) returns text language sql immutable as $$
  select (extract(epoch from t) * 1000000)::bigint::text
$$;

-- Takes the head of the chain (row lock until commit), returns the new entry's link, moves the head.
create function chain_link(p_chain text, p_body text, out link_seq bigint, out link_prev text, out link_hash text)
language plpgsql as $$
begin
  select h.seq + 1, h.hash into link_seq, link_prev
    from log_chain_heads h where h.chain = p_chain for update;
  if not found then
    raise exception 'no chain head for %', p_chain;
  end if;
  link_hash := encode(sha256(convert_to(link_prev || chain_field(link_seq::text) || p_body, 'UTF8')), 'hex');
  update log_chain_heads set seq = link_seq, hash = link_hash where chain = p_chain;
end $$;

alter table events
  add column chain_seq bigint,
  add column prev_hash text,
  add column hash text,
  add column data_digest text,
  add column data_erased_at timestamptz;

create function event_data_digest(p_data jsonb) returns text language sql immutable as $$
  select encode(sha256(convert_to(p_data::text, 'UTF8')), 'hex')
$$;

-- The marker erased values become (person-data.repository's ANONYMISED_TEXT).
create function erased_marker() returns text language sql immutable as $$
  select '[Đã xóa dữ liệu cá nhân]'::text
$$;

-- A payload with every free-text value replaced by the marker: strings under the keys below
-- (statuses, kinds, codes, agencies, channels, field names), UUIDs and ISO times are kept, and so
-- are numbers, booleans, nulls and the payload's shape. Mirrored by src/server/domain/event-erasure.ts.
create function event_data_redacted(v jsonb, k text default null) returns jsonb
language plpgsql immutable as $$
declare
  s text;
begin
  case jsonb_typeof(v)
    when 'object' then
      return coalesce((select jsonb_object_agg(e.key, event_data_redacted(e.value, e.key)) from jsonb_each(v) e), '{}'::jsonb);
    when 'array' then
      return coalesce((select jsonb_agg(event_data_redacted(a.value, k) order by a.n)
                       from jsonb_array_elements(v) with ordinality a(value, n)), '[]'::jsonb);
    when 'string' then
      s := v #>> '{}';
      if k = any(array['status', 'fromStatus', 'toStatus', 'kind', 'code', 'dataRequest', 'channel',
                       'field', 'fields', 'urgency', 'source', 'agency', 'agencyName', 'transferAttempt',
                       'externalRef', 'completeness', 'onTime'])
         or s ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
         or s ~ '^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$'
         or s = erased_marker() then
        return v;
      end if;
      return to_jsonb(erased_marker());
    else
      return v;
  end case;
end $$;

create function events_chain_body(
  p_id bigint, p_at timestamptz, p_actor_id uuid, p_actor_label text, p_entity text, p_entity_id text,
  p_request_id uuid, p_kind text, p_from_status text, p_to_status text, p_data_digest text, p_public_note text
) returns text language sql immutable as $$
  select chain_field(p_id::text) || chain_field(chain_time(p_at)) || chain_field(p_actor_id::text)
      || chain_field(p_actor_label) || chain_field(p_entity) || chain_field(p_entity_id)
      || chain_field(p_request_id::text) || chain_field(p_kind) || chain_field(p_from_status)
      || chain_field(p_to_status) || chain_field(p_data_digest) || chain_field(p_public_note)
$$;

create function events_chain() returns trigger language plpgsql as $$
declare
  l record;
begin
  NEW.data_digest := event_data_digest(NEW.data);
  NEW.data_erased_at := null;
  select * into l from chain_link('events', events_chain_body(
    NEW.id, NEW.at, NEW.actor_id, NEW.actor_label, NEW.entity, NEW.entity_id, NEW.request_id,
    NEW.kind, NEW.from_status, NEW.to_status, NEW.data_digest, NEW.public_note));
  NEW.chain_seq := l.link_seq;
  NEW.prev_hash := l.link_prev;
  NEW.hash := l.link_hash;
  return NEW;
end $$;

-- Existing entries are chained here, in id order (the order they were written in), so the chain
-- covers the whole log from its first entry; the append-only guard is lifted for this only.
alter table events disable trigger events_no_update;
do $$
declare
  r record;
  l record;
begin
  for r in select * from events order by id loop
    select * into l from chain_link('events', events_chain_body(
      r.id, r.at, r.actor_id, r.actor_label, r.entity, r.entity_id, r.request_id,
      r.kind, r.from_status, r.to_status, event_data_digest(r.data), r.public_note));
    update events set chain_seq = l.link_seq, prev_hash = l.link_prev, hash = l.link_hash,
      data_digest = event_data_digest(r.data) where id = r.id;
  end loop;
end $$;
alter table events enable trigger events_no_update;

alter table events
  alter column chain_seq set not null,
  alter column prev_hash set not null,
  alter column hash set not null,
  alter column data_digest set not null;
create unique index events_chain_seq on events (chain_seq);
create index events_erasable on events (request_id) where data_erased_at is null;

-- The append-only guard, with its one exception: erasure of a payload not erased yet, to exactly
-- its redacted form, with the public note kept or replaced by the marker, nothing else touched.
create or replace function events_append_only() returns trigger language plpgsql as $$
begin
  if TG_OP = 'UPDATE' and OLD.data_erased_at is null and NEW.data_erased_at is not null
     and NEW.data = event_data_redacted(OLD.data)
     and (NEW.public_note is not distinct from OLD.public_note or NEW.public_note = erased_marker())
     and (NEW.id, NEW.at, NEW.actor_id, NEW.actor_label, NEW.entity, NEW.entity_id, NEW.request_id,
          NEW.kind, NEW.from_status, NEW.to_status, NEW.chain_seq, NEW.prev_hash, NEW.hash, NEW.data_digest)
         is not distinct from
         (OLD.id, OLD.at, OLD.actor_id, OLD.actor_label, OLD.entity, OLD.entity_id, OLD.request_id,
          OLD.kind, OLD.from_status, OLD.to_status, OLD.chain_seq, OLD.prev_hash, OLD.hash, OLD.data_digest) then
    return NEW;
  end if;
  raise exception 'events are append-only';
end $$;

-- The one erasure path: the events of these requests not erased yet; a public note naming one of
-- the person's words (p_terms) becomes the marker. Returns the entries erased and their request.
create function erase_request_events(p_request_ids uuid[], p_terms text[], p_at timestamptz)
returns table (event_id bigint, of_request text) language sql as $$
  update events e set data = event_data_redacted(e.data), data_erased_at = p_at,
    public_note = case when exists (select 1 from unnest(p_terms) t
                                    where length(t) >= 3 and strpos(e.public_note, t) > 0)
                       then erased_marker() else e.public_note end
  where e.data_erased_at is null
    and (e.request_id = any(p_request_ids)
         or (e.entity = 'request' and e.entity_id = any(array(select x::text from unnest(p_request_ids) x))))
  returning e.id, coalesce(e.request_id::text, e.entity_id)
$$;

create trigger events_chain before insert on events
  for each row execute function events_chain();

-- The access log. request_id has no foreign key on purpose: the record of who read a request
-- outlives whatever retention later does to the request.
create table access_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid not null references users (id),
  actor_label text not null,
  actor_role text not null,
  action text not null
    check (action in ('request_read', 'request_list', 'requester_lookup', 'contact_reveal', 'attachment_download', 'export')),
  request_id uuid,
  target text,                         -- attachment id, export format, looked-up phone's last digits
  details jsonb not null default '{}', -- e.g. the export's filters and row count; a list's endpoint, filters, requestIds
  ip text,
  user_agent text,
  chain_seq bigint not null,
  prev_hash text not null,
  hash text not null
);
create unique index access_log_chain_seq on access_log (chain_seq);
create index access_log_request on access_log (request_id, id) where request_id is not null;
create index access_log_actor on access_log (actor_id, id);
create index access_log_at on access_log (at);

create function access_log_chain_body(
  p_id bigint, p_at timestamptz, p_actor_id uuid, p_actor_label text, p_actor_role text, p_action text,
  p_request_id uuid, p_target text, p_details jsonb, p_ip text, p_user_agent text
) returns text language sql immutable as $$
  select chain_field(p_id::text) || chain_field(chain_time(p_at)) || chain_field(p_actor_id::text)
      || chain_field(p_actor_label) || chain_field(p_actor_role) || chain_field(p_action)
      || chain_field(p_request_id::text) || chain_field(p_target) || chain_field(p_details::text)
      || chain_field(p_ip) || chain_field(p_user_agent)
$$;

create function access_log_chain() returns trigger language plpgsql as $$
declare
  l record;
begin
  select * into l from chain_link('access_log', access_log_chain_body(
    NEW.id, NEW.at, NEW.actor_id, NEW.actor_label, NEW.actor_role, NEW.action, NEW.request_id,
    NEW.target, NEW.details, NEW.ip, NEW.user_agent));
  NEW.chain_seq := l.link_seq;
  NEW.prev_hash := l.link_prev;
  NEW.hash := l.link_hash;
  return NEW;
end $$;

create trigger access_log_chain before insert on access_log
  for each row execute function access_log_chain();

create function access_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'access_log is append-only';
end $$;
create trigger access_log_no_update before update or delete on access_log
  for each row execute function access_log_append_only();
