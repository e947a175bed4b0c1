import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import {
  type KbStatus,
  kbStatusSchema,
  kbVersionStates,
  type LegalSource,
  legalSourceSchema,
} from "../../../shared/schemas/kb.js";
import { col, type Executor, select, selectOne } from "../client.js";
import { allOf, allRows, insertedId, oneRow, pageOf, textArray } from "../queries.js";

/** Q&A base storage (R-KB1). Entries carry the live content; versions keep every edit. */
export interface KbContent {
  question: string;
  answerHtml: string;
  answerText: string;
  fieldId: number | null;
  agencyId: string | null;
  legalSources: LegalSource[];
  keywords: string[];
  effectiveFrom: Date | null;
  effectiveUntil: Date | null;
}

/** The content columns an entry and each of its versions share (with the field's code joined). */
const kbContentColumns = {
  question: z.string(),
  answer_html: z.string(),
  field_id: z.number().nullable(),
  field_code: z.string().nullable(),
  agency_id: z.string().nullable(),
  legal_sources: z.array(legalSourceSchema),
  keywords: col.textArray,
  effective_from: col.nullableTimestamp,
  effective_until: col.nullableTimestamp,
};

export const kbEntryRow = z.object({
  id: z.string(),
  external_id: z.string().nullable(),
  status: kbStatusSchema,
  ...kbContentColumns,
  answer_text: z.string(),
  version: z.number(),
  published_version: z.number().nullable(),
  pending_version: z.number().nullable(),
  expiry_flagged_at: col.nullableTimestamp,
  created_by: z.string().nullable(),
  created_at: col.timestamp,
  /** The entry's last activity: any move, a change proposed to a published entry included. */
  updated_at: col.timestamp,
  /** When what the entry serves (its content columns or status) last changed (migration 0039). */
  content_updated_at: col.timestamp,
});
export type KbEntryRow = z.infer<typeof kbEntryRow>;

export const kbVersionStateSchema = z.enum(kbVersionStates);
export type KbVersionState = z.infer<typeof kbVersionStateSchema>;

export const kbVersionRow = z.object({
  entry_id: z.string(),
  version: z.number(),
  state: kbVersionStateSchema,
  ...kbContentColumns,
  author_id: z.string().nullable(),
  created_at: col.timestamp,
  reviewed_by: z.string().nullable(),
  reviewed_at: col.nullableTimestamp,
  review_note: z.string().nullable(),
});
export type KbVersionRow = z.infer<typeof kbVersionRow>;

const ts = (d: Date | null) => d?.toISOString() ?? null;
const entrySelect = sql`select e.*, f.code as field_code from kb_entries e left join fields f on f.id = e.field_id`;

export async function insertEntry(
  tx: Executor,
  c: KbContent & {
    status: KbStatus;
    externalId: string | null;
    createdBy: string | null;
    at: Date;
    publishedVersion: number | null;
  },
): Promise<string> {
  return insertedId(
    tx,
    sql`insert into kb_entries (external_id, status, question, answer_html, answer_text, field_id, agency_id, legal_sources,
          keywords, effective_from, effective_until, version, published_version, created_by, created_at, updated_at,
          content_updated_at)
        values (${c.externalId}, ${c.status}, ${c.question}, ${c.answerHtml}, ${c.answerText}, ${c.fieldId}, ${c.agencyId},
          ${JSON.stringify(c.legalSources)}::jsonb, ${textArray(c.keywords)}, ${ts(c.effectiveFrom)}, ${ts(c.effectiveUntil)},
          1, ${c.publishedVersion}, ${c.createdBy}, ${c.at.toISOString()}, ${c.at.toISOString()},
          ${c.at.toISOString()})
        returning id`,
    "kb entry",
  );
}

/**
 * Sets any of the entry's columns; content columns only when `content` is given. `updated_at` moves
 * with every call; `content_updated_at` only when the content is written or the status changes, so
 * a change waiting for review, or its rejection, leaves the time the lookup shows (0039).
 */
export async function updateEntry(
  tx: Executor,
  id: string,
  u: {
    content?: KbContent;
    status?: KbStatus;
    version?: number;
    publishedVersion?: number | null;
    pendingVersion?: number | null;
    at: Date;
  },
): Promise<void> {
  const at = sql`${u.at.toISOString()}::timestamptz`;
  const sets: SQL[] = [sql`updated_at = ${at}`];
  const c = u.content;
  if (c) {
    sets.push(sql`content_updated_at = ${at},
      question = ${c.question}, answer_html = ${c.answerHtml}, answer_text = ${c.answerText},
      field_id = ${c.fieldId}, agency_id = ${c.agencyId}, legal_sources = ${JSON.stringify(c.legalSources)}::jsonb,
      keywords = ${textArray(c.keywords)}, effective_from = ${ts(c.effectiveFrom)}, effective_until = ${ts(c.effectiveUntil)},
      expiry_flagged_at = null`);
  } else if (u.status !== undefined) {
    // `status` here is the row's before this update: the time moves only when the status does.
    sets.push(
      sql`content_updated_at = case when status = ${u.status} then content_updated_at else ${at} end`,
    );
  }
  if (u.status !== undefined) sets.push(sql`status = ${u.status}`);
  if (u.version !== undefined) sets.push(sql`version = ${u.version}`);
  if (u.publishedVersion !== undefined) sets.push(sql`published_version = ${u.publishedVersion}`);
  if (u.pendingVersion !== undefined) sets.push(sql`pending_version = ${u.pendingVersion}`);
  await tx.execute(sql`update kb_entries set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

export async function findEntry(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<KbEntryRow | undefined> {
  if (forUpdate) await db.execute(sql`select 1 from kb_entries where id = ${id} for update`);
  return selectOne(db, kbEntryRow, sql`${entrySelect} where e.id = ${id}`);
}

export interface KbListFilter {
  status?: KbStatus;
  fieldId?: number;
  agencyId?: string;
  needsReviewAt?: Date;
  offset: number;
  limit: number;
}

export function listEntries(db: Executor, f: KbListFilter): Promise<{ rows: KbEntryRow[]; total: number }> {
  const cond = allOf(
    f.status && sql`e.status = ${f.status}`,
    f.fieldId !== undefined && sql`e.field_id = ${f.fieldId}`,
    f.agencyId && sql`e.agency_id = ${f.agencyId}`,
    f.needsReviewAt && sql`e.status = 'published' and e.effective_until <= ${f.needsReviewAt.toISOString()}`,
  );
  return pageOf(
    db,
    kbEntryRow,
    sql`${entrySelect} where ${cond} order by e.updated_at desc, e.id limit ${f.limit} offset ${f.offset}`,
    sql`select count(*)::int as n from kb_entries e where ${cond}`,
  );
}

export async function insertVersion(
  tx: Executor,
  v: KbContent & {
    entryId: string;
    version: number;
    state: KbVersionState;
    authorId: string | null;
    at: Date;
  },
): Promise<void> {
  await tx.execute(
    sql`insert into kb_entry_versions (entry_id, version, state, question, answer_html, field_id, agency_id, legal_sources,
          keywords, effective_from, effective_until, author_id, created_at)
        values (${v.entryId}, ${v.version}, ${v.state}, ${v.question}, ${v.answerHtml}, ${v.fieldId}, ${v.agencyId},
          ${JSON.stringify(v.legalSources)}::jsonb, ${textArray(v.keywords)}, ${ts(v.effectiveFrom)}, ${ts(v.effectiveUntil)},
          ${v.authorId}, ${v.at.toISOString()})`,
  );
}

export async function setVersionState(
  tx: Executor,
  entryId: string,
  version: number,
  state: KbVersionState,
  review?: { by: string | null; at: Date; note: string | null },
): Promise<void> {
  await tx.execute(
    review
      ? sql`update kb_entry_versions set state = ${state}, reviewed_by = ${review.by}, reviewed_at = ${review.at.toISOString()},
              review_note = ${review.note} where entry_id = ${entryId} and version = ${version}`
      : sql`update kb_entry_versions set state = ${state} where entry_id = ${entryId} and version = ${version}`,
  );
}

const versionSelect = sql`select v.*, f.code as field_code from kb_entry_versions v left join fields f on f.id = v.field_id`;

export const findVersion = oneRow(
  kbVersionRow,
  (entryId: string, version: number) =>
    sql`${versionSelect} where v.entry_id = ${entryId} and v.version = ${version}`,
);

export const listVersions = allRows(
  kbVersionRow,
  (entryId: string) => sql`${versionSelect} where v.entry_id = ${entryId} order by v.version`,
);

export async function fieldIdByCode(db: Executor, code: string): Promise<number | undefined> {
  return (await selectOne(db, z.object({ id: z.number() }), sql`select id from fields where code = ${code}`))
    ?.id;
}

export async function agencyEmail(db: Executor, agencyId: string): Promise<string | null> {
  return (
    (
      await selectOne(
        db,
        z.object({ email: z.string().nullable() }),
        sql`select email from agencies where id = ${agencyId}`,
      )
    )?.email ?? null
  );
}

/** Published entries past their effective-until date not yet flagged; flags them (R-KB1). */
export const flagExpired = allRows(
  z.object({ id: z.string(), agency_id: z.string().nullable() }),
  (now: Date) => sql`update kb_entries set expiry_flagged_at = ${now.toISOString()}
        where status = 'published' and effective_until <= ${now.toISOString()} and expiry_flagged_at is null
        returning id, agency_id`,
);

/**
 * Entries an import batch may update: by external id, by id (rows exported without an external
 * id carry the entry id), or by question text when the file has no id column.
 */
export async function findEntriesForImport(
  db: Executor,
  keys: { ids: string[]; questions: string[] },
): Promise<KbEntryRow[]> {
  const isUuid = (k: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(k);
  const list = (values: string[], cast = sql``) =>
    sql.join(
      values.map((v) => sql`${v}${cast}`),
      sql`, `,
    );
  const conds: SQL[] = [];
  if (keys.ids.length) conds.push(sql`e.external_id in (${list(keys.ids)})`);
  const uuids = keys.ids.filter(isUuid);
  if (uuids.length) conds.push(sql`e.id in (${list(uuids, sql`::uuid`)})`);
  if (keys.questions.length) conds.push(sql`e.question in (${list(keys.questions)})`);
  if (conds.length === 0) return [];
  return select(db, kbEntryRow, sql`${entrySelect} where ${sql.join(conds, sql` or `)}`);
}

/** Every entry but archived ones, oldest first, for export. */
export const listEntriesForExport = allRows(
  kbEntryRow,
  () => sql`${entrySelect} where e.status <> 'archived' order by e.created_at, e.id`,
);
