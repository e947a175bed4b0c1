import { AppError } from "../../shared/errors.js";
import {
  type RequestAction,
  type RequestStatus,
  requestActionLabels,
  requestStatusLabels,
} from "../../shared/request-status.js";

/**
 * The request state machine of Art. 9–10, the one place it is written down. Every transition a
 * request can take is a row here; anything else is illegal and answers 409 with a reason.
 */
export const transitions: Record<
  RequestAction,
  { from: readonly RequestStatus[]; to: RequestStatus | "same" }
> = {
  // Art. 10.1: the operator answers from the Q&A base.
  answer_from_kb: { from: ["received"], to: "answered" },
  // Art. 3.6, 9.2: out of scope → refused with a stated reason, told at once.
  refuse: { from: ["received", "with_coordinator"], to: "refused" },
  // Art. 10.1: live-call transfer + transfer slip to the agency's focal points.
  forward: { from: ["received"], to: "forwarded" },
  // Art. 10.4: unclear jurisdiction → the coordinator decides.
  escalate: { from: ["received"], to: "with_coordinator" },
  // Art. 10.4, 13.2: the coordinator names the agency; the slip goes there.
  assign_agency: { from: ["with_coordinator"], to: "forwarded" },
  // Art. 10.3: answered on the phone; the answer must be recorded within 4 working hours.
  answer_by_phone: { from: ["forwarded"], to: "phone_answered" },
  // Art. 10.3: needs verification; the requester is told; answer due 8 working hours after the slip.
  mark_verifying: { from: ["forwarded"], to: "verifying" },
  // Art. 10.3: still not answered → progress update and a new appointment, visible to the requester.
  post_progress: { from: ["forwarded", "verifying"], to: "same" },
  record_answer: { from: ["forwarded", "phone_answered", "verifying"], to: "answered" },
  // R-HA8: not competent → back to the coordinator with a reason.
  return_to_coordinator: { from: ["forwarded", "verifying"], to: "with_coordinator" },
  // Art. 14.6: the agency asks the requester for what is missing; the request waits for the reply
  // (awaiting_requester_since) without changing status, and the legal clock keeps running (Art. 10.3).
  ask_requester: { from: ["forwarded", "verifying"], to: "same" },
  // Art. 12: published on the portal without personal data.
  publish: { from: ["answered"], to: "published" },
  // Art. 13: the coordinator takes the answer off the portal (with a reason); back to "answered",
  // the answering agency may publish again after fixing it. A closed published request too.
  takedown: { from: ["published", "closed"], to: "answered" },
  close: { from: ["published", "refused"], to: "closed" },
  // Issue 19: while the lead agency still works on it, it (or the coordinator) asks other agencies
  // to cooperate; each gets a slip of its own with its own answer obligation (Art. 10.3).
  request_cooperation: { from: ["forwarded", "phone_answered", "verifying"], to: "same" },
  // A cooperating agency's contribution meets its own obligation whenever it comes — before or after
  // the lead's answer, even late — so it is legal wherever a cooperating slip can still be open.
  contribute: {
    from: ["forwarded", "phone_answered", "verifying", "with_coordinator", "answered", "published", "closed"],
    to: "same",
  },
  // Issue 19: a duplicate joins another open request (mergeRefusal below says into which); its own
  // clock stops and it follows the answer of the one it joined.
  merge: { from: ["received", "with_coordinator", "forwarded", "verifying"], to: "merged" },
};

/**
 * Transitions the requester takes (issue 19), not staff: no permission, the follow code and phone
 * are the key. Kept beside the staff table so the state machine stays in one place.
 */
export const requesterTransitions = {
  // Issue 19: the requester says the published answer did not resolve the question → back to the
  // coordinator, who decides with the usual actions (assign an agency again, refuse).
  reopen_not_resolved: { from: ["published", "closed"], to: "with_coordinator" },
} as const satisfies Record<string, { from: readonly RequestStatus[]; to: RequestStatus }>;
export type RequesterAction = keyof typeof requesterTransitions;

/** The status after the requester's `action`, or AppError INVALID_TRANSITION. */
export function requesterNextStatus(from: RequestStatus, action: RequesterAction): RequestStatus {
  const rule = requesterTransitions[action];
  if (!(rule.from as readonly RequestStatus[]).includes(from)) {
    throw new AppError(
      "INVALID_TRANSITION",
      `Không thể mở lại yêu cầu đang ở trạng thái «${requestStatusLabels[from]}».`,
    );
  }
  return rule.to;
}

/**
 * Issue 19: the requester is asked whether the answer resolved the question only once it is
 * published (and not taken down): a published or closed request whose answer is on record.
 */
export function acceptsFeedback(status: RequestStatus, published: boolean): boolean {
  return published && (status === "published" || status === "closed");
}

/** Statuses in which the regulation's handling is still under way (Art. 9–12). */
export const handlingStatuses: readonly RequestStatus[] = [
  "received",
  "with_coordinator",
  "forwarded",
  "phone_answered",
  "verifying",
  "answered",
];

/** What a merge target may be in: not refused, closed or itself merged (no chains). */
const mergeTargetStatuses: readonly RequestStatus[] = [...handlingStatuses, "published"];

/** Stable codes of a refused merge (details[].code of the 409), besides a stale version (CONFLICT). */
export type MergeRefusal = "merge_into_self" | "merge_target_closed" | "merge_target_merged" | "merge_chain";

/**
 * Why `source` may not join `target`, or null when it may (issue 19). One level only: a request
 * that others joined is not merged itself (that would make a chain), and nothing joins a merged one.
 */
export function mergeRefusal(
  source: { id: string; joinedBy: number },
  target: { id: string; status: RequestStatus },
): { code: MergeRefusal; message: string } | null {
  if (source.id === target.id)
    return { code: "merge_into_self", message: "Không thể gộp yêu cầu vào chính nó." };
  if (target.status === "merged")
    return {
      code: "merge_target_merged",
      message: "Yêu cầu đích đã được gộp vào yêu cầu khác; hãy gộp vào yêu cầu chính.",
    };
  if (!mergeTargetStatuses.includes(target.status))
    return {
      code: "merge_target_closed",
      message: `Không thể gộp vào yêu cầu đang ở trạng thái «${requestStatusLabels[target.status]}».`,
    };
  if (source.joinedBy > 0)
    return {
      code: "merge_chain",
      message: "Đã có yêu cầu khác gộp vào yêu cầu này; không thể gộp tiếp (tránh gộp nối tiếp).",
    };
  return null;
}

/** The status after `action`, or AppError INVALID_TRANSITION saying why not. */
export function nextStatus(from: RequestStatus, action: RequestAction): RequestStatus {
  const rule = transitions[action];
  if (!rule.from.includes(from)) {
    const allowed = rule.from.map((s) => `«${requestStatusLabels[s]}»`).join(", ");
    throw new AppError(
      "INVALID_TRANSITION",
      `Không thể «${requestActionLabels[action]}» khi yêu cầu đang ở trạng thái «${requestStatusLabels[from]}». Chỉ thực hiện được khi ở trạng thái: ${allowed}.`,
    );
  }
  return rule.to === "same" ? from : rule.to;
}

/**
 * Whether a request still waits for the requester after a transition (Art. 14.6): only while its
 * status stays the same. Any change of status (an answer, a return) ends the wait; the requester's
 * reply ends it too (services/conversation.ts).
 */
export function stillAwaitingRequester(from: RequestStatus, to: RequestStatus): boolean {
  return from === to;
}

/** The actions the state allows now (before permissions), for the console's buttons. */
export function actionsFrom(status: RequestStatus): RequestAction[] {
  return (Object.keys(transitions) as RequestAction[]).filter((a) => transitions[a].from.includes(status));
}

/**
 * The edit lock (Art. 12): a published or closed request is the public record and is no longer
 * corrected. Returns whether the request's details may still be edited.
 */
export function canEdit(status: RequestStatus): boolean {
  return status !== "published" && status !== "closed" && status !== "merged";
}

/** AppError INVALID_TRANSITION when the request may no longer be edited. */
export function assertCanEdit(status: RequestStatus): void {
  if (!canEdit(status)) {
    throw new AppError("INVALID_TRANSITION", "Không thể sửa yêu cầu đã công khai kết quả hoặc đã đóng.");
  }
}
