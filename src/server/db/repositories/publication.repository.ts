import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor } from "../client.js";
import { allRows, oneRow, pageOf } from "../queries.js";

/**
 * "This request is public" in SQL, for a request aliased `r`: the one fragment every public query
 * uses. The same rule in TypeScript is `isPublic` in domain/publication.ts.
 */
export const publicRequest = (r = sql.raw("r")): SQL =>
  sql`(${r}.published_at is not null and ${r}.taken_down_at is null and ${r}.publish_consent)`;

/**
 * A public answer as the portal and the public API know it: under its public id, never the follow
 * code (issue 13: the follow code plus a phone number opens the request, so listing answers under
 * it would tell anyone holding a person's phone which questions that person asked).
 */
export const publishedRow = z.object({
  public_id: z.string(),
  public_question: z.string(),
  public_answer: z.string(),
  field_code: z.string().nullable(),
  field_name: z.string().nullable(),
  agency_name: z.string().nullable(),
  agency_code: z.string().nullable(),
  published_at: col.timestamp,
});
export type PublishedRow = z.infer<typeof publishedRow>;

export interface PublishedFilters {
  /**
   * The words that matter (filler words dropped by the caller), each as its folded spellings, any
   * of which counts ("chich" or "tiem"); ranked, not all required.
   */
  words?: readonly (readonly string[])[];
  field?: string;
  agency?: string;
  from?: Date;
  to?: Date;
}

/** Published answers (Art. 12, R-PU1): only public requests, only their PII-free public copy. */
function publishedWhere(f: PublishedFilters): SQL {
  const c: SQL[] = [publicRequest()];
  if (f.field) c.push(sql`f.code = ${f.field}`);
  if (f.agency) c.push(sql`lower(a.code) = lower(${f.agency})`);
  if (f.from) c.push(sql`r.published_at >= ${f.from.toISOString()}`);
  if (f.to) c.push(sql`r.published_at < ${f.to.toISOString()}`);
  const words = searchable(f.words);
  // Ranked, not all required (issue 16): at least half of the words that matter.
  if (words.length > 0) c.push(sql`${wordsMatched(words)} >= ${Math.ceil(words.length / 2)}`);
  return sql.join(c, sql` and `);
}

/** The words to search for, each its spellings that are [a-z0-9]+ (folded), so safe in a pattern; at most 8. */
function searchable(words: PublishedFilters["words"]): string[][] {
  return (words ?? [])
    .map((spellings) => spellings.filter((w) => /^[a-z0-9]+$/.test(w)))
    .filter((spellings) => spellings.length > 0)
    .slice(0, 8);
}

/**
 * How many of the words a public answer contains, in any of its spellings, whole syllables on the
 * folded text ("xin" is not found in "xinh"); undefined without words.
 */
function wordsMatched(words: PublishedFilters["words"]): SQL | undefined {
  const list = searchable(words);
  if (list.length === 0) return undefined;
  const text = sql`unaccent(lower(r.public_question || ' ' || r.public_answer))`;
  return sql`(${sql.join(
    list.map((w) => sql`(case when ${text} ~ ${`\\m(${w.join("|")})\\M`} then 1 else 0 end)`),
    sql` + `,
  )})`;
}

const selectPublished = sql`
  select r.public_id, r.public_question, r.public_answer, f.code as field_code, f.name as field_name,
         a.name as agency_name, a.code as agency_code, r.published_at
  from requests r left join fields f on f.id = r.field_id left join agencies a on a.id = r.answering_agency_id`;

export async function listPublished(
  db: Executor,
  f: PublishedFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: PublishedRow[]; total: number }> {
  const where = publishedWhere(f);
  const matched = wordsMatched(f.words);
  const rank = matched ? sql`${matched} desc,` : sql``;
  return pageOf(
    db,
    publishedRow,
    sql`${selectPublished} where ${where} order by ${rank} r.published_at desc, r.public_id limit ${page.limit} offset ${page.offset}`,
    sql`select count(*)::int as n from requests r left join fields f on f.id = r.field_id
        left join agencies a on a.id = r.answering_agency_id where ${where}`,
  );
}

/** One public answer by its public id; a follow code never matches (another column, another format). */
export const findPublished = oneRow(
  publishedRow,
  (publicId: string) => sql`${selectPublished} where r.public_id = ${publicId} and ${publishedWhere({})}`,
);

export const optionRow = z.object({ code: z.string(), name: z.string() });
export type OptionRow = z.infer<typeof optionRow>;

/** Agencies with at least one public answer: the portal's agency filter (Art. 12). */
export const listAnsweringAgencies = allRows(
  optionRow,
  () => sql`select a.code, a.name from agencies a
        where exists (select 1 from requests r where r.answering_agency_id = a.id and ${publicRequest()})
        order by a.name`,
);
