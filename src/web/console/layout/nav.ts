import type { Action } from "../../../shared/permissions.js";

/** Menu entries and the server ability that opens each (the rules themselves stay on the server). */
export interface NavEntry {
  path: string;
  labelKey: string;
  ability: Action;
  group?: "admin";
}

export const navEntries: NavEntry[] = [
  { path: "/desk", labelKey: "nav.desk", ability: "request.create" },
  { path: "/inbox", labelKey: "nav.inbox", ability: "slip.post_progress" },
  { path: "/board", labelKey: "nav.board", ability: "monitor.board" },
  { path: "/reports", labelKey: "nav.reports", ability: "report.view" },
  { path: "/mass-events", labelKey: "nav.massEvents", ability: "mass_event.manage" },
  { path: "/data-requests", labelKey: "nav.dataRequests", ability: "data_request.manage" },
  { path: "/admin/users", labelKey: "nav.users", ability: "user.manage", group: "admin" },
  { path: "/admin/agencies", labelKey: "nav.agencies", ability: "agency.manage", group: "admin" },
  { path: "/admin/fields", labelKey: "nav.fields", ability: "field.manage", group: "admin" },
  { path: "/admin/reasons", labelKey: "nav.reasons", ability: "refusal_reason.manage", group: "admin" },
  { path: "/admin/calendar", labelKey: "nav.calendar", ability: "calendar.manage", group: "admin" },
  { path: "/admin/time-limits", labelKey: "nav.timeLimits", ability: "time_limit.manage", group: "admin" },
  { path: "/kb", labelKey: "nav.kbMine", ability: "kb.propose" },
  { path: "/admin/kb", labelKey: "nav.kb", ability: "kb.review", group: "admin" },
  { path: "/admin/channels", labelKey: "nav.channels", ability: "channel.manage", group: "admin" },
  { path: "/admin/audit", labelKey: "nav.audit", ability: "audit.read", group: "admin" },
  { path: "/admin/access-log", labelKey: "nav.accessLog", ability: "access_log.read", group: "admin" },
  { path: "/admin/retention", labelKey: "nav.retention", ability: "retention.manage", group: "admin" },
  {
    path: "/admin/integrations",
    labelKey: "nav.integrations",
    ability: "integration.manage",
    group: "admin",
  },
];
