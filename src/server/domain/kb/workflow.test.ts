import { describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors.js";
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
  for (const stage of kbStages) {
    for (const action of kbActions) {
      const to = expected[stage][action];
      it(`${stage} --${action}--> ${to ?? "409"}`, () => {
        if (to) {
          expect(nextKbStage(stage, action)).toBe(to);
          return;
        }
        let error: unknown;
        try {
          nextKbStage(stage, action);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("INVALID_TRANSITION");
        expect((error as AppError).status).toBe(409);
        // The reason names the action and the current stage in Vietnamese.
        expect((error as AppError).message).toMatch(
          /Không thể «.+» khi mục hỏi – đáp đang ở trạng thái «.+»/,
        );
      });
    }
  }

  it("lists the actions a stage allows, for the console's buttons", () => {
    for (const stage of kbStages) {
      expect(new Set(kbActionsFrom(stage))).toEqual(new Set(Object.keys(expected[stage])));
    }
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
