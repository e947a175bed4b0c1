import { sql } from "drizzle-orm";
import { z } from "zod";
import { allRows } from "../queries.js";

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

export const recentForwards = allRows(
  pastRow,
  (
    since: Date,
    limit: number,
    excludeRequestId: string,
  ) => sql`select s.agency_id, f.code as field_code, r.content, r.contact_address as address
        from transfer_slips s
        join requests r on r.id = s.request_id
        left join fields f on f.id = r.field_id
        where s.role = 'lead' and s.status <> 'returned' and s.sent_at >= ${since.toISOString()}
          and s.request_id <> ${excludeRequestId}
        order by s.sent_at desc limit ${limit}`,
);

const agencyRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(["department", "commune", "other"]),
});

export const activeAgencies = allRows(
  agencyRow,
  () => sql`select id, code, name, kind from agencies where active`,
);
