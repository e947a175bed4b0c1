-- Agency codes are unique whatever their case (fourteenth session): "SYT" and "syt" could name two
-- agencies, while a look-up by code (switchboard transfer, imports, the report and portal filters)
-- now ignores case. Existing case-duplicates are renamed first, deterministically: in each group the
-- oldest agency (created_at, then id) keeps its code, the others become <code>-2, <code>-3, … (the
-- first suffix free whatever the case, the code cut to stay within 40 characters), each rename
-- recorded in the event log.
do $$
declare
  dup record;
  n int;
  candidate text;
begin
  for dup in
    select id, code from (
      select id, code, row_number() over (partition by lower(code) order by created_at, id) as rank
      from agencies) ranked
    where rank > 1
    order by lower(code), rank
  loop
    n := 2;
    loop
      candidate := left(dup.code, 40 - length('-' || n)) || '-' || n;
      exit when not exists (select 1 from agencies where lower(code) = lower(candidate));
      n := n + 1;
    end loop;
    update agencies set code = candidate where id = dup.id;
    insert into events (actor_label, entity, entity_id, kind, data)
    values ('Hệ thống (migration 0036)', 'agency', dup.id::text, 'agency.updated',
            jsonb_build_object('before', jsonb_build_object('code', dup.code),
                               'after', jsonb_build_object('code', candidate)));
  end loop;
end $$;

create unique index agencies_code_lower on agencies (lower(code));
