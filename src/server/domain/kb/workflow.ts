import { AppError } from "../../../shared/errors.js";
import type { KbStatus } from "../../../shared/schemas/kb.js";

/**
 * The workflow of a Q&A entry (Art. 14.4, 15.3; R-KB1), the one place it is written down, like
 * request-state.ts for requests. An entry's stage is its status, except that a published entry
 * with a change waiting for review is "change_proposed": it keeps serving its published text
 * while the administrator reviews the proposal.
 */
export const kbStages = ["draft", "proposed", "published", "change_proposed", "archived"] as const;
export type KbStage = (typeof kbStages)[number];

/** What staff do to an entry: agencies edit and propose, the administrator reviews. */
export const kbActions = ["edit", "propose", "review", "publish", "reject", "archive"] as const;
export type KbAction = (typeof kbActions)[number];

/**
 * Every move an entry can make: the stage after the action, by the stage before it. A stage that
 * is not listed for an action cannot take it (409 with a reason).
 */
export const kbTransitions: Record<KbAction, Partial<Record<KbStage, KbStage>>> = {
  // Every edit is a new version: a draft or proposal changes in place; a published entry keeps
  // its published text and the change waits for review.
  edit: {
    draft: "draft",
    proposed: "proposed",
    published: "change_proposed",
    change_proposed: "change_proposed",
  },
  // Art. 15.3: the agency sends its draft to the administrator.
  propose: { draft: "proposed" },
  // R-KB1: the proposal against the published version, attribute by attribute (a read).
  review: { proposed: "proposed", change_proposed: "change_proposed" },
  publish: { proposed: "published", change_proposed: "published" },
  // R-KB1: rejected with a reason; a new entry goes back to draft, a change is dropped.
  reject: { proposed: "draft", change_proposed: "published" },
  archive: { draft: "archived", proposed: "archived", published: "archived", change_proposed: "archived" },
};

export const kbStageLabels: Record<KbStage, string> = {
  draft: "Bản nháp",
  proposed: "Chờ duyệt",
  published: "Đã công bố",
  change_proposed: "Đã công bố, có đề xuất sửa chờ duyệt",
  archived: "Đã lưu trữ",
};

export const kbActionLabels: Record<KbAction, string> = {
  edit: "Sửa",
  propose: "Gửi đề xuất",
  review: "Xem đề xuất",
  publish: "Duyệt và công bố",
  reject: "Từ chối đề xuất",
  archive: "Lưu trữ",
};

/** The stage of a stored entry: its status, and whether a version waits for review. */
export function kbStageOf(entry: { status: KbStatus; pendingVersion: number | null }): KbStage {
  return entry.status === "published" && entry.pendingVersion !== null ? "change_proposed" : entry.status;
}

/** The status stored for a stage. */
export function kbStatusOf(stage: KbStage): KbStatus {
  return stage === "change_proposed" ? "published" : stage;
}

/** Whether a version of the entry waits for the administrator's review in this stage. */
export function hasProposal(stage: KbStage): boolean {
  return stage === "proposed" || stage === "change_proposed";
}

/** The stage after `action`, or AppError INVALID_TRANSITION saying why not. */
export function nextKbStage(from: KbStage, action: KbAction): KbStage {
  const to = kbTransitions[action][from];
  if (to === undefined) {
    const allowed = kbStages
      .filter((s) => kbTransitions[action][s] !== undefined)
      .map((s) => `«${kbStageLabels[s]}»`)
      .join(", ");
    throw new AppError(
      "INVALID_TRANSITION",
      `Không thể «${kbActionLabels[action]}» khi mục hỏi – đáp đang ở trạng thái «${kbStageLabels[from]}». Chỉ thực hiện được khi ở trạng thái: ${allowed}.`,
    );
  }
  return to;
}

/** The actions the stage allows now (before permissions), for the console's buttons. */
export function kbActionsFrom(stage: KbStage): KbAction[] {
  return kbActions.filter((a) => kbTransitions[a][stage] !== undefined);
}
