import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { countRow, type Executor, select, selectOne } from "../client.js";

export interface ReferenceTableSpec<R extends z.ZodType, V> {
  table: string;
  /** The schema every returned row is parsed with. */
  row: R;
  /** The columns an administrator edits, in the order `values` returns them. */
  columns: readonly string[];
  values: (v: V) => SQL[];
  /** The order of `list`. */
  orderBy: SQL;
}

/**
 * The statements every reference table keyed by a unique `code` shares (agencies, fields, refusal
 * reasons): counting, the seed's bulk insert, insert and update from one values object, lookups by
 * id (optionally locked for an edit) and by code (ignoring case), the list with or without inactive rows.
 */
export function referenceTable<R extends z.ZodType, V, Id extends string | number>(
  spec: ReferenceTableSpec<R, V>,
) {
  type Row = z.infer<R>;
  const table = sql.identifier(spec.table);
  const columns = sql.join(
    spec.columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const tuple = (v: V): SQL => sql`(${sql.join(spec.values(v), sql`, `)})`;

  return {
    async count(db: Executor): Promise<number> {
      const row = await selectOne(db, countRow, sql`select count(*)::int as n from ${table}`);
      return row?.n ?? 0;
    },

    /**
     * Inserts many rows in one statement (the reference seed); existing codes (any case) are left alone.
     * `on conflict` names no target on purpose: the only unique keys these columns can hit are the
     * code's, and agencies have two of them (`code` and `lower(code)`, migration 0036), where a
     * target names one.
     */
    async insertMany(db: Executor, rows: V[]): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await select(
        db,
        z.object({ id: z.unknown() }),
        sql`insert into ${table} (${columns})
            values ${sql.join(rows.map(tuple), sql`, `)} on conflict do nothing returning id`,
      );
      return inserted.length;
    },

    async insert(db: Executor, v: V): Promise<Row> {
      const row = await selectOne(
        db,
        spec.row,
        sql`insert into ${table} (${columns}) values ${tuple(v)} returning *`,
      );
      if (!row) throw new Error(`${spec.table}: insert returned nothing`);
      return row;
    },

    async update(db: Executor, id: Id, v: V): Promise<Row | undefined> {
      const values = spec.values(v);
      const assignments = spec.columns.map((c, i) => sql`${sql.identifier(c)} = ${values[i]}`);
      return selectOne(
        db,
        spec.row,
        sql`update ${table} set ${sql.join(assignments, sql`, `)} where id = ${id} returning *`,
      );
    },

    /** With `lock`, the row is locked so two concurrent edits are applied one after the other. */
    async findById(db: Executor, id: Id, lock = false): Promise<Row | undefined> {
      const forUpdate = lock ? sql` for update` : sql``;
      return selectOne(db, spec.row, sql`select * from ${table} where id = ${id}${forUpdate}`);
    },

    /** Whatever the case: agency codes are unique so (migration 0036), the others are lower case. */
    async findByCode(db: Executor, code: string): Promise<Row | undefined> {
      return selectOne(db, spec.row, sql`select * from ${table} where lower(code) = lower(${code})`);
    },

    async list(db: Executor, includeInactive = false): Promise<Row[]> {
      const where = includeInactive ? sql`` : sql` where active`;
      return select(db, spec.row, sql`select * from ${table}${where} order by ${spec.orderBy}`);
    },
  };
}
