import { type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../../src/server/context.js";
import { execRaw } from "../../src/server/db/client.js";
import { insertUser } from "../../src/server/db/repositories/user.repository.js";
import { hashPassword } from "../../src/server/services/credentials.js";
import { variantsOf } from "./variants.js";

/** bench/kb-latency's base: 100,000 entries, the dataset plus generated variants. */
export const TARGET = 100_000;
/** The operator every kb-latency bench signs in as. */
export const benchUser = { username: "bench", password: "bench-1022" };

export async function addUser(ctx: AppContext): Promise<void> {
  await insertUser(ctx.db, {
    username: benchUser.username,
    passwordHash: await hashPassword(benchUser.password),
    fullName: "Bench",
    role: "operator",
    agencyId: null,
  });
}

/** Generated variants: a prefix, two words swapped, a place; the answer kept. */
export async function addVariants(ctx: AppContext): Promise<void> {
  const rows = await execRaw<{ question: string; answer_html: string; answer_text: string }>(
    ctx.db,
    sql`select question, answer_html, answer_text from kb_entries order by external_id`,
  );
  const insert = (batch: SQL[]) =>
    ctx.db.execute(sql`insert into kb_entries (external_id, status, question, answer_html, answer_text)
      values ${sql.join(batch, sql`, `)}`);
  let batch: SQL[] = [];
  for (const { src, question, n } of variantsOf(rows, TARGET)) {
    batch.push(sql`(${`gen-${n}`}, 'published', ${question}, ${src.answer_html}, ${src.answer_text})`);
    if (batch.length === 500) {
      await insert(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insert(batch);
}
