import { sql } from "drizzle-orm";
import type { KbStatus } from "../../../shared/schemas/kb.js";
import { type Executor, query, queryOne } from "../client.js";

/** What the in-process search index reads (R-HA1); the database stays the source of truth. */
export interface KbIndexRow {
  id: string;
  external_id: string | null;
  status: KbStatus;
  question: string;
  answer_text: string;
  keywords: string[];
  field_id: number | null;
  effective_from: Date | null;
  effective_until: Date | null;
  search_seq: number;
}

/** The change counter; one row, so checking it before every search is cheap. */
export async function currentSearchSeq(db: Executor): Promise<number> {
  const row = await queryOne<{ seq: number }>(db, sql`select seq from kb_search_state where id = 1`);
  return Number(row?.seq ?? 0);
}

export async function entriesChangedSince(db: Executor, seq: number, limit: number): Promise<KbIndexRow[]> {
  return query<KbIndexRow>(
    db,
    sql`select id, external_id, status, question, answer_text, keywords, field_id, effective_from, effective_until, search_seq
        from kb_entries where search_seq > ${seq} order by search_seq limit ${limit}`,
  );
}

export interface KbHitRow {
  id: string;
  question: string;
  answer_text: string;
  field_code: string | null;
}

/**
 * The rows of a search's hits together with the change counter, in one round trip: when the
 * counter moved since the index was read, the caller catches up and searches again.
 */
export async function hitsWithSeq(db: Executor, ids: string[]): Promise<{ seq: number; rows: KbHitRow[] }> {
  const seqOnly = sql`select s.seq, null::uuid as id, null as question, null as answer_text, null as field_code from kb_search_state s where s.id = 1`;
  if (ids.length === 0) {
    const row = await queryOne<{ seq: number }>(db, seqOnly);
    return { seq: Number(row?.seq ?? 0), rows: [] };
  }
  const rows = await query<KbHitRow & { seq: number }>(
    db,
    sql`select s.seq, e.id, e.question, e.answer_text, f.code as field_code
        from kb_search_state s
        left join kb_entries e on e.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        left join fields f on f.id = e.field_id
        where s.id = 1`,
  );
  return { seq: Number(rows[0]?.seq ?? 0), rows: rows.filter((r) => r.id !== null) };
}

export async function fieldCodes(db: Executor): Promise<Map<string, number>> {
  const rows = await query<{ id: number; code: string }>(db, sql`select id, code from fields`);
  return new Map(rows.map((r) => [r.code, r.id]));
}
