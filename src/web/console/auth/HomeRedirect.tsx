import { Navigate } from "react-router";
import { useCan } from "../api/session.js";
import { NoAccess } from "../components/States.js";
import { navEntries } from "../layout/nav.js";

/** The first page the caller's abilities open, in the order of the menu. */
export function HomeRedirect() {
  const can = useCan();
  const first = navEntries.find((entry) => can(entry.ability));
  return first ? <Navigate to={first.path} replace /> : <NoAccess />;
}
