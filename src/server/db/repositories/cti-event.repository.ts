import { sql } from "drizzle-orm";
import { z } from "zod";
import { col, type Executor, select } from "../client.js";

/** The switchboard's events as received (table `cti_events`, issue 12): idempotency and out-of-order arrival. */

/** Records an event id; false when it was seen before (the event is then ignored). */
export async function claimEventId(
  db: Executor,
  e: { eventId: string; callId: string; event: string; at: Date; payload: Record<string, unknown> },
): Promise<boolean> {
  const rows = await select(
    db,
    z.object({ event_id: z.string() }),
    sql`insert into cti_events (event_id, call_id, event, at, payload)
        values (${e.eventId}, ${e.callId}, ${e.event}, ${e.at.toISOString()}, ${JSON.stringify(e.payload)}::jsonb)
        on conflict (event_id) do nothing returning event_id`,
  );
  return rows.length > 0;
}

/**
 * One call's events one at a time (until the transaction ends): an event that arrives while its
 * call.new is being applied waits, then finds the call, instead of being set aside and never applied.
 * Transaction-level, so it holds under PgBouncer's transaction mode.
 */
export async function serializeCallEvents(db: Executor, callId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${callId}))`);
}

/** The events of a call other than `exceptEventId`, in the switchboard's order (set aside before its call.new). */
export const listEventsOfCall = (db: Executor, callId: string, exceptEventId: string) =>
  select(
    db,
    z.object({ payload: col.jsonObject }),
    sql`select payload from cti_events where call_id = ${callId} and event_id <> ${exceptEventId}
        order by at, received_at, event_id`,
  );

/** Events of calls that never started (no call.new came) and are older than the period: deleted. */
export async function deleteEventsOfNoCall(tx: Executor, cutoff: Date): Promise<number> {
  const rows = await select(
    tx,
    z.object({ event_id: z.string() }),
    sql`delete from cti_events e where e.at < ${cutoff.toISOString()}
          and not exists (select 1 from calls c where c.call_id = e.call_id)
        returning e.event_id`,
  );
  return rows.length;
}
