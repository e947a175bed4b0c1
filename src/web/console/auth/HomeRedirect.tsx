import { Navigate } from "react-router";
import { useCan } from "../api/session.js";
import { NoAccess } from "../components/States.js";
import { navEntries } from "../layout/nav.js";

/**
 * The page a role starts its day on: the coordinator at the supervision board (Art. 13), the
 * administrator at administration, everyone else at the first page their abilities open.
 */
export function HomeRedirect() {
  const can = useCan();
  if (can("request.assign_agency") && can("monitor.board")) return <Navigate to="/board" replace />;
  if (can("user.manage")) return <Navigate to="/admin/users" replace />;
  const first = navEntries.find((entry) => can(entry.ability));
  return first ? <Navigate to={first.path} replace /> : <NoAccess />;
}

/** `/admin` alone: the first administration page this role opens (a typed or bookmarked address). */
export function AdminRedirect() {
  const can = useCan();
  const first = navEntries.find((entry) => entry.group === "admin" && can(entry.ability));
  return first ? <Navigate to={first.path} replace /> : <NoAccess />;
}
