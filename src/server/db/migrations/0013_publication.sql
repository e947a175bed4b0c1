-- Issue 13, "Publication belongs to whoever answered" and "Public answer ids".
--
-- public_id: the id a published answer has on the portal and the public API (/hoi-dap/<public_id>,
-- /api/v1/public/answers/<public_id>). 16 random hex characters drawn per row from
-- gen_random_uuid(), never derived from the follow code, so a published answer cannot be tied to a
-- follow lookup (code + phone). Every request gets one (existing rows are filled by the volatile
-- default when the column is added, new rows at insert); only public requests can be found by it.
alter table requests
  add column public_id text not null default substr(md5(gen_random_uuid()::text), 1, 16);
alter table requests add constraint requests_public_id_format check (public_id ~ '^[0-9a-f]{16}$');
create unique index requests_public_id on requests (public_id);

-- The coordinator's takedown (Art. 12, 13): the answer leaves the portal, the request goes back to
-- "answered" so that the answering agency can publish again after fixing it. Publishing again
-- clears both columns; the event log keeps every takedown with its reason.
alter table requests add column taken_down_at timestamptz;
alter table requests add column takedown_reason text;
alter table requests add constraint requests_takedown_reason check (
  (taken_down_at is null and takedown_reason is null)
  or (taken_down_at is not null and length(takedown_reason) between 1 and 2000));
