import type { ComponentType } from "react";
import type { Action } from "../../../shared/permissions.js";

type PageModule = Promise<{ default: ComponentType }>;

/**
 * A page inside the frame: its address, its code (a chunk loaded the first time it is shown, so
 * the sign-in screen loads none of the work pages) and, for a menu page, its menu entry: the label
 * and the server ability that opens it (the rules themselves stay on the server).
 */
export interface FramePage {
  path: string;
  load: () => PageModule;
  menu?: { labelKey: string; ability: Action; group?: "admin" };
}

const page = (path: string, load: () => PageModule): FramePage => ({ path, load });
const menuPage = (path: string, labelKey: string, ability: Action, load: () => PageModule): FramePage => ({
  path,
  load,
  menu: { labelKey, ability },
});
/** A page of the menu's administration group, at /admin/<name>. */
const adminPage = (name: string, labelKey: string, ability: Action, load: () => PageModule): FramePage => ({
  path: `/admin/${name}`,
  load,
  menu: { labelKey, ability, group: "admin" },
});
/** One of the two code lists of `AdminLists.tsx` (fields, refusal reasons). */
const codeList = (list: "Fields" | "Reasons") => () =>
  import("./admin/AdminLists.js").then((m) => ({ default: m[list] }));

/** Every page of the frame, menu pages in menu order (the first one a role may open is its home). */
export const framePages: FramePage[] = [
  menuPage("/desk", "nav.desk", "request.create", () => import("./OperatorDesk.js")),
  menuPage("/inbox", "nav.inbox", "slip.post_progress", () => import("./AgencyInbox.js")),
  menuPage("/board", "nav.board", "monitor.board", () => import("./CoordinatorBoard.js")),
  menuPage("/reports", "nav.reports", "report.view", () => import("./reports/ReportsPage.js")),
  menuPage("/mass-events", "nav.massEvents", "mass_event.manage", () => import("./MassEvents.js")),
  menuPage("/data-requests", "nav.dataRequests", "data_request.manage", () => import("./DataRequests.js")),
  adminPage("users", "nav.users", "user.manage", () => import("./admin/AdminUsers.js")),
  adminPage("agencies", "nav.agencies", "agency.manage", () => import("./admin/AdminAgencies.js")),
  adminPage("fields", "nav.fields", "field.manage", codeList("Fields")),
  adminPage("reasons", "nav.reasons", "refusal_reason.manage", codeList("Reasons")),
  adminPage("calendar", "nav.calendar", "calendar.manage", () => import("./admin/AdminCalendar.js")),
  adminPage("time-limits", "nav.timeLimits", "time_limit.manage", () => import("./admin/AdminTimeLimits.js")),
  // Every role that reads the Q&A base looks answers up here; after each role's own first page,
  // which stays its home (and beside /kb, not under it: the menu marks the entry an address starts with).
  menuPage("/lookup", "nav.kbLookup", "kb.read", () => import("./KbLookup.js")),
  menuPage("/kb", "nav.kbMine", "kb.propose", () => import("./KbProposals.js")),
  adminPage("kb", "nav.kb", "kb.review", () => import("./admin/AdminKb.js")),
  adminPage("channels", "nav.channels", "channel.manage", () => import("./admin/AdminChannels.js")),
  adminPage("audit", "nav.audit", "audit.read", () => import("./admin/AdminAudit.js")),
  adminPage("access-log", "nav.accessLog", "access_log.read", () => import("./admin/AdminAccessLog.js")),
  adminPage("retention", "nav.retention", "retention.manage", () => import("./admin/AdminRetention.js")),
  adminPage(
    "integrations",
    "nav.integrations",
    "integration.manage",
    () => import("./admin/AdminIntegrations.js"),
  ),
  page("/requests/:id", () => import("./RequestPage.js")),
  page("/data-requests/:id", () => import("./DataRequestPage.js")),
  page("/account", () => import("./AccountPage.js")),
];
