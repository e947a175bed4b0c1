import { Suspense } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../api/session.js";
import { Loading, Unanswered } from "../components/States.js";

/** Signed-in staff only; everyone else goes to the sign-in page and comes back afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.data === undefined) return <Unanswered query={me} />;
  if (!me.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?from=${encodeURIComponent(from)}`} replace />;
  }
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}
