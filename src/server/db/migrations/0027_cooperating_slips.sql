-- Issue 19: several agencies on one request. A request has at most one open *lead* slip (the agency
-- that records the single answer) and any number of open *cooperating* slips, at most one open slip
-- per agency. Every slip — lead or cooperating — has its own answer obligation (Art. 10.3: 8 working
-- hours from the agency's receipt of its slip), its own progress and appointment obligations, and
-- counts in its own agency's figures (report.repository.ts slipFacts reads slips by s.agency_id).
alter table transfer_slips add column role text not null default 'lead'
  check (role in ('lead', 'cooperating'));
-- A cooperating slip ends with its agency's contribution ('contributed').
alter table transfer_slips drop constraint transfer_slips_status_check;
alter table transfer_slips add constraint transfer_slips_status_check
  check (status in ('open', 'phone_answered', 'verifying', 'answered', 'returned', 'contributed'));
alter table transfer_slips add constraint transfer_slips_contributed_cooperating
  check (status <> 'contributed' or role = 'cooperating');
drop index transfer_slips_one_open;
create unique index transfer_slips_one_open_lead on transfer_slips (request_id)
  where closed_at is null and role = 'lead';
create unique index transfer_slips_one_open_per_agency on transfer_slips (request_id, agency_id)
  where closed_at is null;
create index transfer_slips_cooperating on transfer_slips (agency_id, request_id) where role = 'cooperating';

-- A cooperating agency's contribution: what it tells the lead agency (internal, never published;
-- the lead agency records and publishes the one answer). One per cooperating slip, never changed.
create table slip_contributions (
  id uuid primary key default gen_random_uuid(),
  slip_id uuid not null unique references transfer_slips (id),
  request_id uuid not null references requests (id),
  agency_id uuid not null references agencies (id),
  author_id uuid references users (id),
  body text not null check (length(body) between 1 and 20000),
  created_at timestamptz not null
);
create index slip_contributions_request on slip_contributions (request_id, created_at);
