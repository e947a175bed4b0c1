-- SMS delivery reports (issue 12, docs/phone-adapters.md): what the gateway later says happened to a
-- message it accepted. The outbox status stays "sent" (handed over); the report is kept beside it.
alter table outbox
  add column delivery_status text check (delivery_status is null or delivery_status in ('delivered', 'failed', 'expired')),
  add column delivery_reported_at timestamptz,
  add column delivery_error text check (delivery_error is null or length(delivery_error) <= 500);
create index outbox_provider_message on outbox (channel, provider_message_id) where provider_message_id is not null;
