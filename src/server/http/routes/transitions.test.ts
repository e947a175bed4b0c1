import { beforeAll, describe, expect, it } from "vitest";
import {
  type RequestAction,
  type RequestStatus,
  requestActions,
  requestStatuses,
} from "../../../shared/request-status.js";
import { type RequestDetail, requestDetail } from "../../../shared/schemas/requests.js";
import { error, json } from "../../../test/http.js";
import { useStaffApp } from "../../../test/staff-app.js";
import { transitions } from "../../domain/request-state.js";
import { actionPaths } from "./requests.routes.js";

/**
 * Every transition of Art. 9–10 through HTTP, legal and illegal: a request is brought into each
 * status, then every action is tried on it by a role allowed to take that action.
 */
describe("every state transition through HTTP, and every illegal one → 409", () => {
  const s = useStaffApp({
    users: ["operator", "focal", "coordinator"],
    now: new Date("2026-03-10T09:00:00+07:00"),
  });
  let snv: string;
  /** An open request every «merge» joins (issue 19). */
  let mergeTarget: string;

  const actorFor: Record<RequestAction, "operator" | "focal" | "coordinator"> = {
    answer_from_kb: "operator",
    refuse: "operator",
    forward: "operator",
    escalate: "operator",
    assign_agency: "coordinator",
    answer_by_phone: "focal",
    mark_verifying: "focal",
    post_progress: "focal",
    record_answer: "focal",
    return_to_coordinator: "focal",
    ask_requester: "focal",
    publish: "focal",
    takedown: "coordinator",
    close: "operator",
    request_cooperation: "focal",
    contribute: "focal",
    merge: "operator",
  };
  const bodyFor = (a: RequestAction): Record<string, unknown> =>
    ({
      answer_from_kb: { answer: "Theo hướng dẫn của Sở Y tế." },
      refuse: { reason: "ngoai-pham-vi" },
      forward: { agencyId: s.syt, transferAttempt: "connected" },
      escalate: { note: "Chưa rõ thẩm quyền" },
      assign_agency: { agencyId: s.syt },
      answer_by_phone: {},
      mark_verifying: { note: "Cần xác minh" },
      post_progress: { note: "Đang xử lý.", appointmentAt: "2026-03-20T09:00:00+07:00" },
      record_answer: { answer: "Đã có kết quả." },
      return_to_coordinator: { reason: "Không thuộc thẩm quyền" },
      ask_requester: { message: "Xin cho biết địa chỉ cụ thể." },
      publish: {},
      takedown: { reason: "Cần rà soát lại nội dung." },
      close: {},
      request_cooperation: { agencyIds: [snv], note: "Đề nghị phối hợp." },
      contribute: { contribution: "Ý kiến phối hợp." },
      merge: { intoId: mergeTarget },
    })[a];

  /** The path from "received" to each status, as (action) steps. */
  const pathTo: Record<RequestStatus, RequestAction[]> = {
    received: [],
    with_coordinator: ["escalate"],
    forwarded: ["forward"],
    phone_answered: ["forward", "answer_by_phone"],
    verifying: ["forward", "mark_verifying"],
    answered: ["forward", "record_answer"],
    refused: ["refuse"],
    published: ["forward", "record_answer", "publish"],
    closed: ["forward", "record_answer", "publish", "close"],
    merged: ["merge"],
  };

  async function bring(status: RequestStatus): Promise<RequestDetail> {
    let d = await s.drive.create(s.operator);
    for (const step of pathTo[status])
      d = await s.drive.actOk(s[actorFor[step]], d, actionPaths[step], bodyFor(step));
    expect(d.status).toBe(status);
    return d;
  }

  beforeAll(async () => {
    snv = await s.drive.agencyId("SNV");
    mergeTarget = (await s.drive.create(s.operator)).id;
  });

  for (const status of requestStatuses) {
    it(`from «${status}»`, async () => {
      for (const action of requestActions) {
        const d = await bring(status);
        const res = await s.drive.act(s[actorFor[action]], d, actionPaths[action], bodyFor(action));
        const legal = transitions[action].from.includes(status);
        // A focal point cannot even see a request that is not at their agency (404, R-SE1).
        const visible = actorFor[action] !== "focal" || d.agencyId === s.syt;
        // The state machine allows a progress update from «forwarded»/«verifying», but only once the
        // answer obligation has passed unmet (Art. 10.3; src/server/http/routes/obligations.test.ts):
        // here the slip was just sent, so it is refused with the reason.
        const early = action === "post_progress" && legal;
        // Issue 19: only an agency holding a cooperating slip contributes; the lead's focal point
        // has none here (the contribution itself: src/server/http/routes/cooperation.test.ts).
        const notCooperating = action === "contribute" && legal;
        const expected = legal && !early && !notCooperating ? 200 : visible ? 409 : 404;
        expect({ action, status: res.statusCode }).toEqual({ action, status: expected });
        if (expected === 409) expect(error(res, 409).code).toBe("INVALID_TRANSITION");
        if (expected === 200) {
          const after = json(res, requestDetail);
          const to = transitions[action].to;
          expect(after.status).toBe(to === "same" ? status : to);
          expect(after.events.at(-1)).toMatchObject({ kind: action, fromStatus: status });
        }
      }
    });
  }
});
