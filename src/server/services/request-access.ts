import { type Action, type Actor, can } from "../../shared/permissions.js";
import type { RequestAction, RequestStatus } from "../../shared/request-status.js";
import type { RequestSummary } from "../../shared/schemas/requests.js";
import type { AppContext } from "../context.js";
import type { Executor } from "../db/client.js";
import { listOpenObligationsOf, type ObligationRow } from "../db/repositories/obligation.repository.js";
import type { RequestRow } from "../db/repositories/request.repository.js";
import type { SlipRow } from "../db/repositories/slip.repository.js";
import { progressRefusal } from "../domain/obligations.js";
import { type AnswerOwner, isPublished } from "../domain/publication.js";
import { actionsFrom } from "../domain/request-state.js";
import { authorize } from "../policies/authorize.js";
import { type AccessOrigin, recordAccess } from "./access-log.service.js";
import type { DueContext } from "./obligation.presenter.js";
import { type ContactView, dueOwnerOf, owedBy, toSummary } from "./request.presenter.js";

/*
 * Who may see and do what on one request: the permission each transition needs, the agency it is
 * checked against, the actions offered, whether contact details show, and the access log of lists.
 */

/**
 * The permission each transition needs (the table itself is in src/shared/permissions.ts); the
 * route lets in a role holding any of them, the service then checks the one that applies to the
 * request (permissionOn).
 */
export const actionPermission = {
  answer_from_kb: "request.answer_from_kb",
  refuse: "request.refuse",
  forward: "request.forward",
  escalate: "request.escalate",
  assign_agency: "request.assign_agency",
  answer_by_phone: "slip.answer_by_phone",
  mark_verifying: "slip.mark_verifying",
  post_progress: "slip.post_progress",
  record_answer: "slip.record_answer",
  return_to_coordinator: "slip.return",
  ask_requester: "slip.ask_requester",
  publish: ["request.publish_kb_answer", "request.publish_agency_answer"],
  takedown: "request.takedown",
  close: "request.close",
  request_cooperation: "slip.request_cooperation",
  contribute: "slip.contribute",
  merge: "request.merge",
} as const satisfies Record<RequestAction, Action | readonly Action[]>;

/** Whether the actor's role holds the action's permission at all (before looking at the request). */
export function mayAttempt(actor: Actor, action: RequestAction): boolean {
  const needed: Action | readonly Action[] = actionPermission[action];
  return (typeof needed === "string" ? [needed] : needed).some((a) => can(actor, a));
}

/**
 * The one permission `action` needs on this request and the agency it is checked against, or null
 * when nobody may take it. Publication belongs to whoever answered (Art. 8.2, 12.2, 14.7): an
 * answer from the Q&A base is the operator's to publish, an agency's recorded answer that agency's.
 */
export function permissionOn(
  action: RequestAction,
  row: { agency_id: string | null },
  owner: AnswerOwner | null,
): { action: Action; agencyId: string | null } | null {
  if (action === "publish") {
    if (!owner) return null;
    return owner.kind === "hotline"
      ? { action: "request.publish_kb_answer", agencyId: null }
      : { action: "request.publish_agency_answer", agencyId: owner.agencyId };
  }
  const needed: Action | readonly Action[] = actionPermission[action];
  return typeof needed === "string" ? { action: needed, agencyId: row.agency_id } : null;
}

/**
 * The agency an agency-scoped viewer is checked against on this request: their own when they hold
 * a cooperating slip on it (issue 19), else the agency responsible for the request.
 */
export function agencyFor(
  actor: Pick<Actor, "agencyId"> | null,
  row: { agency_id: string | null; cooperating_agency_ids?: readonly string[] },
): string | null {
  const own = actor?.agencyId ?? null;
  return own !== null && row.cooperating_agency_ids?.includes(own) ? own : row.agency_id;
}

/**
 * Reading a request: agency-scoped staff see only their agency's requests (R-SE1) — those it is
 * responsible for and those it cooperates on (issue 19).
 */
export function assertCanRead(
  actor: Actor | null,
  row: { agency_id: string | null; cooperating_agency_ids?: readonly string[] },
): Actor {
  return authorize(actor, "request.read", { agencyId: agencyFor(actor, row) }, { hideExistence: true });
}

/**
 * Issue 19: the actions a cooperating agency takes on its own slip; their permission is checked
 * against that slip's agency, not the lead's.
 */
export const cooperatingActions: readonly RequestAction[] = ["contribute", "post_progress"];

/** The actions this actor may take on this request now: state machine ∩ permission table. */
export function allowedActions(
  actor: Actor,
  row: {
    status: RequestStatus;
    agency_id: string | null;
    published_at: Date | null;
    taken_down_at: Date | null;
  },
  owner: AnswerOwner | null,
  /** The agency of the actor's open cooperating slip on this request, if any (issue 19). */
  cooperatingSlipAgency: string | null = null,
): RequestAction[] {
  return actionsFrom(row.status).filter((a) => {
    // A closed request whose answer is not on the portal has nothing to take down.
    if (a === "takedown" && !isPublished(row)) return false;
    // Only an agency holding an open cooperating slip contributes.
    if (a === "contribute" && cooperatingSlipAgency === null) return false;
    const on =
      cooperatingSlipAgency !== null && cooperatingActions.includes(a)
        ? { agency_id: cooperatingSlipAgency }
        : row;
    const p = permissionOn(a, on, owner);
    return p !== null && can(actor, p.action, { agencyId: p.agencyId });
  });
}

type SlipPlace = Pick<SlipRow, "role" | "agency_id" | "closed_at">;

/** The agency's open cooperating slip on this request, if it holds one (issue 19). */
export function cooperatingSlipOf<S extends SlipPlace>(
  slips: readonly S[],
  agencyId: string | null | undefined,
): S | undefined {
  if (!agencyId) return undefined;
  return slips.find((s) => s.role === "cooperating" && s.closed_at === null && s.agency_id === agencyId);
}

/**
 * Issue 19: the slip an action acts on. A cooperating agency takes the cooperating actions on its
 * own open cooperating slip; every other action, and every other actor, acts on the open lead slip.
 * `slips` may hold closed slips too; only open ones are chosen.
 */
export function slipActedOn<S extends SlipPlace>(
  action: RequestAction,
  agencyId: string | null | undefined,
  slips: readonly S[],
): S | undefined {
  const own = cooperatingActions.includes(action) ? cooperatingSlipOf(slips, agencyId) : undefined;
  return own ?? slips.find((s) => s.role === "lead" && s.closed_at === null);
}

/**
 * Art. 10.3: a progress update is accepted only once the answer of the slip it is posted on has
 * passed its due time unmet (obligation-lifecycle.ts onProgress). Before that it is not offered:
 * the button opened a form the server then refused (thirty-sixth session).
 */
export function withoutEarlyProgress(
  actions: RequestAction[],
  slipId: string | undefined,
  obligations: ObligationRow[],
  now: Date,
): RequestAction[] {
  if (!actions.includes("post_progress")) return actions;
  const answer = obligations.find((o) => o.slip_id === slipId && o.kind === "answer");
  const facts = answer && { dueAt: answer.due_at, metAt: answer.met_at, waivedAt: answer.waived_at };
  return progressRefusal(facts, now) === null ? actions : actions.filter((a) => a !== "post_progress");
}

/** Whether this viewer sees requesters' contact details as given or masked (issue 13). */
export function contactViewOf(viewer: Actor): ContactView {
  return can(viewer, "request.contact") ? "shown" : "masked";
}

/** Summaries of listed requests, their due state decided by their open obligations (one query). */
export async function summaries(
  db: Executor,
  rows: RequestRow[],
  due: DueContext,
  viewer: Actor,
): Promise<RequestSummary[]> {
  if (rows.length === 0) return [];
  const open = await listOpenObligationsOf(
    db,
    rows.map((r) => r.id),
  );
  const contacts = contactViewOf(viewer);
  // Issue 19: an agency's staff see the due state of what their agency owes (request.presenter.ts).
  const mine = owedBy(open, dueOwnerOf(viewer));
  return rows.map((r) => toSummary(r, mine, due, contacts));
}

/**
 * A list read that returned requesters' contact details unmasked: one access-log entry naming the
 * endpoint, its filters and the requests listed (issue 14). Masked or empty lists leave none.
 */
export async function recordListRead(
  ctx: Pick<AppContext, "db" | "clock">,
  viewer: Actor,
  origin: AccessOrigin,
  endpoint: string,
  filters: Record<string, unknown>,
  listed: readonly { id: string }[],
): Promise<void> {
  if (contactViewOf(viewer) !== "shown" || listed.length === 0) return;
  await recordAccess(ctx.db, ctx.clock.now(), viewer, origin, {
    action: "request_list",
    details: {
      endpoint,
      filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      requestIds: [...new Set(listed.map((r) => r.id))],
    },
  });
}
