import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";
import { allRows, changesAny, countChanged, insertedId, oneRow, textArray, uuidArray } from "../queries.js";

/** Issue 19: mass events, their fields, and the requests linked to them (migration 0026). */
export const massEventRow = z.object({
  id: z.string(),
  title: z.string(),
  keywords: z.string(),
  answer: z.string(),
  starts_at: col.timestamp,
  ends_at: col.timestamp,
  banner: z.boolean(),
  emergency_numbers: z.array(z.string()),
  cancelled_at: col.nullableTimestamp,
  version: z.number(),
  fields: z.array(z.string()),
  linked: z.number(),
  answered: z.number(),
});
export type MassEventRow = z.infer<typeof massEventRow>;

const selectEvent = sql`
  select e.id, e.title, e.keywords, e.answer, e.starts_at, e.ends_at, e.banner, e.emergency_numbers,
         e.cancelled_at, e.version,
         coalesce((select array_agg(f.code order by f.code) from mass_event_fields mf join fields f on f.id = mf.field_id
                   where mf.mass_event_id = e.id), '{}') as fields,
         (select count(*) from mass_event_links l where l.mass_event_id = e.id)::int as linked,
         (select count(*) from mass_event_links l where l.mass_event_id = e.id and l.answered_at is not null)::int as answered
  from mass_events e`;

export interface MassEventInput {
  title: string;
  keywords: string;
  answer: string;
  startsAt: Date;
  endsAt: Date;
  banner: boolean;
  emergencyNumbers: string[];
  fieldIds: number[];
}

async function setFields(tx: Executor, id: string, fieldIds: number[]): Promise<void> {
  await tx.execute(sql`delete from mass_event_fields where mass_event_id = ${id}`);
  for (const fieldId of fieldIds)
    await tx.execute(sql`insert into mass_event_fields (mass_event_id, field_id) values (${id}, ${fieldId})`);
}

export async function insertMassEvent(tx: Executor, e: MassEventInput, by: string): Promise<string> {
  const id = await insertedId(
    tx,
    sql`insert into mass_events (title, keywords, answer, starts_at, ends_at, banner, emergency_numbers, created_by)
        values (${e.title}, ${e.keywords}, ${e.answer}, ${e.startsAt.toISOString()}, ${e.endsAt.toISOString()},
                ${e.banner}, ${textArray(e.emergencyNumbers)}, ${by})
        returning id`,
    "mass event",
  );
  await setFields(tx, id, e.fieldIds);
  return id;
}

/** Applies the change if the version still matches; false when someone else changed it first. */
export async function updateMassEvent(
  tx: Executor,
  id: string,
  version: number,
  e: MassEventInput,
): Promise<boolean> {
  const changed = await countChanged(
    tx,
    sql`update mass_events set title = ${e.title}, keywords = ${e.keywords}, answer = ${e.answer},
          starts_at = ${e.startsAt.toISOString()}, ends_at = ${e.endsAt.toISOString()}, banner = ${e.banner},
          emergency_numbers = ${textArray(e.emergencyNumbers)}, version = version + 1, updated_at = now()
        where id = ${id} and version = ${version} returning id`,
  );
  if (changed === 0) return false;
  await setFields(tx, id, e.fieldIds);
  return true;
}

export async function cancelMassEvent(tx: Executor, id: string, version: number, at: Date): Promise<boolean> {
  const rows = await select(
    tx,
    z.object({ id: z.string() }),
    sql`update mass_events set cancelled_at = ${at.toISOString()}, version = version + 1, updated_at = now()
        where id = ${id} and version = ${version} and cancelled_at is null returning id`,
  );
  return rows.length === 1;
}

export const findMassEvent = oneRow(massEventRow, (id: string) => sql`${selectEvent} where e.id = ${id}`);

/** Newest first; `overlapping` keeps the events whose window meets [from, to). */
export async function listMassEvents(
  db: Executor,
  overlapping?: { from: Date; to: Date },
): Promise<MassEventRow[]> {
  const where = overlapping
    ? sql`where e.starts_at < ${overlapping.to.toISOString()} and e.ends_at > ${overlapping.from.toISOString()}`
    : sql``;
  return select(db, massEventRow, sql`${selectEvent} ${where} order by e.starts_at desc, e.id limit 200`);
}

/** The events of these ids (any age), newest first; an unknown id is left out. */
export const massEventsByIds = allRows(
  massEventRow,
  (ids: string[]) => sql`${selectEvent} where e.id = any(${uuidArray(ids)}) order by e.starts_at desc, e.id`,
);

/** The events on at `now` (inside the window, not cancelled). */
export const activeMassEvents = allRows(
  massEventRow,
  (
    now: Date,
  ) => sql`${selectEvent} where e.cancelled_at is null and e.starts_at <= ${now.toISOString()} and e.ends_at > ${now.toISOString()}
        order by e.starts_at desc, e.id`,
);

export const findLink = oneRow(
  z.object({ mass_event_id: z.string(), score: z.number(), answered_at: col.nullableTimestamp }),
  (requestId: string) =>
    sql`select mass_event_id, score, answered_at from mass_event_links where request_id = ${requestId}`,
);

/** Links a request to an event once (a request belongs to at most one event). */
export async function insertLink(
  db: Executor,
  l: { requestId: string; massEventId: string; score: number; at: Date },
): Promise<void> {
  await db.execute(
    sql`insert into mass_event_links (request_id, mass_event_id, score, linked_at)
        values (${l.requestId}, ${l.massEventId}, ${l.score}, ${l.at.toISOString()})
        on conflict (request_id) do nothing`,
  );
}

/** The operator answered the linked request with the event's prepared text. False: no such link. */
export const markLinkAnswered = changesAny(
  (requestId: string, massEventId: string, at: Date) =>
    sql`update mass_event_links set answered_at = ${at.toISOString()}
        where request_id = ${requestId} and mass_event_id = ${massEventId} and answered_at is null
        returning request_id`,
);
