-- Issue 19: the requester's satisfaction with a published answer, and staff's internal notes.

-- Satisfaction (issue 19): asked once the answer is published, given once per request — the primary
-- key is the "once", so two concurrent posts cannot both land. The comment is the requester's own
-- words, like the request's content: never published, never in figures, erased with the request's
-- personal data (person-data.repository.ts anonymiseRequests). It counts in the period it was given.
create table request_feedback (
  request_id uuid primary key references requests (id),
  resolved boolean not null,
  rating smallint not null check (rating between 1 and 5),
  comment text check (comment is null or char_length(comment) between 1 and 2000),
  created_at timestamptz not null default now()
);
create index request_feedback_created on request_feedback (created_at);

-- Internal notes (issue 19): staff working on a request write to each other; never shown to the
-- requester, never published, never in Open311 or webhooks. The forwarding and assignment notes
-- stay where they are (the forward / escalate / assign_agency events) and are read from there.
-- `mentions`: the users alerted by an @username in the body.
create table request_notes (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id),
  author_id uuid not null references users (id),
  body text not null check (char_length(body) between 1 and 5000),
  mentions uuid[] not null default '{}',
  created_at timestamptz not null default now()
);
create index request_notes_request on request_notes (request_id, created_at, id);
