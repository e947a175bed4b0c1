import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor } from "../client.js";
import { allRows, insertedId } from "../queries.js";
import { obligationStateIs } from "./obligation.repository.js";
import { slipRoleSchema } from "./slip.repository.js";

/**
 * Several agencies on one request (issue 19, migration 0027): the contributions of cooperating
 * agencies, and the open slips that hold a request up, for the coordinator's board.
 */
export const contributionRow = z.object({
  id: z.string(),
  slip_id: z.string(),
  agency_id: z.string(),
  agency_name: z.string(),
  author_name: z.string().nullable(),
  body: z.string(),
  created_at: col.timestamp,
});
export type ContributionRow = z.infer<typeof contributionRow>;

export async function insertContribution(
  tx: Executor,
  c: { requestId: string; slipId: string; agencyId: string; authorId: string | null; body: string; at: Date },
): Promise<string> {
  return insertedId(
    tx,
    sql`insert into slip_contributions (request_id, slip_id, agency_id, author_id, body, created_at)
        values (${c.requestId}, ${c.slipId}, ${c.agencyId}, ${c.authorId}, ${c.body}, ${c.at.toISOString()})
        returning id`,
    "contribution",
  );
}

export const listContributions = allRows(
  contributionRow,
  (
    requestId: string,
  ) => sql`select c.id, c.slip_id, c.agency_id, a.name as agency_name, u.full_name as author_name, c.body, c.created_at
        from slip_contributions c join agencies a on a.id = c.agency_id left join users u on u.id = c.author_id
        where c.request_id = ${requestId} order by c.created_at, c.id`,
);

export const heldUpRow = z.object({
  slip_id: z.string(),
  request_id: z.string(),
  request_code: z.string(),
  agency_id: z.string(),
  agency_name: z.string(),
  role: slipRoleSchema,
  sent_at: col.timestamp,
  due_at: col.timestamp,
  late: z.boolean(),
});
export type HeldUpRow = z.infer<typeof heldUpRow>;

/**
 * Who holds things up (issue 19): open slips, lead or cooperating, with an open obligation missed or
 * due soon (the same rule as everywhere, obligationStateIs), late first, then by the earliest due
 * time. `due_at` is the slip's earliest open obligation.
 */
export const heldUpSlips = allRows(
  heldUpRow,
  (
    now: Date,
    until: Date,
    agencyId: string | undefined,
    limit = 100,
  ) => sql`select s.id as slip_id, s.request_id, r.code as request_code, s.agency_id, a.name as agency_name, s.role,
               s.sent_at, min(o.due_at) as due_at, bool_or(${obligationStateIs("missed", now, until)}) as late
        from transfer_slips s
        join requests r on r.id = s.request_id
        join agencies a on a.id = s.agency_id
        join obligations o on o.slip_id = s.id and o.met_at is null and o.waived_at is null
        where s.closed_at is null ${agencyId ? sql`and s.agency_id = ${agencyId}` : sql``}
        group by s.id, r.code, a.name
        having bool_or(${obligationStateIs("missed", now, until)}) or bool_or(${obligationStateIs("due_soon", now, until)})
        order by late desc, due_at, s.id
        limit ${limit}`,
);
