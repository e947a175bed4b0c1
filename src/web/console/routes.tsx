import { type ComponentType, lazy, type ReactNode } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { HomeRedirect } from "./auth/HomeRedirect.js";
import { RequireAbility } from "./auth/RequireAbility.js";
import { RequireAuth } from "./auth/RequireAuth.js";
import { NotFound } from "./components/States.js";
import { navEntries } from "./layout/nav.js";

type Module = Promise<{ default: ComponentType }>;

/** A page loaded as its own chunk the first time it is shown: the sign-in screen loads none of the work pages. */
const page = (load: () => Module) => {
  const Page = lazy(load);
  return <Page />;
};

/** The work pages inside the frame, by path (the menu and its abilities are in layout/nav.ts). */
const workPages: Record<string, () => Module> = {
  desk: () => import("./pages/OperatorDesk.js"),
  inbox: () => import("./pages/AgencyInbox.js"),
  board: () => import("./pages/CoordinatorBoard.js"),
  "requests/:id": () => import("./pages/RequestPage.js"),
  reports: () => import("./pages/reports/ReportsPage.js"),
  "mass-events": () => import("./pages/MassEvents.js"),
  "admin/users": () => import("./pages/admin/AdminUsers.js"),
  "admin/agencies": () => import("./pages/admin/AdminAgencies.js"),
  "admin/calendar": () => import("./pages/admin/AdminCalendar.js"),
  "admin/time-limits": () => import("./pages/admin/AdminTimeLimits.js"),
  "admin/kb": () => import("./pages/admin/AdminKb.js"),
  "admin/channels": () => import("./pages/admin/AdminChannels.js"),
  "admin/audit": () => import("./pages/admin/AdminAudit.js"),
  "admin/access-log": () => import("./pages/admin/AdminAccessLog.js"),
  "admin/retention": () => import("./pages/admin/AdminRetention.js"),
  "admin/integrations": () => import("./pages/admin/AdminIntegrations.js"),
  "data-requests": () => import("./pages/DataRequests.js"),
  "data-requests/:id": () => import("./pages/DataRequestPage.js"),
  kb: () => import("./pages/KbProposals.js"),
  account: () => import("./pages/AccountPage.js"),
};
const AdminLists = lazy(() => import("./pages/admin/AdminLists.js"));

/** A menu page shows only with its menu entry's ability (the server refuses the data regardless). */
const guarded = (path: string, element: ReactNode): ReactNode => {
  const entry = navEntries.find((e) => e.path === `/${path}`);
  return entry ? <RequireAbility ability={entry.ability}>{element}</RequireAbility> : element;
};

const workRoutes: RouteObject[] = [
  { index: true, element: <HomeRedirect /> },
  ...Object.entries(workPages).map(([path, load]) => ({ path, element: guarded(path, page(load)) })),
  { path: "admin/fields", element: guarded("admin/fields", <AdminLists kind="fields" />) },
  { path: "admin/reasons", element: guarded("admin/reasons", <AdminLists kind="reasons" />) },
  { path: "*", element: <NotFound /> },
];

export const router = createBrowserRouter(
  [
    { path: "/login", element: page(() => import("./pages/LoginPage.js")) },
    {
      element: <RequireAuth />,
      children: [{ element: page(() => import("./layout/AppShell.js")), children: workRoutes }],
    },
  ],
  { basename: "/console" },
);
