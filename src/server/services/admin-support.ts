import { AppError } from "../../shared/errors.js";
import type { Actor } from "../../shared/permissions.js";
import { isUniqueViolation } from "../db/pg-errors.js";

/** Helpers shared by the administration services (users, agencies, fields, refusal reasons). */

/** For reads any signed-in staff member may do (directory lists): authentication is the policy. */
export function requireStaff(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}

/** A 400 naming the offending input field, in Vietnamese, like schema validation errors. */
export function invalidField(field: string, message: string): AppError {
  return new AppError("VALIDATION", undefined, { details: [{ field, code: "invalid", message }] });
}

/** Runs a write; a unique violation becomes 409 DUPLICATE naming the field (e.g. "code"). */
export async function uniqueOr409<T>(field: string, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("DUPLICATE", message, {
        cause: error,
        details: [{ field, code: "duplicate", message }],
      });
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
