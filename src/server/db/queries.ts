import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { countRow, type Executor, select, selectOne } from "./client.js";

/**
 * A repository query declared once, as its row schema and its statement:
 *
 *   export const findContact = oneRow(contactRow, (channel: string, externalId: string) =>
 *     sql`select * from channel_contacts where channel = ${channel} and external_id = ${externalId}`);
 *
 * gives `findContact(db, channel, externalId)`, which runs the statement on `db` (a connection or
 * a transaction) and parses the row (select/selectOne in client.ts).
 */
export function oneRow<S extends z.ZodType, A extends unknown[]>(
  schema: S,
  statement: (...args: A) => SQL,
): (db: Executor, ...args: A) => Promise<z.infer<S> | undefined> {
  return (db, ...args) => selectOne(db, schema, statement(...args));
}

/** As oneRow, for a query returning every row it finds. */
export function allRows<S extends z.ZodType, A extends unknown[]>(
  schema: S,
  statement: (...args: A) => SQL,
): (db: Executor, ...args: A) => Promise<z.infer<S>[]> {
  return (db, ...args) => select(db, schema, statement(...args));
}

/**
 * As allRows, for a query over a list of keys (`id = any(${uuidArray(keys)})`): an empty list answers
 * no rows without a trip to the database.
 */
export function rowsOfKeys<S extends z.ZodType, K>(
  schema: S,
  statement: (keys: readonly K[]) => SQL,
): (db: Executor, keys: readonly K[]) => Promise<z.infer<S>[]> {
  return async (db, keys) => (keys.length === 0 ? [] : select(db, schema, statement(keys)));
}

/** A text[] parameter that both drivers accept (drizzle would expand a JS array into a tuple). */
export const textArray = (values: readonly string[]): SQL =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::text[]`;

/** As textArray, for a uuid[] parameter (`id = any(${uuidArray(ids)})`). */
export const uuidArray = (ids: readonly string[]): SQL => sql`${textArray(ids)}::uuid[]`;

/** Bytes for a bytea column, the same on both drivers: sent as base64 text, decoded by PostgreSQL. */
export const byteaOf = (bytes: Buffer): SQL => sql`decode(${bytes.toString("base64")}, 'base64')`;

/** A bytea column (or slice of one) selected as base64 text, which `col.base64Bytes` reads back. */
export const base64Of = (bytea: SQL): SQL => sql`encode(${bytea}, 'base64')`;

/**
 * A list's where clause from its optional filters, written `filter && sql`…``: `true and a and b`,
 * a filter not given dropping out.
 */
export function allOf(...conditions: (SQL | "" | 0 | false | null | undefined)[]): SQL {
  const given = conditions.filter((c): c is SQL => Boolean(c));
  return sql.join([sql`true`, ...given], sql` and `);
}

/** One page of a list with the count of all it holds: `rows` selects the page, `count` `count(*)::int as n`. */
export async function pageOf<S extends z.ZodType>(
  db: Executor,
  schema: S,
  rows: SQL,
  count: SQL,
): Promise<{ rows: z.infer<S>[]; total: number }> {
  const page = await select(db, schema, rows);
  const counted = await selectOne(db, countRow, count);
  return { rows: page, total: counted?.n ?? 0 };
}

/**
 * The one column a statement selects from at most one row (`select id from … where …`), parsed by
 * `schema`; undefined when it selects none.
 */
export async function selectValue<T extends z.ZodType>(
  db: Executor,
  column: string,
  schema: T,
  statement: SQL,
): Promise<z.infer<T> | undefined> {
  const row = await selectOne(db, z.object({ [column]: schema }), statement);
  // A computed key loses its type (as in rowOf): the value was parsed by `schema` under `column`.
  return row?.[column] as z.infer<T> | undefined;
}

/** How many rows a data-changing statement (`update … returning`, `delete … returning`) touched. */
export async function countChanged(tx: Executor, statement: SQL): Promise<number> {
  const row = await selectOne(
    tx,
    countRow,
    sql`with changed as (${statement}) select count(*) as n from changed`,
  );
  return row?.n ?? 0;
}

/**
 * As oneRow, for a statement that marks or claims a row (`update … returning …`, `insert … on
 * conflict do nothing returning …`): whether it touched one — false when none matched its `where`
 * (an unknown row, one already marked) or the row was claimed before.
 */
export function changesAny<A extends unknown[]>(
  statement: (...args: A) => SQL,
): (tx: Executor, ...args: A) => Promise<boolean> {
  return async (tx, ...args) => (await countChanged(tx, statement(...args))) > 0;
}

/** The row an `insert … returning` statement wrote; a statement that writes none is a bug, not an answer. */
export async function insertedRow<S extends z.ZodType>(
  tx: Executor,
  schema: S,
  statement: SQL,
  what: string,
): Promise<z.infer<S>> {
  const row = await selectOne(tx, schema, statement);
  if (!row) throw new Error(`${what} insert returned nothing`);
  return row;
}

const idRow = z.object({ id: z.string() });

/** The id of the row an `insert … returning id` statement wrote. */
export async function insertedId(tx: Executor, statement: SQL, what: string): Promise<string> {
  return (await insertedRow(tx, idRow, statement, what)).id;
}
