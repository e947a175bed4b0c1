import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";
import { allRows, oneRow } from "../queries.js";
import { factQuery, factsRow, requestAgency, requestWhere } from "./report.repository.js";

/** The requester's satisfaction with a published answer (issue 19, migration 0025). */
export const feedbackRow = z.object({
  request_id: z.string(),
  resolved: z.boolean(),
  rating: col.number,
  comment: z.string().nullable(),
  created_at: col.timestamp,
});
export type FeedbackRow = z.infer<typeof feedbackRow>;

/**
 * Records the feedback once: the primary key on request_id is the "once". Returns false when the
 * request already has feedback (a concurrent post that lost, or a second one), writing nothing.
 */
export async function insertFeedback(
  tx: Executor,
  f: { requestId: string; resolved: boolean; rating: number; comment: string | null; at: Date },
): Promise<boolean> {
  const rows = await select(
    tx,
    z.object({ request_id: z.string() }),
    sql`insert into request_feedback (request_id, resolved, rating, comment, created_at)
        values (${f.requestId}, ${f.resolved}, ${f.rating}, ${f.comment}, ${f.at.toISOString()})
        on conflict (request_id) do nothing returning request_id`,
  );
  return rows.length === 1;
}

export const findFeedback = oneRow(
  feedbackRow,
  (requestId: string) => sql`select * from request_feedback where request_id = ${requestId}`,
);

const feedbackFactsRow = factsRow({
  feedback: col.number,
  resolved: col.number,
  rating_sum: col.number,
});
export type FeedbackFactsRow = z.infer<typeof feedbackFactsRow>;

/**
 * Satisfaction facts (issue 19): feedback given in [from, until) and by `asOf`, grouped like the
 * request facts — the request's answering agency (else the one responsible now), its field, its
 * channel, its operator. Feedback counts in the period it was given, so a frozen period's figure
 * never moves when a requester answers later.
 */
export const feedbackFacts = factQuery(feedbackFactsRow, requestAgency, (g, f) => {
  const until = new Date(Math.min(f.until.getTime(), f.asOf.getTime()));
  return sql`select ${g.key} as key, ${g.label} as label, x.feedback, x.resolved, x.rating_sum
        from (
          select ${g.gid} as gid, count(*) as feedback,
                 count(*) filter (where fb.resolved) as resolved, coalesce(sum(fb.rating), 0) as rating_sum
          from request_feedback fb
          join requests r on r.id = fb.request_id
          where fb.created_at >= ${f.from.toISOString()} and fb.created_at < ${f.until.toISOString()}
            and fb.created_at <= ${until.toISOString()}
            and ${requestWhere(f, requestAgency)}
          group by 1
        ) x
        ${g.join}`;
});

const reopenedRow = z.object({
  request_id: z.string(),
  code: z.string(),
  rating: col.number,
  comment: z.string().nullable(),
  created_at: col.timestamp,
});

/**
 * Requests the requester sent back as "not resolved" that still wait for the coordinator
 * (with_coordinator), newest first; `agencyId` narrows to one agency's (a leader's board).
 */
export const listNotResolvedWaiting = allRows(
  reopenedRow,
  (agencyId?: string) => sql`select r.id as request_id, r.code, fb.rating, fb.comment, fb.created_at
        from request_feedback fb join requests r on r.id = fb.request_id
        where not fb.resolved and r.status = 'with_coordinator'
          and ${agencyId ? sql`${requestAgency} = ${agencyId}` : sql`true`}
        order by fb.created_at desc limit 100`,
);
