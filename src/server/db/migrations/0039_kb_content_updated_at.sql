-- When what a Q&A entry serves last changed (thirty-fourth session, docs/kb.md): its content columns
-- or its status. The staff lookup shows it as «Cập nhật …»; `updated_at` stays the entry's last
-- activity (a change proposed to a published entry, or its rejection, moves it), which orders the
-- agencies' list and dates their proposals. PostgreSQL 15 syntax only.
alter table kb_entries add column content_updated_at timestamptz;

-- A published entry's content is its published version's, from its publication (reviewed_at; an
-- imported version has none: its created_at); any other entry's content or status last changed with
-- its last move, updated_at. The search counter's trigger is off for this fill only: the index holds
-- neither column, so the search snapshot stays valid.
alter table kb_entries disable trigger kb_entries_seq;
update kb_entries e set content_updated_at = coalesce(
  (select coalesce(v.reviewed_at, v.created_at) from kb_entry_versions v
    where e.status = 'published' and v.entry_id = e.id and v.version = e.published_version),
  e.updated_at);
alter table kb_entries enable trigger kb_entries_seq;

alter table kb_entries alter column content_updated_at set default now();
alter table kb_entries alter column content_updated_at set not null;
