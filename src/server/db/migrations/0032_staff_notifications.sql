-- Issue 19, two gaps of the several-agencies / satisfaction work. PostgreSQL 15 syntax only.

-- 1. Staff notifications: what the console's bell lists for one user, kept until read, so an alert
-- is not lost when the person was signed out (the live stream tells only open consoles). Written in
-- the transaction of what caused it: an @mention in an internal note, a cooperating slip sent to the
-- user's agency, a request reopened by the requester's "not resolved". No text of the note or of the
-- requester's comment is copied here: the request's code (by join) and who caused it, nothing else.
create table staff_notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  kind text not null check (kind in ('mention', 'cooperation_requested', 'reopened_not_resolved')),
  request_id uuid not null references requests (id),
  -- The staff member who caused it; null when the requester did (reopened by feedback).
  by_user_id uuid references users (id),
  created_at timestamptz not null,
  read_at timestamptz
);
create index staff_notifications_user on staff_notifications (user_id, created_at desc, id);
create index staff_notifications_unread on staff_notifications (user_id) where read_at is null;

-- 2. A request reopened by "not resolved" and answered again owes a second publication (Art. 12.2):
-- the new answer has its own publish obligation and deadline. Until now one publish obligation per
-- request was allowed, so the second answer silently reused the first, already met one. Now: at
-- most one *open* publish obligation per request; met and waived ones stay as they are (the
-- obligations trigger of migration 0007 still refuses any rewrite, so earlier lateness stays).
drop index obligations_one_publish;
create unique index obligations_one_open_publish on obligations (request_id)
  where kind = 'publish' and met_at is null and waived_at is null;
