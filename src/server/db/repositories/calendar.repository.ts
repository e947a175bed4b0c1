import { sql } from "drizzle-orm";
import { type Executor, query, queryOne } from "../client.js";

/** Storage of the working-time calendar (R-HA6). Documents are validated by the service. */
export interface CalendarRulesRow {
  rules: unknown;
  updated_at: Date;
}

export interface OfficialYearRow {
  year: number;
  schedule: unknown;
  updated_at: Date;
}

export async function findCalendarRules(db: Executor): Promise<CalendarRulesRow | undefined> {
  return queryOne<CalendarRulesRow>(db, sql`select rules, updated_at from calendar_settings where id = 1`);
}

export async function listOfficialYears(db: Executor): Promise<OfficialYearRow[]> {
  return query<OfficialYearRow>(
    db,
    sql`select year, schedule, updated_at from calendar_official_years order by year`,
  );
}

export async function findOfficialYear(db: Executor, year: number): Promise<OfficialYearRow | undefined> {
  return queryOne<OfficialYearRow>(
    db,
    sql`select year, schedule, updated_at from calendar_official_years where year = ${year} for update`,
  );
}

/** First start: the shipped rules and schedules, without touching anything already stored. */
export async function seedCalendar(
  db: Executor,
  rules: object,
  schedules: { year: number }[],
): Promise<boolean> {
  const inserted = await query<{ id: number }>(
    db,
    sql`insert into calendar_settings (id, rules) values (1, ${JSON.stringify(rules)}::jsonb)
        on conflict (id) do nothing returning id`,
  );
  if (inserted.length === 0) return false;
  for (const s of schedules) {
    await db.execute(
      sql`insert into calendar_official_years (year, schedule) values (${s.year}, ${JSON.stringify(s)}::jsonb)
          on conflict (year) do nothing`,
    );
  }
  return true;
}

/** Replaces the rules; returns the previous document for the audit trail. */
export async function saveCalendarRules(db: Executor, rules: object, userId: string): Promise<unknown> {
  const before = await queryOne<{ rules: unknown }>(
    db,
    sql`select rules from calendar_settings where id = 1 for update`,
  );
  await db.execute(
    sql`insert into calendar_settings (id, rules, updated_at, updated_by)
        values (1, ${JSON.stringify(rules)}::jsonb, now(), ${userId})
        on conflict (id) do update set rules = excluded.rules, updated_at = now(), updated_by = excluded.updated_by`,
  );
  return before?.rules ?? null;
}

export async function saveOfficialYear(
  db: Executor,
  schedule: { year: number },
  userId: string,
): Promise<void> {
  await db.execute(
    sql`insert into calendar_official_years (year, schedule, updated_at, updated_by)
        values (${schedule.year}, ${JSON.stringify(schedule)}::jsonb, now(), ${userId})
        on conflict (year) do update set schedule = excluded.schedule, updated_at = now(), updated_by = excluded.updated_by`,
  );
}

export async function deleteOfficialYear(db: Executor, year: number): Promise<boolean> {
  const rows = await query<{ year: number }>(
    db,
    sql`delete from calendar_official_years where year = ${year} returning year`,
  );
  return rows.length > 0;
}
