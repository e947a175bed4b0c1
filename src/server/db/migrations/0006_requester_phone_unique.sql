-- One requester per normalised phone number (issue 2: 0xxx and +84xxx are the same person), kept by
-- the database so concurrent submissions upsert instead of racing. Earlier duplicates are merged
-- into the oldest row first.
create temporary table requester_merge on commit drop as
  select id, keep from (
    select id, first_value(id) over (partition by phone order by created_at, id) as keep
    from requesters where phone is not null
  ) ranked where id <> keep;
update requests r set requester_id = m.keep from requester_merge m where r.requester_id = m.id;
update requester_identities i set requester_id = m.keep from requester_merge m where i.requester_id = m.id;
delete from requesters p using requester_merge m where p.id = m.id;
create unique index requesters_phone_key on requesters (phone) where phone is not null;
drop index requesters_phone;
