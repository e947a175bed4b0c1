-- Issue 16: a snapshot of the in-process Q&A search index, so a restarted server answers from it in
-- a second or two instead of re-reading and re-folding every entry. Derived data: the index is
-- rebuilt from kb_entries whenever the snapshot is missing, unreadable or does not match them.
-- One snapshot at a time: a header row and the compressed bytes cut into chunks (a value of tens of
-- megabytes would have to be held whole, twice, by the driver).
create table kb_search_snapshot (
  id int primary key check (id = 1),
  -- The kb_search_state.seq the index had caught up with; entries changed later are loaded on top.
  seq bigint not null check (seq >= 0),
  format int not null,
  -- Uncompressed length, number of chunks and SHA-256 of the compressed chunks in order.
  bytes bigint not null check (bytes > 0),
  chunks int not null check (chunks > 0),
  checksum text not null check (checksum ~ '^[0-9a-f]{64}$'),
  -- What the index held: live entries and the sum of their search_seq, checked against kb_entries.
  entries int not null check (entries >= 0),
  seq_sum numeric not null,
  written_at timestamptz not null default now()
);

create table kb_search_snapshot_chunks (
  n int primary key check (n >= 0),
  data bytea not null
);

-- Issue 16: how many published Q&A answers the acknowledgement of a chat or email request carried
-- (0 = none confident enough), for the reports' "answered by suggestion" figures.
alter table requests add column kb_suggestions smallint not null default 0 check (kb_suggestions between 0 and 5);
