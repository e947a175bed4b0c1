-- A job that must run in one process at a time for as long as it runs, not once per interval (issue
-- 15): the IMAP poller holds its mailbox with an IDLE connection. The holder renews its row in
-- job_runs; another process takes the row over only once the holder has stopped renewing it.
alter table job_runs add column holder text;
