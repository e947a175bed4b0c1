import { describe, expect, it } from "vitest";
import { AppError } from "../../shared/errors.js";
import { requestStatuses } from "../../shared/request-status.js";
import { mentionsIn } from "../services/note.service.js";
import { acceptsFeedback, requesterNextStatus } from "./request-state.js";

/** Issue 19: the requester's own transition and when feedback is taken, for every status. */
describe("the requester's transitions", () => {
  it("'not resolved' reopens a published or closed request to the coordinator, nothing else", () => {
    for (const status of requestStatuses) {
      if (status === "published" || status === "closed") {
        expect(requesterNextStatus(status, "reopen_not_resolved")).toBe("with_coordinator");
      } else {
        expect(() => requesterNextStatus(status, "reopen_not_resolved")).toThrow(AppError);
      }
    }
  });

  it("feedback is taken only on a published answer still on record", () => {
    const open = requestStatuses.filter((s) => acceptsFeedback(s, true));
    expect(open).toEqual(["published", "closed"]);
    // A refused request is closed without any published answer.
    expect(acceptsFeedback("closed", false)).toBe(false);
    expect(acceptsFeedback("published", false)).toBe(false);
  });
});

describe("@mentions in a note", () => {
  it("reads usernames, once each, not e-mail addresses", () => {
    expect(mentionsIn("@coordinator xem giúp, @focal.syt và @coordinator.")).toEqual([
      "coordinator",
      "focal.syt",
    ]);
    expect(mentionsIn("gửi tram.yte@example.vn")).toEqual([]);
    expect(mentionsIn("@ab quá ngắn, @Operator")).toEqual(["operator"]);
  });
});
