import { sql } from "drizzle-orm";
import { z } from "zod";
import { calendarRulesSchema, officialScheduleSchema } from "../../../shared/calendar.js";
import { col, type Executor, select, selectOne } from "../client.js";
import { allRows, oneRow } from "../queries.js";

/**
 * Storage of the working-time calendar (R-HA6). Stored documents are parsed like input when they
 * are read: a broken one fails loudly, never silently.
 */
export const calendarRulesRow = z.object({ rules: calendarRulesSchema, updated_at: col.timestamp });
export type CalendarRulesRow = z.infer<typeof calendarRulesRow>;

export const officialYearRow = z.object({
  year: z.number(),
  schedule: officialScheduleSchema,
  updated_at: col.timestamp,
});
export type OfficialYearRow = z.infer<typeof officialYearRow>;

export const findCalendarRules = oneRow(
  calendarRulesRow,
  () => sql`select rules, updated_at from calendar_settings where id = 1`,
);

export const listOfficialYears = allRows(
  officialYearRow,
  () => sql`select year, schedule, updated_at from calendar_official_years order by year`,
);

export const findOfficialYear = oneRow(
  officialYearRow,
  (year: number) =>
    sql`select year, schedule, updated_at from calendar_official_years where year = ${year} for update`,
);

/** First start: the shipped rules and schedules, without touching anything already stored. */
export async function seedCalendar(
  db: Executor,
  rules: object,
  schedules: { year: number }[],
): Promise<boolean> {
  const inserted = await select(
    db,
    z.object({ id: z.number() }),
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
  // The previous document goes to the audit trail as stored, even if it no longer parses.
  const before = await selectOne(
    db,
    z.object({ rules: z.unknown() }),
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
  const rows = await select(
    db,
    z.object({ year: z.number() }),
    sql`delete from calendar_official_years where year = ${year} returning year`,
  );
  return rows.length > 0;
}
