import { describe, expect, it } from "vitest";
import { AppError } from "../../shared/errors.js";
import {
  type RequestAction,
  type RequestStatus,
  requestActions,
  requestStatuses,
} from "../../shared/request-status.js";
import { itFollowsTransitionTable } from "../../test/transition-table.js";
import { actionsFrom, assertCanEdit, canEdit, nextStatus, stillAwaitingRequester } from "./request-state.js";

/**
 * The whole state machine of Art. 9–10 as a table: for every (status, action) pair, the expected
 * next status, or null where the transition is illegal.
 */
const expected: Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>> = {
  received: {
    answer_from_kb: "answered",
    refuse: "refused",
    forward: "forwarded",
    escalate: "with_coordinator",
    merge: "merged",
  },
  with_coordinator: {
    refuse: "refused",
    assign_agency: "forwarded",
    contribute: "with_coordinator",
    merge: "merged",
  },
  forwarded: {
    answer_by_phone: "phone_answered",
    mark_verifying: "verifying",
    post_progress: "forwarded",
    record_answer: "answered",
    return_to_coordinator: "with_coordinator",
    ask_requester: "forwarded",
    request_cooperation: "forwarded",
    contribute: "forwarded",
    merge: "merged",
  },
  phone_answered: {
    record_answer: "answered",
    request_cooperation: "phone_answered",
    contribute: "phone_answered",
  },
  verifying: {
    post_progress: "verifying",
    record_answer: "answered",
    return_to_coordinator: "with_coordinator",
    ask_requester: "verifying",
    request_cooperation: "verifying",
    contribute: "verifying",
    merge: "merged",
  },
  answered: { publish: "published", contribute: "answered" },
  refused: { close: "closed" },
  published: { close: "closed", takedown: "answered", contribute: "published" },
  closed: { takedown: "answered", contribute: "closed" },
  merged: {},
};

describe("request state machine (Art. 9–10)", () => {
  itFollowsTransitionTable({
    states: requestStatuses,
    actions: requestActions,
    expected,
    next: nextStatus,
    actionsFrom,
    refusal: /Không thể «.+» khi yêu cầu đang ở trạng thái «.+»/,
  });
});

describe("the edit lock (Art. 12): a published or closed request is the public record", () => {
  it("allows edits before publication and refuses them after, with a reason", () => {
    const locked = requestStatuses.filter((s) => !canEdit(s));
    expect(locked).toEqual(["published", "closed", "merged"]);
    expect(() => assertCanEdit("answered")).not.toThrow();
    expect(() => assertCanEdit("published")).toThrow(AppError);
    expect(() => assertCanEdit("closed")).toThrow(/đã công khai kết quả hoặc đã đóng/);
  });
});

describe("waiting for the requester (Art. 14.6)", () => {
  it("lasts while the status stays, and ends with any change of status", () => {
    expect(stillAwaitingRequester("verifying", "verifying")).toBe(true);
    expect(stillAwaitingRequester("forwarded", "forwarded")).toBe(true);
    expect(stillAwaitingRequester("forwarded", "verifying")).toBe(false);
    expect(stillAwaitingRequester("verifying", "answered")).toBe(false);
    expect(stillAwaitingRequester("forwarded", "with_coordinator")).toBe(false);
  });
});
