import { AppError } from "../../shared/errors.js";
import { type Action, type Actor, can } from "../../shared/permissions.js";

/**
 * The first statement of every service method. A denied read answers NOT_FOUND so the
 * existence of another agency's request is not revealed; a denied write answers FORBIDDEN.
 */
export function authorize(
  actor: Actor | null,
  action: Action,
  resource?: { agencyId: string | null },
  options: { hideExistence?: boolean } = {},
): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (!can(actor, action, resource)) {
    throw new AppError(options.hideExistence ? "NOT_FOUND" : "FORBIDDEN");
  }
  return actor;
}
