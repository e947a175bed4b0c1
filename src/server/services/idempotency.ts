import { createHash } from "node:crypto";
import { AppError } from "../../shared/errors.js";
import type { Executor } from "../db/client.js";
import {
  deleteExpiredIdempotencyKeys,
  deleteIdempotencyKey,
  findIdempotencyKey,
} from "../db/repositories/idempotency.repository.js";

/** How long a key replays its first response (issue 15). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** What a client's Idempotency-Key says about one intake: who may reuse it, and what was sent. */
export interface IdempotencyRequest {
  /** "public" (the portal and API), or "staff:<user id>": one user's keys never meet another's. */
  scope: string;
  key: string;
  /** SHA-256 of the body (fingerprintOf): the same key with another body is a 409. */
  bodyHash: string;
}

/** The stored first answer to a key, sent again as it was. */
export interface StoredResponse {
  status: number;
  body: unknown;
  /** The code of the request it created. */
  code: string;
}

/**
 * Thrown by the intake when a concurrent statement holds the key: the caller answers with the
 * response stored for it (or, for the staff desk, presents the request it created).
 */
export class IdempotentReplay extends Error {
  constructor(readonly stored: StoredResponse) {
    super("idempotent replay");
    this.name = "IdempotentReplay";
  }
}

/** Keys sorted at every depth, so the same content always hashes the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** SHA-256 of the canonical JSON of `value` (plus, for uploads, each file's own hash). */
export function fingerprintOf(value: unknown, files: readonly Buffer[] = []): string {
  const hash = createHash("sha256").update(JSON.stringify(canonical(value)));
  for (const file of files) hash.update(createHash("sha256").update(file).digest("hex"));
  return hash.digest("hex");
}

/**
 * The response stored for this key in the last 24 hours, if any; the same key with another body is
 * 409 IDEMPOTENCY_KEY_REUSED. A key whose request does not exist is dropped (it cannot replay).
 */
export async function findStoredResponse(
  db: Executor,
  request: IdempotencyRequest,
  now: Date,
): Promise<StoredResponse | null> {
  const row = await findIdempotencyKey(
    db,
    request.scope,
    request.key,
    new Date(now.getTime() - IDEMPOTENCY_TTL_MS),
  );
  if (!row) return null;
  if (!row.stored) {
    await deleteIdempotencyKey(db, request.scope, request.key);
    return null;
  }
  if (row.body_hash !== request.bodyHash) throw new AppError("IDEMPOTENCY_KEY_REUSED");
  return { status: row.status, body: row.response, code: row.request_code };
}

/** The cleanup job: keys past their 24 hours. */
export function purgeExpiredKeys(db: Executor, now: Date): Promise<number> {
  return deleteExpiredIdempotencyKeys(db, new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
}
