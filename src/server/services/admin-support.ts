import { AppError, invalidField } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import type { Db, Executor } from "../db/client.js";
import { isUniqueViolation } from "../db/pg-errors.js";
import { appendEvent } from "../db/repositories/event.repository.js";

/** Helpers shared by the administration services (users, agencies, fields, refusal reasons). */

/** For reads any signed-in staff member may do (directory lists): authentication is the policy. */
export function requireStaff(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}

/** Runs a write; a unique violation becomes 409 DUPLICATE naming the field (e.g. "code"). */
export async function uniqueOr409<T>(field: string, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw invalidField(field, message, { error: "DUPLICATE", code: "duplicate", cause: error });
    }
    throw error;
  }
}

/** Who performed an administrative change, for the event log: a signed-in admin or the admin CLI. */
export type ChangeSource = { actor: Actor } | { label: string };

/** How the event log names changes made with `npm run admin` on the server. */
export const cliLabel = "Quản trị (dòng lệnh)";

export const eventActor = (source: ChangeSource) =>
  "actor" in source ? { actor: source.actor } : { actor: null, actorLabel: source.label };

/** One administered catalogue (agencies, fields): its statements and how its rows are audited. */
export interface AuditedCatalogue<Row extends { id: string | number }, V extends object> {
  /** The event log's entity name, also the prefix of its event kinds ("agency.created"). */
  entity: string;
  insert(tx: Executor, values: V): Promise<Row>;
  update(tx: Executor, id: Row["id"], values: V): Promise<Row | undefined>;
  findByCode(tx: Executor, code: string): Promise<Row | undefined>;
  /** With `lock`, the row is locked for the rest of the transaction. */
  findById(tx: Executor, id: Row["id"], lock?: boolean): Promise<Row | undefined>;
  /** The row's editable values, as recorded before/after in the event log. */
  valuesOf(row: Row): V;
}

/** The audited writes of one catalogue: `save`, an administrator's `edit` and the CLI's `importByCode`. */
export function auditedCatalogue<Row extends { id: string | number }, V extends object>(
  catalogue: AuditedCatalogue<Row, V>,
) {
  /** Writes the row (insert without `before`, update with it) and its event in the same transaction. */
  async function save(tx: Executor, source: ChangeSource, before: Row | undefined, values: V): Promise<Row> {
    const row = before ? await catalogue.update(tx, before.id, values) : await catalogue.insert(tx, values);
    if (!row) throw new AppError("NOT_FOUND");
    await appendEvent(tx, {
      ...eventActor(source),
      entity: catalogue.entity,
      entityId: String(row.id),
      kind: `${catalogue.entity}.${before ? "updated" : "created"}`,
      data: { before: before ? catalogue.valuesOf(before) : null, after: catalogue.valuesOf(row) },
    });
    return row;
  }

  /**
   * An administrator's edit of one row, in one transaction: the row is read locked (404 when there
   * is none), each value the body gives is laid over the stored one (left out, `undefined`: kept;
   * `null` clears a nullable one) and the result saved with its event.
   */
  async function edit(db: Db, source: ChangeSource, id: Row["id"], body: Partial<V>): Promise<Row> {
    return db.transaction(async (tx) => {
      const before = await catalogue.findById(tx, id, true);
      if (!before) throw new AppError("NOT_FOUND");
      return save(tx, source, before, patched(catalogue.valuesOf(before), body));
    });
  }

  /**
   * Upserts rows by code in one transaction (the admin CLI's imports): `next` gives the values to
   * store from the imported row and the existing one; a row whose values would not change is left
   * alone and counted as unchanged.
   */
  async function importByCode<I extends { code: string }>(
    db: Db,
    rows: I[],
    source: ChangeSource,
    next: (tx: Executor, row: I, before: Row | undefined) => Promise<V> | V,
  ): Promise<ImportSummary> {
    const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0 };
    await db.transaction(async (tx) => {
      for (const r of rows) {
        const before = await catalogue.findByCode(tx, r.code);
        const values = await next(tx, r, before);
        if (before && sameValues(catalogue.valuesOf(before), values)) {
          summary.unchanged++;
          continue;
        }
        await save(tx, source, before, values);
        summary[before ? "updated" : "created"]++;
      }
    });
    return summary;
  }

  return { save, edit, importByCode };
}

/** `current` with every value `body` gives (not `undefined`) in its place. */
function patched<V extends object>(current: V, body: Partial<V>): V {
  const next = { ...current };
  for (const key of Object.keys(current) as (keyof V)[]) {
    const value = body[key];
    if (value !== undefined) next[key] = value as V[keyof V];
  }
  return next;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/** The same editable values (arrays compared element by element). */
const sameValues = (a: object, b: object): boolean =>
  Object.entries(a).every(
    ([key, value]) => JSON.stringify(value) === JSON.stringify((b as Record<string, unknown>)[key]),
  );
