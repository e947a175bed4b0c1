import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import { type Executor, select, selectOne } from "./client.js";

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
