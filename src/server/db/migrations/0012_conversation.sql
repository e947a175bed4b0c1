-- Conversation with the requester (Art. 14.6): the agency asks for what is missing or unclear, the
-- requester answers on their channel or on the follow page. PostgreSQL 15 syntax only.

-- Set when a question is sent, cleared by the requester's reply or by a change of status. The
-- legal clock is not paused while it is set (Art. 10.3 counts working hours from receipt).
alter table requests add column awaiting_requester_since timestamptz;
create index requests_awaiting_requester on requests (agency_id, awaiting_requester_since)
  where awaiting_requester_since is not null;

-- Every message of the conversation, both ways. The event log records each one too (audit trail);
-- this table is the conversation as staff and the requester read it. Rows are never changed.
create table request_messages (
  id bigserial primary key,
  request_id uuid not null references requests (id),
  direction text not null check (direction in ('in', 'out')),
  -- Out: where the question was delivered (the follow page always shows it; 'portal' = only there).
  -- In: the channel the reply came on.
  channel text not null check (channel in ('phone', 'portal', 'email', 'zalo', 'facebook', 'other')),
  -- The staff member who asked (out); null for the requester's replies (in).
  author_id uuid references users (id),
  author_label text not null check (length(author_label) between 1 and 300),
  body text not null check (length(body) between 1 and 20000),
  event_id bigint not null references events (id),
  created_at timestamptz not null,
  check ((direction = 'out') = (author_id is not null))
);
create index request_messages_request on request_messages (request_id, id);

create or replace function request_messages_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'request messages are append-only';
end $$;
create trigger request_messages_no_update before update or delete on request_messages
  for each row execute function request_messages_append_only();
