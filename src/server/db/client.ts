import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { PgDialect } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { z } from "zod";

/** The Drizzle handle both drivers share; repositories take it (or a transaction) as `Db`. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** The driver underneath, for migrations and benchmarks only. */
  raw: { kind: "pglite"; client: PGlite } | { kind: "postgres"; pool: pg.Pool };
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; "memory" (or absent) keeps everything in memory. */
  dataDir?: string;
  /** PGlite only: start from this dumped data directory (the tests' migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /**
   * Bounds on waiting for PostgreSQL (issue 15): for a connection (opening one, or a free one of the
   * pool), and for a query's answer (client-side, so it holds through PgBouncer too). Past them the
   * call fails and the HTTP edge answers 503 — never a hang.
   */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /**
   * Named prepared statements for the hot statements (preparedWithParams); false behind PgBouncer in
   * transaction mode before 1.21, where a statement prepared on one server connection is missing on
   * the next (DATABASE_PREPARED_STATEMENTS=off).
   */
  preparedStatements?: boolean;
  /** Told when an idle PostgreSQL connection fails (logged by the server). */
  onIdleError?: (error: Error) => void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      query_timeout: options.queryTimeoutMs ?? 60_000,
      keepAlive: true,
    });
    // An idle connection dropped by the server (a restart, a terminated backend) must not crash the
    // process: the pool discards it and opens a new one on the next query.
    pool.on("error", (error) => options.onIdleError?.(error));
    // Timestamps come back as Date; bigint counts as numbers (they stay far below 2^53).
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    const db = drizzleNodePg(pool) as unknown as Db;
    pools.set(db, pool);
    if (options.preparedStatements === false)
      return { db, kind: "postgres", raw: { kind: "postgres", pool }, close: () => pool.end() };
    preparing.add(db);
    // The hot statements whose generic plan PostgreSQL would never pick (see `genericPlan`) run on
    // these few connections, where it must: a setting of their sessions, no other statement's plan.
    const generic = new pg.Pool({
      connectionString: options.url,
      max: GENERIC_PLAN_CONNECTIONS,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      query_timeout: options.queryTimeoutMs ?? 60_000,
      keepAlive: true,
      options: "-c plan_cache_mode=force_generic_plan",
    });
    generic.on("error", (error) => options.onIdleError?.(error));
    genericPools.set(db, generic);
    return {
      db,
      kind: "postgres",
      raw: { kind: "postgres", pool },
      close: async () => {
        // The generic pool is gone already when a pooler refused it (onGenericPlan).
        const open = genericPools.get(db);
        genericPools.delete(db);
        await Promise.all([pool.end(), open?.end()]);
      },
    };
  }
  const dataDir = options.dataDir && options.dataDir !== "memory" ? options.dataDir : undefined;
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { unaccent, pg_trgm },
    parsers: { 20: (v: string) => Number.parseInt(v, 10) },
  });
  const db = drizzlePglite(client) as unknown as Db;
  return { db, kind: "pglite", raw: { kind: "pglite", client }, close: () => client.close() };
}

const pools = new WeakMap<object, pg.Pool>();
/**
 * Connections (per top-level handle, prepared statements on) whose sessions plan every named
 * statement once, generically (`plan_cache_mode = force_generic_plan`). Two: the statements run
 * there are batched, one in flight per kind (key-batcher.ts).
 */
const genericPools = new WeakMap<object, pg.Pool>();
const GENERIC_PLAN_CONNECTIONS = 2;
/** Top-level handles whose hot statements are named prepared statements. */
const preparing = new WeakSet<object>();
const dialect = new PgDialect();

/**
 * A hot statement with one parameter (e.g. an array of keys), its text compiled by Drizzle ONCE
 * rather than on every call (issue 16: building the SQL object was ≈ 5 % of a look-up's server CPU),
 * then run as a named prepared statement on PostgreSQL, so each pooled connection keeps it parsed
 * (citizen intake: planning cost as much as executing); unnamed with prepared statements off
 * (PgBouncer in transaction mode before 1.21); on PGlite or inside a transaction, like `select`.
 */
export function preparedWithOneParam<S extends z.ZodType>(
  name: string,
  schema: S,
  build: (param: SQL) => SQL,
  options: PreparedOptions = {},
): (db: Executor, value: unknown) => Promise<z.infer<S>[]> {
  const run = preparedWithParams(name, schema, (params) => build(params[0] as SQL), options);
  return (db, value) => run(db, [value]);
}

/**
 * The same with several parameters: `build` gets one placeholder per value, and may use one more
 * than once (each use becomes its own `$n`, given the same value). Compiled once, on first use, with
 * stand-in objects whose order in the compiled statement maps each `$n` to its value.
 */
export interface PreparedOptions {
  /**
   * Run it with its generic plan, planned once per connection (issue 16). A named statement is not
   * necessarily planned once: PostgreSQL plans it again for every execution's values ("custom
   * plan") as long as the generic plan is estimated dearer than those. With `key = any($1)`, the
   * generic plan counts on ten keys and the custom plans on the one to four a batch carries, so the
   * follow look-up — a dozen relations, ≈ 0.7–1.2 ms to plan against 0.1–0.2 ms to run — was
   * planned anew on every execution, for ever (docs/portal.md, tenth session). For a statement
   * whose plan does not depend on its values (index look-ups by key); on PGlite, in a transaction
   * or with prepared statements off it runs like the others.
   */
  genericPlan?: boolean;
}

export function preparedWithParams<S extends z.ZodType>(
  name: string,
  schema: S,
  build: (params: SQL[]) => SQL,
  { genericPlan = false }: PreparedOptions = {},
): (db: Executor, values: unknown[]) => Promise<z.infer<S>[]> {
  let compiled: { text: string; order: number[] } | undefined;
  return async (db, values) => {
    const pool = pools.get(db);
    if (!pool) return select(db, schema, build(values.map((v) => sql`${sql.param(v)}`)));
    if (compiled === undefined) {
      const standIns = values.map((_, i) => ({ standIn: i }));
      const query = dialect.sqlToQuery(build(standIns.map((s) => sql`${sql.param(s)}`)));
      const order = query.params.map((p) => standIns.indexOf(p as { standIn: number }));
      if (order.includes(-1)) throw new Error(`${name}: a value outside the placeholders`);
      compiled = { text: query.sql, order };
    }
    const { text, order } = compiled;
    // Behind PgBouncer in transaction mode (prepared statements off): unnamed, still built once.
    const named = preparing.has(db) ? { name } : {};
    const query = { ...named, text, values: order.map((i) => values[i]) };
    const result = genericPlan ? await onGenericPlan(db, pool, query) : await pool.query(query);
    return result.rows.map((row) => schema.parse(row));
  };
}

/**
 * Runs a query on the handle's generic-plan connections. A pooler that refuses the session setting
 * they open with (PgBouncer refuses `options` it does not track, e.g. 1.21+ with prepared
 * statements on) must not fail the look-ups: the handle then runs them on its main pool, planned
 * as PostgreSQL chooses, as before the setting existed.
 */
async function onGenericPlan(db: Executor, pool: pg.Pool, query: pg.QueryConfig): Promise<pg.QueryResult> {
  const generic = genericPools.get(db);
  if (!generic) return pool.query(query);
  try {
    return await generic.query(query);
  } catch (error) {
    if (!(error instanceof Error && /unsupported startup parameter/i.test(error.message))) throw error;
    genericPools.delete(db);
    generic.end().catch(() => undefined);
    return pool.query(query);
  }
}

/**
 * How often the connection a statement last ran on planned it generically and per execution
 * (`pg_prepared_statements`; tests and benchmarks). Asked right after a statement on an idle pool,
 * it is the same connection: the pool hands out the one released last.
 */
export async function planCountsOf(
  db: Db,
  name: string,
): Promise<{ generic_plans: number; custom_plans: number } | undefined> {
  for (const pool of [genericPools.get(db), pools.get(db)]) {
    const { rows } = pool
      ? await pool.query<{ generic_plans: string; custom_plans: string }>(
          "select generic_plans, custom_plans from pg_prepared_statements where name = $1",
          [name],
        )
      : { rows: [] };
    const row = rows[0];
    if (row) return { generic_plans: Number(row.generic_plans), custom_plans: Number(row.custom_plans) };
  }
  return undefined;
}

/** The PostgreSQL pool behind a top-level handle (not a transaction), if any. */
export function poolOf(db: Executor): pg.Pool | undefined {
  return pools.get(db);
}

/**
 * Runs a raw SQL statement and returns its rows UNCHECKED (`T` is a cast, and timestamps may be
 * strings or Date depending on the driver). For migrations, benchmarks and test assertions only;
 * repositories use `select`/`selectOne`.
 */
export async function execRaw<T>(db: Executor, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

export async function execRawOne<T>(db: Executor, statement: SQL): Promise<T | undefined> {
  const rows = await execRaw<T>(db, statement);
  return rows[0];
}

/**
 * Column types for row schemas. Both drivers hand back timestamps as ISO strings (PGlite, and pg
 * through `db.execute`) or as Date (pg elsewhere), and timestamps inside jsonb (`to_jsonb(row)`)
 * as strings; rows leave the repository as `Date` either way.
 */
export const col = {
  timestamp: z.coerce.date(),
  nullableTimestamp: z.coerce.date().nullable(),
  /** numeric/bigint columns may come back as strings; counts and hours leave as numbers. */
  number: z.coerce.number(),
  nullableNumber: z.coerce.number().nullable(),
  /** A jsonb object whose keys vary (event data, provider payloads). */
  jsonObject: z.record(z.string(), z.unknown()),
  /** A text[] column. */
  textArray: z.array(z.string()),
  /**
   * A bytea column read as `${base64Of(column)}` (queries.ts): its bytes. Both drivers then hand
   * back the same text (bytea as text is hex, twice the size; pg's binary mode damages it).
   */
  base64Bytes: z.string().transform((text) => Buffer.from(text, "base64")),
};

/** An API field's name as its column's: `actorId` → `actor_id`. */
export type ColumnName<K extends string> = K extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${ColumnName<Tail>}`
  : K;

type RowShape<V extends z.ZodRawShape, C> = {
  [K in keyof V & string as ColumnName<K>]: ColumnName<K> extends keyof C
    ? Extract<C[ColumnName<K>], z.ZodType>
    : V[K];
};

/**
 * The row schema of a table whose API view shows its row as it is: the view's fields under their
 * column names, `columns` replacing those the driver hands back in another form (an instant as
 * `col.timestamp`, a bigint as `col.number`). The data is declared once, in the shared view; `pick`,
 * `omit` or `extend` the view or the row where one has fields the other has not.
 */
export function rowOf<
  V extends z.ZodRawShape,
  C extends Partial<Record<ColumnName<keyof V & string>, z.ZodType>> = Record<never, never>,
>(view: z.ZodObject<V>, columns: C = {} as C): z.ZodObject<RowShape<V, C>> {
  const given: Record<string, z.ZodType | undefined> = columns;
  const shape = Object.fromEntries(
    Object.entries(view.shape).map(([field, schema]) => {
      const column = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      return [column, given[column] ?? schema];
    }),
  );
  const unknown = Object.keys(given).filter((c) => !(c in shape));
  if (unknown.length > 0) throw new Error(`rowOf: no field for the column(s) ${unknown.join(", ")}`);
  // Object.fromEntries loses the keys' types: the renamed shape is stated by RowShape, checked
  // by row-of.test.ts and by every repository test that parses rows with it.
  return z.object(shape) as unknown as z.ZodObject<RowShape<V, C>>;
}

/** `select count(*)::int as n …` */
export const countRow = z.object({ n: col.number });

/**
 * Runs a statement and parses every row with `schema`: the one typed way out of the database.
 * A row that does not match is a programming error (500), never silently passed on.
 */
export async function select<S extends z.ZodType>(
  db: Executor,
  schema: S,
  statement: SQL,
): Promise<z.infer<S>[]> {
  const result = (await db.execute(statement)) as unknown as { rows: unknown[] };
  return result.rows.map((row) => schema.parse(row));
}

export async function selectOne<S extends z.ZodType>(
  db: Executor,
  schema: S,
  statement: SQL,
): Promise<z.infer<S> | undefined> {
  const rows = await select(db, schema, statement);
  return rows[0];
}

export async function ping(db: Db): Promise<boolean> {
  await db.execute(sql`select 1`);
  return true;
}
