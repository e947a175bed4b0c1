import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select, selectOne } from "../client.js";

export const chains = ["events", "access_log"] as const;
export type ChainName = (typeof chains)[number];

const linkRow = z.object({
  id: col.number,
  chain_seq: col.number,
  prev_hash: z.string(),
  hash: z.string(),
  fields: z.array(z.string().nullable()),
  /** Events only: the payload's text, to check against data_digest, unless erased. */
  payload: z.string().nullable(),
  erased: z.boolean(),
});
export type LinkRow = z.infer<typeof linkRow>;

/**
 * The chained columns as text, in the order of migration 0016's *_chain_body functions (the
 * verifier hashes them itself; only the text form comes from the database).
 */
const fieldsOf: Record<ChainName, ReturnType<typeof sql>> = {
  events: sql`array[id::text, chain_time(at), actor_id::text, actor_label, entity, entity_id,
    request_id::text, kind, from_status, to_status, data_digest, public_note]`,
  access_log: sql`array[id::text, chain_time(at), actor_id::text, actor_label, actor_role, action,
    request_id::text, target, details::text, ip, user_agent]`,
};

const extraOf: Record<ChainName, ReturnType<typeof sql>> = {
  events: sql`case when data_erased_at is null then data::text end as payload, data_erased_at is not null as erased`,
  access_log: sql`null::text as payload, false as erased`,
};

/** One page of a chain in chain order: after `afterSeq`, up to `upToSeq` (the head read before). */
export async function chainPage(
  db: Executor,
  chain: ChainName,
  range: { afterSeq: number; upToSeq: number },
  limit: number,
): Promise<LinkRow[]> {
  const table = sql.raw(chain);
  return select(
    db,
    linkRow,
    sql`select id, chain_seq, prev_hash, hash, ${fieldsOf[chain]} as fields, ${extraOf[chain]}
        from ${table} where chain_seq > ${range.afterSeq} and chain_seq <= ${range.upToSeq} order by chain_seq limit ${limit}`,
  );
}

const headRow = z.object({ seq: col.number, hash: z.string() });

export async function chainHead(db: Executor, chain: ChainName): Promise<{ seq: number; hash: string }> {
  const row = await selectOne(db, headRow, sql`select seq, hash from log_chain_heads where chain = ${chain}`);
  if (!row) throw new Error(`no chain head for ${chain}`);
  return row;
}

const beyondRow = z.object({ id: col.nullableNumber, seq: col.nullableNumber });

/**
 * The first entry past the chain's head, in one snapshot with the head: a row written around the
 * chain (trigger disabled) rather than through it. Normal appends move the head in the same commit.
 */
export async function firstBeyondHead(
  db: Executor,
  chain: ChainName,
): Promise<{ id: number; seq: number } | undefined> {
  const table = sql.raw(chain);
  const row = await selectOne(
    db,
    beyondRow,
    sql`select min(id) as id, min(chain_seq) as seq from ${table}
        where chain_seq > (select seq from log_chain_heads where chain = ${chain})`,
  );
  return row?.id != null && row.seq != null ? { id: row.id, seq: row.seq } : undefined;
}
