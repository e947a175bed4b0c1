-- Only focal points and agency leaders belong to an agency (twenty-ninth session). 0002 holds that
-- they always do; the other roles act province-wide, and an agency set on one of them would be read
-- as theirs (the actor's agency: request access, the live bus, reports). The API has refused it
-- since the twenty-eighth session; an account stored before keeps no agency, each clearing recorded
-- in the event log, and the database then holds the rule for every way in.
with cleared as (
  update users u set agency_id = null
  from (select id, agency_id from users
        where role not in ('focal_point', 'agency_leader') and agency_id is not null) old
  where u.id = old.id
  returning u.id, old.agency_id
)
insert into events (actor_label, entity, entity_id, kind, data)
select 'Hệ thống (migration 0037)', 'user', id::text, 'user.updated',
       jsonb_build_object('before', jsonb_build_object('agencyId', agency_id),
                          'after', jsonb_build_object('agencyId', null))
from cleared
order by id;

alter table users add constraint users_agency_only_for_agency_roles
  check (role in ('focal_point', 'agency_leader') or agency_id is null);
