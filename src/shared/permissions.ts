import { labelledValues } from "./labels.js";

/**
 * The one permission table (R-SE1, Art. 14.5, 15.4). Server policies decide with it; the console
 * only shows what the server returns as the caller's abilities — it never copies these rules.
 */
export const roleLabels = {
  operator: "Cán bộ trực Tổng đài",
  focal_point: "Cán bộ đầu mối",
  agency_leader: "Lãnh đạo cơ quan",
  coordinator: "Điều phối (Sở)",
  admin: "Quản trị hệ thống",
};
export const roles = labelledValues(roleLabels);
export type Role = (typeof roles)[number];

/** Who is acting. Staff come from a session; the public and channels act without a user. */
export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  role: Role;
  /** The agency of a focal point or leader; null for province-wide roles. */
  agencyId: string | null;
}

/** The hotline's desk: the operators and the coordinator, province-wide. */
const desk = { operator: "all", coordinator: "all" } as const;
/** An agency's own staff, the focal points and the leader, on their agency's requests and slips. */
const agencyStaff = { focal_point: "agency", agency_leader: "agency" } as const;

/**
 * Every action a staff member can take. "Scope" says whether the action is limited to requests
 * and slips of the actor's own agency ("agency") or applies province-wide ("all").
 */
const table = {
  // Requests (Art. 9–12)
  // Least privilege (issue 14): the administrator runs the system but reads no request, its
  // requester's details, attachments or extracts; a person who needs both holds an operator account.
  "request.read": {
    operator: "all",
    focal_point: "agency",
    agency_leader: "agency",
    coordinator: "all",
  },
  // Requesters' phone, email and address shown as given: the desk and the coordinator need them to
  // call back and route. Agencies see them masked (issue 13) and reveal one request's on demand,
  // each reveal recorded in the access log.
  "request.contact": desk,
  "request.contact_reveal": agencyStaff,
  "request.create": desk,
  "request.edit": desk,
  "request.answer_from_kb": desk,
  "request.refuse": desk,
  "request.forward": desk,
  "request.escalate": { operator: "all" },
  "request.assign_agency": { coordinator: "all" },
  "slip.answer_by_phone": agencyStaff,
  "slip.mark_verifying": agencyStaff,
  "slip.post_progress": agencyStaff,
  "slip.record_answer": agencyStaff,
  "slip.return": agencyStaff,
  // Art. 8.2, 12.2, 14.7: publication belongs to whoever answered. The operator publishes answers
  // given from the Q&A base; the answering agency publishes its own recorded answer (the agency is
  // checked against the answer's agency, services/request.service.ts permissionOn).
  "request.publish_kb_answer": { operator: "all" },
  "request.publish_agency_answer": agencyStaff,
  // Art. 13: the coordinator takes a published answer down, with a reason.
  "request.takedown": { coordinator: "all" },
  // Art. 14.6: the agency holding the slip asks the requester for what is missing or unclear.
  "slip.ask_requester": agencyStaff,
  "request.close": desk,
  // Issue 19: internal notes between the staff who work on a request (never shown to the requester).
  "request.note": { ...desk, ...agencyStaff },
  // Issue 19: the lead agency (or the coordinator) asks other agencies to cooperate; each
  // cooperating agency contributes on its own slip (checked against that slip's agency).
  "slip.request_cooperation": { ...agencyStaff, coordinator: "all" },
  "slip.contribute": agencyStaff,
  // Issue 19: the desk and the coordinator merge a duplicate into the request it repeats, and the
  // coordinator declares mass events (a storm, a new rule) with a prepared answer.
  "request.merge": desk,
  "mass_event.manage": { coordinator: "all" },
  "requester.lookup": desk,
  // The switchboard (issue 12): see calls and their callers, pick up, transfer live to an agency,
  // call back, play recordings (each playback in the access log).
  "call.handle": desk,
  // Monitoring (Art. 11, 13; R-MO*)
  // The board lists requests with their requesters: not for the administrator.
  "monitor.board": { coordinator: "all", agency_leader: "agency" },
  "report.view": { coordinator: "all", admin: "all", agency_leader: "agency" },
  // Art. 11.1: extraction of records for inspection (audited).
  "report.extract": { coordinator: "all", agency_leader: "agency" },
  // Obligations (Art. 10.3, 13.1): read by whoever reads the request; waived only by the coordinator.
  "obligation.read": { ...agencyStaff, coordinator: "all", admin: "all" },
  "obligation.waive": { coordinator: "all" },
  // Q&A base (Art. 14.4, 15.3; R-KB1)
  "kb.read": { operator: "all", focal_point: "all", agency_leader: "all", coordinator: "all", admin: "all" },
  "kb.propose": { ...agencyStaff, admin: "all" },
  "kb.review": { admin: "all" },
  // Administration (Art. 15; R-SE1, R-KB2, R-HA6)
  "user.manage": { admin: "all" },
  "agency.manage": { admin: "all" },
  "field.manage": { admin: "all" },
  "refusal_reason.manage": { admin: "all" },
  "calendar.manage": { admin: "all" },
  // The regulation's time limits (stored configuration, audited).
  "time_limit.manage": { admin: "all" },
  "channel.manage": { admin: "all" },
  "audit.read": { admin: "all", coordinator: "all" },
  // Who read which request's personal data (issue 14): oversight, without the data itself.
  "access_log.read": { admin: "all", coordinator: "all" },
  // Data-subject rights (PDP Law 91/2025 Art. 4, Decree 356/2025 Art. 5): handled by the coordinator.
  "data_request.manage": { coordinator: "all" },
  // A legal hold stops retention and deletion for a request (audited).
  "request.legal_hold": { coordinator: "all" },
  // Retention periods per record type and the retention job (administrators, audited).
  "retention.manage": { admin: "all" },
  // Integrators (issue 17): Open311 API keys and outbound webhook subscriptions (audited).
  "integration.manage": { admin: "all" },
} as const satisfies Record<string, Partial<Record<Role, "all" | "agency">>>;

export type Action = keyof typeof table;
export type Scope = "all" | "agency";
export const actions = Object.keys(table) as Action[];

/** The scope a role has for an action, or null when it may not do it at all. */
export function scopeOf(role: Role, action: Action): Scope | null {
  const row: Partial<Record<Role, Scope>> = table[action];
  return row[role] ?? null;
}

/**
 * Whether the actor may take the action, optionally on a resource owned by an agency. An
 * agency-scoped actor may act only on resources of their own agency.
 */
export function can(actor: Actor, action: Action, resource?: { agencyId: string | null }): boolean {
  const scope = scopeOf(actor.role, action);
  if (scope === null) return false;
  if (scope === "all" || resource === undefined) return true;
  return actor.agencyId !== null && resource.agencyId === actor.agencyId;
}

/** The actions an actor has in general, for the console to show or hide whole pages. */
export function abilitiesOf(actor: Actor): Action[] {
  return actions.filter((a) => scopeOf(actor.role, a) !== null);
}
