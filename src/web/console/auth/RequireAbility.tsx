import type { ReactNode } from "react";
import type { Action } from "../../../shared/permissions.js";
import { useCan } from "../api/session.js";
import { NoAccess } from "../components/States.js";

/**
 * A menu page opened by its address without the ability its menu entry needs (a bookmark, a link
 * passed on by a colleague): one "no access" page, not the page with each of its panels refused.
 */
export function RequireAbility({ ability, children }: { ability: Action; children: ReactNode }) {
  const can = useCan();
  return can(ability) ? children : <NoAccess />;
}
