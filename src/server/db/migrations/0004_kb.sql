-- Q&A base (Art. 10.1, 14.4, 15.3; R-HA1, R-KB1). Entries hold the live content; every edit is a
-- row of kb_entry_versions; the audit trail is the events table (entity 'kb_entry').

-- One counter bumped by every change to an entry. Writers take its row lock until commit, so
-- search_seq values become visible in commit order and each server process can catch up on
-- "search_seq > last seen" without missing a slower transaction.
create table kb_search_state (
  id int primary key check (id = 1),
  seq bigint not null default 0
);
insert into kb_search_state (id, seq) values (1, 0);

create table kb_entries (
  id uuid primary key default gen_random_uuid(),
  -- Identifier in an imported file; re-importing the same file updates instead of duplicating.
  external_id text unique check (length(external_id) between 1 and 200),
  status text not null default 'draft' check (status in ('draft', 'proposed', 'published', 'archived')),
  question text not null check (length(question) between 1 and 4000),
  answer_html text not null check (length(answer_html) between 1 and 200000),
  answer_text text not null,
  field_id int references fields (id),
  agency_id uuid references agencies (id),
  legal_sources jsonb not null default '[]' check (jsonb_typeof(legal_sources) = 'array'),
  keywords text[] not null default '{}',
  effective_from timestamptz,
  effective_until timestamptz check (effective_until is null or effective_from is null or effective_until > effective_from),
  version int not null default 1 check (version >= 1),
  published_version int,
  -- A proposal awaiting review: a new entry, or a change to the published one.
  pending_version int,
  expiry_flagged_at timestamptz,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_seq bigint not null default 0
);
create index kb_entries_search_seq on kb_entries (search_seq);
create index kb_entries_status on kb_entries (status, field_id);
create index kb_entries_agency on kb_entries (agency_id, status);
create index kb_entries_question_trgm on kb_entries using gin (lower(immutable_unaccent(question)) gin_trgm_ops);

create table kb_entry_versions (
  id uuid primary key default gen_random_uuid(),
  entry_id uuid not null references kb_entries (id),
  version int not null check (version >= 1),
  state text not null check (state in ('draft', 'proposed', 'published', 'rejected', 'superseded')),
  question text not null,
  answer_html text not null,
  field_id int references fields (id),
  agency_id uuid references agencies (id),
  legal_sources jsonb not null default '[]' check (jsonb_typeof(legal_sources) = 'array'),
  keywords text[] not null default '{}',
  effective_from timestamptz,
  effective_until timestamptz,
  author_id uuid references users (id),
  created_at timestamptz not null default now(),
  reviewed_by uuid references users (id),
  reviewed_at timestamptz,
  review_note text check (review_note is null or length(review_note) between 1 and 2000),
  unique (entry_id, version)
);

create or replace function kb_entries_bump_seq() returns trigger language plpgsql as $$
begin
  update kb_search_state set seq = seq + 1 where id = 1 returning seq into new.search_seq;
  return new;
end $$;
create trigger kb_entries_seq before insert or update on kb_entries
  for each row execute function kb_entries_bump_seq();
