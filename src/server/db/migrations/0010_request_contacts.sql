-- Contact details belong to the request they were given with (issue 13, Art. 11.1, Art. 3.4).
-- Until now staff screens and notifications read the requester row, which the newest submission
-- with the same phone rewrote: anyone knowing a phone number could change an earlier request as
-- staff see it and redirect its notifications. Each request now keeps its own snapshot; the
-- requester row only groups requests by identity and no submission edits it.
alter table requests
  add column contact_kind text not null default 'person' check (contact_kind in ('person', 'organisation')),
  add column contact_name text,
  add column contact_phone text,                -- normalised +84…, as given with this request
  add column contact_email text,
  add column contact_address text,
  -- The requester's id on the chat or mail channel the request came from (Zalo user id, PSID, address).
  add column contact_channel_id text,
  -- Follow link (R-PU2): sha256 (hex) of a random per-request secret; the secret itself is never stored.
  add column follow_secret_hash text,
  add column follow_secret_revoked_at timestamptz;

-- Backfill: the details each request showed until now (its requester's) and the identity on its channel.
update requests r set contact_kind = p.kind, contact_name = p.full_name, contact_phone = p.phone,
  contact_email = p.email, contact_address = p.address
from requesters p where p.id = r.requester_id;
update requests r set contact_channel_id = (
  select i.external_id from requester_identities i
  where i.requester_id = r.requester_id and i.channel = r.channel
  order by i.created_at desc limit 1)
where r.channel in ('email', 'zalo', 'facebook');

create unique index requests_follow_secret on requests (follow_secret_hash) where follow_secret_hash is not null;
-- Follow by code + email compares the request's own email (the code is the unique key; no index needed).
