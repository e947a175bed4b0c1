import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Executor, selectOne } from "../client.js";

/**
 * Issue 19: the Q&A draft already made from a request's published answer, if any (the draft's
 * creation event names the request: kb-workflow.service.ts createEntry with an origin).
 */
export async function findKbDraftFromRequest(db: Executor, requestId: string): Promise<string | undefined> {
  const row = await selectOne(
    db,
    z.object({ entity_id: z.string() }),
    sql`select entity_id from events
        where request_id = ${requestId} and entity = 'kb_entry' and kind = 'kb_entry.created'
        order by id limit 1`,
  );
  return row?.entity_id;
}
