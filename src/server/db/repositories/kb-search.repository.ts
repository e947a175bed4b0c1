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

export async function hitsByIds(db: Executor, ids: string[]): Promise<KbHitRow[]> {
  if (ids.length === 0) return [];
  return query<KbHitRow>(
    db,
    sql`select e.id, e.question, e.answer_text, f.code as field_code
        from kb_entries e left join fields f on f.id = e.field_id
        where e.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}

export async function fieldCodes(db: Executor): Promise<Map<string, number>> {
  const rows = await query<{ id: number; code: string }>(db, sql`select id, code from fields`);
  return new Map(rows.map((r) => [r.code, r.id]));
}
