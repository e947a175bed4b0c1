-- Intake speed (issue 16, ninth session): the event log's chain trigger called three SQL helper
-- functions per entry that PostgreSQL cannot inline, so each ran as a statement of its own through
-- the SQL-function executor (pg_stat_statements with track = all lists one call per event of each):
-- event_data_digest (its convert_to is STABLE, the function is declared IMMUTABLE: inlining
-- refused), chain_time (date_part of a timestamptz is STABLE: the same), and chain_field around
-- chain_time's result (an argument that costs a function call, used three times in the body:
-- inlining refused). The trigger now writes those expressions itself, with the time held in a
-- variable so chain_field's argument is a plain value; every chain_field call is then inlined.
-- The text hashed is the same, character for character: same digest, same links, same hashes;
-- verify-audit (services/audit-chain.ts, in Node) is unchanged. The helpers stay (verify-audit's
-- repository and erasure use them).
create or replace function events_chain() returns trigger language plpgsql as $$
declare
  l record;
  v_at text := (extract(epoch from NEW.at) * 1000000)::bigint::text;
begin
  NEW.data_digest := encode(sha256(convert_to(NEW.data::text, 'UTF8')), 'hex');
  NEW.data_erased_at := null;
  l := chain_link('events',
    chain_field(NEW.id::text) || chain_field(v_at) || chain_field(NEW.actor_id::text)
    || chain_field(NEW.actor_label) || chain_field(NEW.entity) || chain_field(NEW.entity_id)
    || chain_field(NEW.request_id::text) || chain_field(NEW.kind) || chain_field(NEW.from_status)
    || chain_field(NEW.to_status) || chain_field(NEW.data_digest) || chain_field(NEW.public_note));
  NEW.chain_seq := l.link_seq;
  NEW.prev_hash := l.link_prev;
  NEW.hash := l.link_hash;
  return NEW;
end $$;
