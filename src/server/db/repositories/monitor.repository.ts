import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";
import { effectiveDueSql as effectiveDue } from "./slip.repository.js";

/** The supervision board (R-MO3): open transfer slips counted by agency. */
export const boardRow = z.object({
  agency_id: z.string(),
  agency_name: z.string(),
  open: col.number,
  due_soon: col.number,
  late: col.number,
});
export type BoardRow = z.infer<typeof boardRow>;

/** Open slips by agency with due-soon and late counts (R-MO3); the instants come in working time. */
export async function boardByAgency(
  db: Executor,
  now: Date,
  soon: Date,
  agencyId?: string,
): Promise<BoardRow[]> {
  return select(
    db,
    boardRow,
    sql`select a.id as agency_id, a.name as agency_name, count(*)::int as open,
          count(*) filter (where ${effectiveDue} >= ${now.toISOString()} and ${effectiveDue} <= ${soon.toISOString()})::int as due_soon,
          count(*) filter (where ${effectiveDue} < ${now.toISOString()})::int as late
        from transfer_slips s join agencies a on a.id = s.agency_id
        where s.closed_at is null ${agencyId ? sql`and s.agency_id = ${agencyId}` : sql``}
        group by a.id, a.name order by late desc, due_soon desc, open desc, a.name`,
  );
}
