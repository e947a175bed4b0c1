-- Intake speed (issue 16, "≥ 40 % of raw INSERT"): linking an entry into a log chain (0016) cost
-- the intake statement about half of its database time per submission (measured with the chain
-- trigger replaced by a stub: ~350 → ~190 µs of backend CPU a row). Each entry took the head row
-- FOR UPDATE and rewrote it — a statement appending n entries (the intake statement appends one per
-- submission of its batch, up to 64) locked the row n times and wrote n versions of it in one
-- transaction — and each link was a query run through the executor (`select * into … from
-- chain_link(…)`) rather than an expression.
--
-- Now the head is taken FOR UPDATE once per transaction, carried from entry to entry in a
-- transaction-local setting, and written back once per statement by an AFTER STATEMENT trigger;
-- the triggers compute each link as plain expressions. Nothing else changes: the same links and
-- hashes in the same order (chain_seq), the head's lock held to commit as before (concurrent
-- writers still append one after another), a rolled-back transaction or savepoint leaves the head
-- as it was (the setting is rolled back with it), verify-audit (services/audit-chain.ts) unchanged.
--
-- The setting holds "<txid>:<seq>:<hash>", so a value set by hand, or left by another transaction,
-- is never taken for the head: only this transaction's own link, after its own FOR UPDATE.
create or replace function chain_link(p_chain text, p_body text, out link_seq bigint, out link_prev text, out link_hash text)
language plpgsql as $$
declare
  v_key text := 'tongdai.chain_head_' || p_chain;
  v_held text[] := string_to_array(nullif(current_setting(v_key, true), ''), ':');
  v_tx text := txid_current_if_assigned()::text;
begin
  if v_tx is not null and v_held[1] = v_tx then
    link_seq := v_held[2]::bigint + 1;
    link_prev := v_held[3];
  else
    select h.seq + 1, h.hash into link_seq, link_prev
      from log_chain_heads h where h.chain = p_chain for update;
    if not found then
      raise exception 'no chain head for %', p_chain;
    end if;
    v_tx := txid_current()::text;
  end if;
  link_hash := encode(sha256(convert_to(link_prev || chain_field(link_seq::text) || p_body, 'UTF8')), 'hex');
  v_key := set_config(v_key, v_tx || ':' || link_seq::text || ':' || link_hash, true);
end $$;

-- Moves the chain's head (TG_ARGV[0]) to this transaction's last link, once per statement.
create function chain_head_write() returns trigger language plpgsql as $$
declare
  v_held text[] := string_to_array(nullif(current_setting('tongdai.chain_head_' || TG_ARGV[0], true), ''), ':');
begin
  if v_held[1] = txid_current_if_assigned()::text then
    update log_chain_heads set seq = v_held[2]::bigint, hash = v_held[3]
      where chain = TG_ARGV[0] and seq <> v_held[2]::bigint;
  end if;
  return null;
end $$;

create or replace function events_chain() returns trigger language plpgsql as $$
declare
  l record;
begin
  NEW.data_digest := event_data_digest(NEW.data);
  NEW.data_erased_at := null;
  l := chain_link('events', events_chain_body(
    NEW.id, NEW.at, NEW.actor_id, NEW.actor_label, NEW.entity, NEW.entity_id, NEW.request_id,
    NEW.kind, NEW.from_status, NEW.to_status, NEW.data_digest, NEW.public_note));
  NEW.chain_seq := l.link_seq;
  NEW.prev_hash := l.link_prev;
  NEW.hash := l.link_hash;
  return NEW;
end $$;

create or replace function access_log_chain() returns trigger language plpgsql as $$
declare
  l record;
begin
  l := chain_link('access_log', access_log_chain_body(
    NEW.id, NEW.at, NEW.actor_id, NEW.actor_label, NEW.actor_role, NEW.action, NEW.request_id,
    NEW.target, NEW.details, NEW.ip, NEW.user_agent));
  NEW.chain_seq := l.link_seq;
  NEW.prev_hash := l.link_prev;
  NEW.hash := l.link_hash;
  return NEW;
end $$;

create trigger events_chain_head after insert on events
  for each statement execute function chain_head_write('events');
create trigger access_log_chain_head after insert on access_log
  for each statement execute function chain_head_write('access_log');
