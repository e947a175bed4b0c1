-- Figures and extraction (issue 11): requests are counted by their receipt and slips by their
-- forwarding, so both need a range index on that instant; the extraction pages through requests
-- by (received_at, id) (keyset), which the composite index serves without sorting.
-- Measured in bench/reports (docs/reports.md).
create index requests_received on requests (received_at, id);
create index transfer_slips_sent on transfer_slips (sent_at);
