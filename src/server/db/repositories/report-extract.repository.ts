import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { z } from "zod";
import { col, type Db, poolOf } from "../client.js";
import { allRows } from "../queries.js";
import { type FigureFilter, requestAgency, requestWhere } from "./report.repository.js";

/** Extraction for inspection (Art. 11.1): every request with its obligations, in keyset pages or through a cursor. */

const extractRow = z.object({
  id: z.string(),
  code: z.string(),
  channel: z.string(),
  received_at: col.timestamp,
  urgency: z.string(),
  status: z.string(),
  field_code: z.string().nullable(),
  field_name: z.string().nullable(),
  content: z.string(),
  operator: z.string().nullable(),
  agency_code: z.string().nullable(),
  agency_name: z.string().nullable(),
  forwarded_at: col.nullableTimestamp,
  refusal_reason: z.string().nullable(),
  answer_source: z.string().nullable(),
  answered_at: col.nullableTimestamp,
  answer: z.string().nullable(),
  published_at: col.nullableTimestamp,
  closed_at: col.nullableTimestamp,
  recording_url: z.string().nullable(),
  obligations: z
    .array(
      z.object({
        kind: z.string(),
        due_at: z.string(),
        met_at: z.string().nullable(),
        waived_at: z.string().nullable(),
      }),
    )
    .nullable(),
});
export type ExtractRow = z.infer<typeof extractRow>;

/** The extraction's statement: every matching request, ordered by (received_at, id), after `after`. */
function extractStatement(
  f: FigureFilter,
  after: { receivedAt: Date; id: string } | null,
  limit?: number,
): SQL {
  const cursor = after
    ? sql`(r.received_at, r.id) > (${after.receivedAt.toISOString()}::timestamptz, ${after.id}::uuid)`
    : sql`true`;
  return sql`select r.id, r.code, r.channel, r.received_at, r.urgency, r.status, f.code as field_code,
               f.name as field_name, r.content, u.username as operator, ag.code as agency_code,
               ag.name as agency_name, sl.sent_at as forwarded_at, rr.code as refusal_reason,
               an.source as answer_source, an.created_at as answered_at, an.body as answer,
               r.published_at, r.closed_at, r.recording_url,
               (select jsonb_agg(jsonb_build_object('kind', o.kind, 'due_at', o.due_at, 'met_at', o.met_at,
                                                     'waived_at', o.waived_at) order by o.created_at)
                  from obligations o where o.request_id = r.id) as obligations
        from requests r
        left join agencies ag on ag.id = ${requestAgency}
        left join fields f on f.id = r.field_id
        left join users u on u.id = r.operator_id
        left join refusal_reasons rr on rr.id = r.refusal_reason_id
        left join lateral (select s.sent_at from transfer_slips s where s.request_id = r.id
                           order by s.sent_at limit 1) sl on true
        left join lateral (select a.source, a.created_at, a.body from answers a where a.request_id = r.id
                           order by a.created_at limit 1) an on true
        where r.received_at >= ${f.from.toISOString()} and r.received_at < ${f.until.toISOString()}
          and ${requestWhere(f, requestAgency)}
          and ${cursor}
        order by r.received_at, r.id
        ${limit === undefined ? sql`` : sql`limit ${limit}`}`;
}

/**
 * One page of the extraction, ordered by (received_at, id) after the cursor. Keyset paging keeps
 * every page an index range scan, so memory stays flat whatever the number of rows.
 */
export const extractPage = allRows(
  extractRow,
  (f: FigureFilter, after: { receivedAt: Date; id: string } | null, limit: number) =>
    extractStatement(f, after, limit),
);

const dialect = new PgDialect();

/**
 * Every row of the extraction, `pageSize` at a time, pulled only as fast as the caller consumes.
 * On PostgreSQL: one statement, planned once, read through a server-side cursor on one pooled
 * connection (a read-only transaction: one consistent snapshot; the connection is held until the
 * last page is read or the caller stops — `return()` closes the cursor and releases it). On PGlite
 * (one connection shared by every request, so no long transaction): keyset pages.
 */
export async function* extractPages(db: Db, f: FigureFilter, pageSize: number): AsyncGenerator<ExtractRow[]> {
  const pool = poolOf(db);
  if (!pool) {
    let after: { receivedAt: Date; id: string } | null = null;
    for (;;) {
      const page = await extractPage(db, f, after, pageSize);
      if (page.length > 0) yield page;
      const last = page[page.length - 1];
      if (!last || page.length < pageSize) return;
      after = { receivedAt: last.received_at, id: last.id };
    }
  }
  const { sql: text, params } = dialect.sqlToQuery(extractStatement(f, null));
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("begin read only");
    await client.query("set local jit = off");
    await client.query(`declare extraction no scroll cursor for ${text}`, params as unknown[]);
    for (;;) {
      const { rows } = await client.query(`fetch forward ${Number(pageSize)} from extraction`);
      if (rows.length > 0) yield rows.map((row) => extractRow.parse(row));
      if (rows.length < pageSize) break;
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // Reached on the last page, on an error, and when the consumer stops early (client gone).
    try {
      await client.query(broken ? "rollback" : "commit");
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  }
}
