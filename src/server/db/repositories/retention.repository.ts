import { sql } from "drizzle-orm";
import { z } from "zod";
import { type RetentionRecordType, retentionRecordTypes } from "../../../shared/schemas/data-rights.js";
import { col, type Executor, selectOne } from "../client.js";
import { allRows, countChanged, oneRow } from "../queries.js";
import { requestContact, requestContactColumns } from "./person-data.repository.js";

/** Retention periods per record type (administrators) and the runs of the daily retention job. */
export const retentionSettingRow = z.object({
  record_type: z.enum(retentionRecordTypes),
  days: col.number,
  basis: z.string(),
  updated_at: col.timestamp,
});
export type RetentionSettingRow = z.infer<typeof retentionSettingRow>;

export const listRetentionSettings = allRows(retentionSettingRow, (lock = false) =>
  lock
    ? sql`select * from retention_settings order by record_type for update`
    : sql`select * from retention_settings order by record_type`,
);

export async function updateRetentionSetting(
  tx: Executor,
  s: { recordType: RetentionRecordType; days: number; basis?: string; by: string; at: Date },
): Promise<void> {
  await tx.execute(
    sql`update retention_settings set days = ${s.days}, basis = coalesce(${s.basis ?? null}, basis),
          updated_by = ${s.by}, updated_at = ${s.at.toISOString()}
        where record_type = ${s.recordType}`,
  );
}

export const retentionRunRow = z.object({
  id: col.number,
  ran_at: col.timestamp,
  run_date: z
    .union([z.string(), z.date()])
    .transform((d) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10))),
  counts: z.record(z.string(), col.number),
});

export const insertRetentionRun = oneRow(
  retentionRunRow,
  (r: {
    at: Date;
    runDate: string;
    counts: Record<string, number>;
    by: string | null;
  }) => sql`insert into retention_runs (ran_at, run_date, counts, triggered_by)
        values (${r.at.toISOString()}, ${r.runDate}, ${JSON.stringify(r.counts)}::jsonb, ${r.by}) returning *`,
);

export const lastRetentionRuns = allRows(
  retentionRunRow,
  (limit = 10) => sql`select * from retention_runs order by id desc limit ${limit}`,
);

/** Whether the job already ran on this Vietnam date (one automatic run a day). */
export async function ranOn(db: Executor, runDate: string): Promise<boolean> {
  const row = await selectOne(
    db,
    z.object({ id: col.number }),
    sql`select id from retention_runs where run_date = ${runDate} and triggered_by is null limit 1`,
  );
  return row !== undefined;
}

const notHeld = sql`legal_hold_at is null`;

/** Finished requests received before the cutoff, not anonymised yet and not held, with the person's words. */
export const requestsPastRetention = allRows(
  z.object({ id: z.string(), ...requestContact }),
  (cutoff: Date, limit = 500) => sql`select r.id, ${requestContactColumns}
        from requests r
        where r.anonymised_at is null and r.${notHeld} and r.status in ('refused', 'published', 'closed')
          and r.received_at < ${cutoff.toISOString()}
        order by r.received_at limit ${limit}`,
);

/** Recording links of requests received before the cutoff (the PBX keeps the file: docs/data-rights.md). */
export const dropRecordings = (tx: Executor, cutoff: Date) =>
  countChanged(
    tx,
    sql`update requests set recording_url = null, updated_at = now()
        where recording_url is not null and ${notHeld} and received_at < ${cutoff.toISOString()} returning id`,
  );

export const deleteAttachments = (tx: Executor, cutoff: Date) =>
  countChanged(
    tx,
    sql`delete from attachments a using requests r
        where r.id = a.request_id and r.${notHeld} and a.created_at < ${cutoff.toISOString()} returning a.id`,
  );

export const deleteOutbox = (tx: Executor, cutoff: Date) =>
  countChanged(
    tx,
    sql`delete from outbox o where o.status in ('sent', 'failed', 'undeliverable') and o.created_at < ${cutoff.toISOString()}
          and not exists (select 1 from requests r where r.id = o.request_id and r.legal_hold_at is not null)
        returning o.id`,
  );

export const deleteInbound = (tx: Executor, cutoff: Date) =>
  countChanged(
    tx,
    sql`delete from channel_inbound c where c.status in ('done', 'failed') and c.received_at < ${cutoff.toISOString()}
          and not exists (select 1 from requests r where r.id = c.request_id and r.legal_hold_at is not null)
        returning c.id`,
  );

export const deleteSessions = (tx: Executor, cutoff: Date) =>
  countChanged(tx, sql`delete from sessions where expires_at < ${cutoff.toISOString()} returning id`);

export const legalHoldRow = z.object({
  id: z.string(),
  code: z.string(),
  legal_hold_at: col.nullableTimestamp,
  legal_hold_reason: z.string().nullable(),
});

/** Sets (reason) or releases (null) the legal hold of a request. */
export const setLegalHold = oneRow(
  legalHoldRow,
  (
    requestId: string,
    reason: string | null,
    at: Date,
  ) => sql`update requests set legal_hold_at = ${reason === null ? null : at.toISOString()}, legal_hold_reason = ${reason}
        where id = ${requestId} returning id, code, legal_hold_at, legal_hold_reason`,
);

export const findLegalHold = oneRow(
  legalHoldRow,
  (requestId: string) =>
    sql`select id, code, legal_hold_at, legal_hold_reason from requests where id = ${requestId}`,
);
