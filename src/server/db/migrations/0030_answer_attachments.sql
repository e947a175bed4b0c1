-- Issue 19, "Answers with attachments": an agency answers with an official letter (PDF) or photos.
--
-- They are stored where the requester's uploads are (the same table, the same content check by
-- magic bytes, the same limits, the same staff download route with its access-log row); the
-- columns below tell them apart and carry what publication needs.
--
-- kind: 'request' for what the requester sent (every existing row), 'answer' for a staff upload.
-- uploaded_by: the staff member who uploaded an answer attachment.
-- answer_id: the answer it belongs to, set when the answer is recorded with it; null while the
--   upload waits for the answer form to be sent.
-- visibility: 'public' (published with the answer) or 'internal' (staff only, never published).
-- public_id: the id of its public download link, 16 random hex characters drawn per row and never
--   derived from the follow code or the request's public id.
-- published_at / checked_by: set when the answer is published with it, by the publisher who
--   confirmed it was checked for personal data (a file cannot be redacted automatically).
alter table attachments add column kind text not null default 'request'
  check (kind in ('request', 'answer'));
alter table attachments add column uploaded_by uuid references users (id);
alter table attachments add column answer_id uuid references answers (id);
alter table attachments add column visibility text check (visibility in ('public', 'internal'));
alter table attachments add column public_id text check (public_id ~ '^[0-9a-f]{16}$');
alter table attachments add column published_at timestamptz;
alter table attachments add column checked_by uuid references users (id);

alter table attachments add constraint attachments_answer_columns check (
  (kind = 'request' and uploaded_by is null and answer_id is null and visibility is null
     and public_id is null and published_at is null and checked_by is null)
  or (kind = 'answer' and uploaded_by is not null and visibility is not null and public_id is not null));
-- Only a public attachment of a recorded answer is ever published, and only once checked.
alter table attachments add constraint attachments_published check (
  published_at is null or (visibility = 'public' and answer_id is not null and checked_by is not null));

create unique index attachments_public_id on attachments (public_id) where public_id is not null;
create index attachments_answer on attachments (answer_id) where answer_id is not null;
