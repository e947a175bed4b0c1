import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";
import { allRows } from "../queries.js";

/**
 * Handling times of answered slips (migration 0022, issue 11): working hours from the slip's
 * sending to its first answer, written once when the answer obligation is met. The reports take
 * their quantiles from here in SQL (report.repository.ts slipFacts).
 */
export interface NewHandling {
  slipId: string;
  obligationId: string;
  /** The answer obligation's starts_at: the slip's sending. */
  sentAt: Date;
  workingHours: number;
}

export async function insertHandling(tx: Executor, h: NewHandling): Promise<void> {
  await tx.execute(
    sql`insert into slip_handling (slip_id, obligation_id, sent_at, working_hours)
        values (${h.slipId}, ${h.obligationId}, ${h.sentAt.toISOString()}, ${h.workingHours}) on conflict do nothing`,
  );
}

const missingRow = z.object({
  slip_id: z.string(),
  obligation_id: z.string(),
  /** An answer obligation starts at the slip's sending (migration 0007). */
  starts_at: col.timestamp,
  met_at: col.timestamp,
});
export type MissingHandlingRow = z.infer<typeof missingRow>;

/**
 * Met answer obligations without a handling time (answers met before migration 0022, or data
 * written in bulk), in obligation id order after `afterId`: the backfill's pages.
 */
export const listMissingHandling = allRows(
  missingRow,
  (
    afterId: string | null,
    limit: number,
  ) => sql`select o.slip_id, o.id as obligation_id, o.starts_at, o.met_at
        from obligations o
        where o.kind = 'answer' and o.met_at is not null
          and ${afterId === null ? sql`true` : sql`o.id > ${afterId}`}
          and not exists (select 1 from slip_handling h where h.slip_id = o.slip_id)
        order by o.id limit ${limit}`,
);

/** Many rows in one statement (the backfill). */
export async function insertHandlings(db: Executor, rows: NewHandling[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(
    sql`insert into slip_handling (slip_id, obligation_id, sent_at, working_hours)
        select * from unnest(${`{${rows.map((r) => r.slipId).join(",")}}`}::uuid[],
                             ${`{${rows.map((r) => r.obligationId).join(",")}}`}::uuid[],
                             ${`{${rows.map((r) => r.sentAt.toISOString()).join(",")}}`}::timestamptz[],
                             ${`{${rows.map((r) => r.workingHours).join(",")}}`}::float8[])
        on conflict do nothing`,
  );
}

/** Fresh statistics after a large fill, so the first report plans the range on real row counts. */
export async function analyzeHandling(db: Executor): Promise<void> {
  await db.execute(sql`analyze slip_handling`);
  // The fill set as many handling times in slip_facts (migration 0029, its trigger).
  await db.execute(sql`analyze slip_facts`);
}

/**
 * The reports' per-slip facts (`slip_facts`, migration 0029) of slips that have none — slips
 * written with triggers off (bench/reports loads a million in SQL). The triggers keep every other
 * slip's facts in step; `slip_facts_fill()` is the migration's own backfill. Returns how many.
 */
export async function fillSlipFacts(db: Executor): Promise<number> {
  const row = await select(db, z.object({ n: col.number }), sql`select slip_facts_fill() as n`);
  const n = row[0]?.n ?? 0;
  if (n >= 5000) await db.execute(sql`analyze slip_facts`);
  return n;
}
