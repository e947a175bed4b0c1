import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Executor, select } from "../client.js";
import { allRows } from "../queries.js";
import { requestRow } from "./request.repository.js";

/**
 * Issue 19: the recent requests duplicate suggestions compare a text with, newest first. Every
 * status is read (closed ones give words their weight); the service suggests only open ones.
 */
export const duplicateCandidateRow = requestRow.pick({
  id: true,
  code: true,
  channel: true,
  status: true,
  content: true,
  field_code: true,
  received_at: true,
});
export type DuplicateCandidateRow = z.infer<typeof duplicateCandidateRow>;

export const recentRequests = allRows(
  duplicateCandidateRow,
  (
    since: Date,
    limit: number,
  ) => sql`select r.id, r.code, r.channel, r.status, r.content, f.code as field_code, r.received_at
        from requests r left join fields f on f.id = r.field_id
        where r.received_at >= ${since.toISOString()}
        order by r.received_at desc limit ${limit}`,
);

/** How many requests were merged into each of these (issue 19). */
export async function joinedCounts(db: Executor, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await select(
    db,
    z.object({ id: z.string(), n: z.number() }),
    sql`select merged_into_id as id, count(*)::int as n from requests
        where merged_into_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) group by merged_into_id`,
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
