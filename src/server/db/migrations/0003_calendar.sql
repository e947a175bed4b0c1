-- Working-time calendar of state administrative agencies (Art. 10.3, R-HA6).
-- The rules (weekly schedule, seasons, statutory holidays, compensatory days) are one document,
-- validated by the shared zod schema; each year's official notice is a row that overrides the
-- rules for that year. The service seeds both from the shipped defaults on first start.
create table calendar_settings (
  id smallint primary key default 1 check (id = 1),
  rules jsonb not null check (jsonb_typeof(rules) = 'object'),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);

create table calendar_official_years (
  year int primary key check (year between 1968 and 2100),
  schedule jsonb not null check (jsonb_typeof(schedule) = 'object' and schedule ->> 'year' = year::text),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);
