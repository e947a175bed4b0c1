import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { KbEntry } from "../../shared/schemas/kb.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { appendEvent } from "../db/repositories/event.repository.js";
import { findEntry, type KbEntryRow } from "../db/repositories/kb.repository.js";
import { type KbAction, type KbStage, kbStageOf, kbStatusOf, nextKbStage } from "../domain/kb/workflow.js";
import { presentEntry } from "./kb-present.js";

/*
 * What every move of a Q&A entry shares, for the drafting side (kb-workflow.service.ts) and the
 * review side (kb-review.ts): loading the entry, its stage, and one move in one transaction.
 */

export const KB_ENTITY = "kb_entry";

/** The stage of a stored entry in the workflow of domain/kb/workflow.ts. */
export function stageOfRow(row: Pick<KbEntryRow, "status" | "pending_version">): KbStage {
  return kbStageOf({ status: row.status, pendingVersion: row.pending_version });
}

/** The version waiting for review; the workflow has already checked that the stage has one. */
export function pendingOf(row: KbEntryRow): number {
  if (row.pending_version === null)
    throw new Error(`kb entry ${row.id} (${row.status}) has no pending version`);
  return row.pending_version;
}

/** One move of an entry, as `apply` sees it: the locked row, the stages before and after, the time. */
export interface Move {
  tx: Executor;
  row: KbEntryRow;
  from: KbStage;
  to: KbStage;
  at: Date;
}

export async function loadEntry(db: Executor, id: string, forUpdate = false): Promise<KbEntryRow> {
  const row = await findEntry(db, id, forUpdate);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/**
 * Runs one move of the workflow in a transaction: locks the entry, refuses a stale edit
 * (`baseVersion`), asks the workflow table whether `action` is allowed from the entry's stage
 * (409 with the reason otherwise), then lets `apply` write versions, entry and event. Returns the
 * entry as the actor now sees it.
 */
export async function moveEntry(
  ctx: AppContext,
  me: Actor,
  id: string,
  action: KbAction,
  apply: (m: Move) => Promise<void>,
  baseVersion?: number,
): Promise<KbEntry> {
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await loadEntry(tx, id, true);
    if (baseVersion !== undefined && row.version !== baseVersion) throw new AppError("CONFLICT");
    const from = stageOfRow(row);
    await apply({ tx, row, from, to: nextKbStage(from, action), at });
  });
  return presentEntry(await loadEntry(ctx.db, id), me, at);
}

/** The event of a move, with the statuses before and after it. */
export function recordMove(m: Move, me: Actor, kind: string, data: Record<string, unknown>) {
  return appendEvent(m.tx, {
    actor: me,
    entity: KB_ENTITY,
    entityId: m.row.id,
    kind,
    fromStatus: m.row.status,
    toStatus: kbStatusOf(m.to),
    data,
    at: m.at,
  });
}
