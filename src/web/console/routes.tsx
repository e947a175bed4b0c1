import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { HomeRedirect } from "./auth/HomeRedirect.js";
import { RequireAuth } from "./auth/RequireAuth.js";
import { NotFound } from "./components/States.js";

// Every page is its own chunk: the sign-in screen loads none of the work pages.
const LoginPage = lazy(() => import("./pages/LoginPage.js"));
const AppShell = lazy(() => import("./layout/AppShell.js"));
const OperatorDesk = lazy(() => import("./pages/OperatorDesk.js"));
const AgencyInbox = lazy(() => import("./pages/AgencyInbox.js"));
const CoordinatorBoard = lazy(() => import("./pages/CoordinatorBoard.js"));
const RequestPage = lazy(() => import("./pages/RequestPage.js"));
const AdminUsers = lazy(() => import("./pages/admin/AdminUsers.js"));
const AdminAgencies = lazy(() => import("./pages/admin/AdminAgencies.js"));
const AdminLists = lazy(() => import("./pages/admin/AdminLists.js"));
const AdminCalendar = lazy(() => import("./pages/admin/AdminCalendar.js"));
const AdminKb = lazy(() => import("./pages/admin/AdminKb.js"));
const AdminChannels = lazy(() => import("./pages/admin/AdminChannels.js"));
const AdminAudit = lazy(() => import("./pages/admin/AdminAudit.js"));
const ReportsPage = lazy(() => import("./pages/reports/ReportsPage.js"));
const AdminTimeLimits = lazy(() => import("./pages/admin/AdminTimeLimits.js"));
const KbProposals = lazy(() => import("./pages/KbProposals.js"));

export const router = createBrowserRouter(
  [
    { path: "/login", element: <LoginPage /> },
    {
      element: <RequireAuth />,
      children: [
        {
          element: <AppShell />,
          children: [
            { index: true, element: <HomeRedirect /> },
            { path: "desk", element: <OperatorDesk /> },
            { path: "inbox", element: <AgencyInbox /> },
            { path: "board", element: <CoordinatorBoard /> },
            { path: "requests/:id", element: <RequestPage /> },
            { path: "reports", element: <ReportsPage /> },
            { path: "admin/users", element: <AdminUsers /> },
            { path: "admin/agencies", element: <AdminAgencies /> },
            { path: "admin/fields", element: <AdminLists kind="fields" /> },
            { path: "admin/reasons", element: <AdminLists kind="reasons" /> },
            { path: "admin/calendar", element: <AdminCalendar /> },
            { path: "admin/time-limits", element: <AdminTimeLimits /> },
            { path: "admin/kb", element: <AdminKb /> },
            { path: "admin/channels", element: <AdminChannels /> },
            { path: "admin/audit", element: <AdminAudit /> },
            { path: "kb", element: <KbProposals /> },
            { path: "*", element: <NotFound /> },
          ],
        },
      ],
    },
  ],
  { basename: "/console" },
);
