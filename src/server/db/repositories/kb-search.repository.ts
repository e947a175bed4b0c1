import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select, selectOne } from "../client.js";
import { allRows } from "../queries.js";
import { kbEntryRow } from "./kb.repository.js";

/**
 * What the in-process search index reads (R-HA1): an entry's columns it searches and filters on, and
 * the change counter it caught up to. The database stays the source of truth.
 */
export const kbIndexRow = kbEntryRow
  .pick({
    id: true,
    external_id: true,
    status: true,
    question: true,
    answer_text: true,
    keywords: true,
    field_id: true,
    effective_from: true,
    effective_until: true,
  })
  .extend({ search_seq: col.number });
export type KbIndexRow = z.infer<typeof kbIndexRow>;

const seqRow = z.object({ seq: col.number });

/** The change counter; one row, so checking it before every search is cheap. */
export async function currentSearchSeq(db: Executor): Promise<number> {
  const row = await selectOne(db, seqRow, sql`select seq from kb_search_state where id = 1`);
  return row?.seq ?? 0;
}

export const entriesChangedSince = allRows(
  kbIndexRow,
  (
    seq: number,
    limit: number,
  ) => sql`select id, external_id, status, question, answer_text, keywords, field_id, effective_from, effective_until, search_seq
        from kb_entries where search_seq > ${seq} order by search_seq limit ${limit}`,
);

export const kbHitRow = z.object({
  id: z.string(),
  question: z.string(),
  answer_text: z.string(),
  field_code: z.string().nullable(),
  agency_name: z.string().nullable(),
  content_updated_at: col.timestamp,
});
export type KbHitRow = z.infer<typeof kbHitRow>;

/** The counter row left-joined to the hits: the hit columns are null when no entry matched. */
const seqHitRow = z.union([seqRow.extend(kbHitRow.shape), seqRow.extend({ id: z.null() })]);

/**
 * The rows of a search's hits together with the change counter, in one round trip: when the
 * counter moved since the index was read, the caller catches up and searches again. The answering
 * agency's name and when the entry's served content last changed come with them (the staff hit;
 * by primary key, so the index does not hold them and a renamed agency shows at once).
 */
export async function hitsWithSeq(db: Executor, ids: string[]): Promise<{ seq: number; rows: KbHitRow[] }> {
  const seqOnly = sql`select s.seq from kb_search_state s where s.id = 1`;
  if (ids.length === 0) {
    const row = await selectOne(db, seqRow, seqOnly);
    return { seq: row?.seq ?? 0, rows: [] };
  }
  const rows = await select(
    db,
    seqHitRow,
    sql`select s.seq, e.id, e.question, e.answer_text, f.code as field_code, a.name as agency_name,
          e.content_updated_at
        from kb_search_state s
        left join kb_entries e on e.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        left join fields f on f.id = e.field_id
        left join agencies a on a.id = e.agency_id
        where s.id = 1`,
  );
  const hits = rows.flatMap((r) => (r.id === null ? [] : [kbHitRow.parse(r)]));
  return { seq: rows[0]?.seq ?? 0, rows: hits };
}

export async function fieldCodes(db: Executor): Promise<Map<string, number>> {
  const rows = await select(
    db,
    z.object({ id: z.number(), code: z.string() }),
    sql`select id, code from fields`,
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}
