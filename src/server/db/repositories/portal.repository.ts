import { sql } from "drizzle-orm";
import { type Executor, query } from "../client.js";

export interface OptionRow {
  code: string;
  name: string;
}

/** Agencies that have at least one published answer: the portal's agency filter (Art. 12). */
export async function listAnsweringAgencies(db: Executor): Promise<OptionRow[]> {
  return query<OptionRow>(
    db,
    sql`select a.code, a.name from agencies a
        where exists (select 1 from requests r where r.answering_agency_id = a.id and r.published_at is not null)
        order by a.name`,
  );
}
