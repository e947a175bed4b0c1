import { describe, expect, it } from "vitest";
import { itFollowsTransitionTable } from "../../../test/transition-table.js";
import {
  hasProposal,
  type KbAction,
  type KbStage,
  kbActions,
  kbActionsFrom,
  kbStageOf,
  kbStages,
  kbStatusOf,
  nextKbStage,
} from "./workflow.js";

/**
 * The whole Q&A workflow (R-KB1) as a table: for every (stage, action) pair, the expected next
 * stage, or nothing where the action is refused.
 */
const expected: Record<KbStage, Partial<Record<KbAction, KbStage>>> = {
  draft: { edit: "draft", propose: "proposed", archive: "archived" },
  proposed: {
    edit: "proposed",
    review: "proposed",
    publish: "published",
    reject: "draft",
    archive: "archived",
  },
  published: { edit: "change_proposed", archive: "archived" },
  change_proposed: {
    edit: "change_proposed",
    review: "change_proposed",
    publish: "published",
    reject: "published",
    archive: "archived",
  },
  archived: {},
};

describe("Q&A entry workflow (R-KB1)", () => {
  itFollowsTransitionTable({
    states: kbStages,
    actions: kbActions,
    expected,
    next: nextKbStage,
    actionsFrom: kbActionsFrom,
    refusal: /Không thể «.+» khi mục hỏi – đáp đang ở trạng thái «.+»/,
  });

  it("reads the stage from the stored status and pending version, and back", () => {
    expect(kbStageOf({ status: "draft", pendingVersion: null })).toBe("draft");
    expect(kbStageOf({ status: "proposed", pendingVersion: 3 })).toBe("proposed");
    expect(kbStageOf({ status: "published", pendingVersion: null })).toBe("published");
    expect(kbStageOf({ status: "published", pendingVersion: 4 })).toBe("change_proposed");
    expect(kbStageOf({ status: "archived", pendingVersion: null })).toBe("archived");
    expect(kbStages.map(kbStatusOf)).toEqual(["draft", "proposed", "published", "published", "archived"]);
    expect(kbStages.filter(hasProposal)).toEqual(["proposed", "change_proposed"]);
  });
});
