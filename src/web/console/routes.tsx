import { type ComponentType, lazy, type ReactNode } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { AdminRedirect, HomeRedirect } from "./auth/HomeRedirect.js";
import { RequireAbility } from "./auth/RequireAbility.js";
import { RequireAuth } from "./auth/RequireAuth.js";
import { NotFound } from "./components/States.js";
import { type FramePage, framePages } from "./pages/index.js";

type Module = Promise<{ default: ComponentType }>;

/** A page loaded as its own chunk the first time it is shown (the frame's pages are in pages/index.ts). */
const page = (load: () => Module) => {
  const Page = lazy(load);
  return <Page />;
};

/** A menu page shows only with its menu entry's ability (the server refuses the data regardless). */
const guarded = ({ menu, load }: FramePage): ReactNode =>
  menu ? <RequireAbility ability={menu.ability}>{page(load)}</RequireAbility> : page(load);

const workRoutes: RouteObject[] = [
  { index: true, element: <HomeRedirect /> },
  { path: "admin", element: <AdminRedirect /> },
  ...framePages.map((framePage) => ({ path: framePage.path.slice(1), element: guarded(framePage) })),
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
