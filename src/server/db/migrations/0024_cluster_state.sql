-- Issue 15, several server processes on one database.

-- A job that must run in one process at a time for as long as it runs, not once per interval: the
-- IMAP poller holds its mailbox with an IDLE connection. The holder renews its row in job_runs;
-- another process takes the row over only once the holder has stopped renewing it.
alter table job_runs add column holder text;

-- Every rate limit now takes its tokens here, a portal page or a look-up included: unlogged, a take
-- commits without waiting for a WAL flush (measured 3× the logged rate for takes from new
-- addresses). After a crash or on a promoted standby the table is empty: every address starts with
-- a full bucket, as the per-process counters did after any restart.
alter table rate_buckets set unlogged;
