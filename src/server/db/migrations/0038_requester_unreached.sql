-- A citizen-facing message that never reached the requester (thirty-first session, docs/channels.md):
-- the outbox marks it failed or undeliverable, or the SMS gateway reports it failed or expired, and
-- when no other way was tried (an email fallback) staff are told to call the requester back.
-- PostgreSQL 15 syntax only.

-- 1. The new kind of staff notification.
alter table staff_notifications drop constraint staff_notifications_kind_check;
alter table staff_notifications add constraint staff_notifications_kind_check
  check (kind in ('mention', 'cooperation_requested', 'reopened_not_resolved', 'requester_unreached'));

-- 2. When staff were told that this message did not reach the requester: set once, so a repeated
-- delivery report (or a second worker) never tells them twice about the same message.
alter table outbox add column unreached_noticed_at timestamptz;
