import { sql } from "drizzle-orm";
import { z } from "zod";
import { timeLimitCodes } from "../../../shared/schemas/reports.js";
import { col, type Executor } from "../client.js";
import { allRows } from "../queries.js";

/** A row of `time_limits`: one time limit of the regulation, in working hours. */
export const timeLimitRow = z.object({
  code: z.enum(timeLimitCodes),
  hours: col.number,
  article: z.string(),
  updated_at: col.timestamp,
  updated_by: z.string().nullable(),
});
export type TimeLimitRow = z.infer<typeof timeLimitRow>;

export const listTimeLimits = allRows(timeLimitRow, () => sql`select * from time_limits order by code`);

/** Locks the rows for an edit, so two administrators' changes are audited one after the other. */
export const lockTimeLimits = allRows(
  timeLimitRow,
  () => sql`select * from time_limits order by code for update`,
);

export async function updateTimeLimit(
  tx: Executor,
  code: TimeLimitRow["code"],
  hours: number,
  by: string | null,
  at: Date,
): Promise<void> {
  await tx.execute(
    sql`update time_limits set hours = ${hours}, updated_by = ${by}, updated_at = ${at.toISOString()}
        where code = ${code}`,
  );
}
