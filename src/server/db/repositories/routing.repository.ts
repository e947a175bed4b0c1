import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Executor, select } from "../client.js";

/**
 * What routing suggestions learn from (issue 19): earlier lead slips the agency kept (not returned
 * as not competent), newest first, with the request's field and the text that may name a place.
 */
const pastRow = z.object({
  agency_id: z.string(),
  field_code: z.string().nullable(),
  content: z.string(),
  address: z.string().nullable(),
});
export type PastForwardRow = z.infer<typeof pastRow>;

export async function recentForwards(
  db: Executor,
  since: Date,
  limit: number,
  excludeRequestId: string,
): Promise<PastForwardRow[]> {
  return select(
    db,
    pastRow,
    sql`select s.agency_id, f.code as field_code, r.content, r.contact_address as address
        from transfer_slips s
        join requests r on r.id = s.request_id
        left join fields f on f.id = r.field_id
        where s.role = 'lead' and s.status <> 'returned' and s.sent_at >= ${since.toISOString()}
          and s.request_id <> ${excludeRequestId}
        order by s.sent_at desc limit ${limit}`,
  );
}

const agencyRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(["department", "commune", "other"]),
});

export async function activeAgencies(db: Executor): Promise<z.infer<typeof agencyRow>[]> {
  return select(db, agencyRow, sql`select id, code, name, kind from agencies where active`);
}
