import { describe, expect, it } from "vitest";
import { type RequestAction, requestActions } from "../../shared/request-status.js";
import { cooperatingActions, cooperatingSlipOf, slipActedOn } from "./request-access.js";

/** Issue 19: which slip an action acts on — the cooperating agency's own, else the lead slip. */
describe("slipActedOn", () => {
  const closedAt = new Date("2026-12-01T03:00:00Z");
  const lead = { id: "lead", role: "lead", agency_id: "A", closed_at: null } as const;
  const oldLead = { id: "old-lead", role: "lead", agency_id: "C", closed_at: closedAt } as const;
  const coopB = { id: "coop-b", role: "cooperating", agency_id: "B", closed_at: null } as const;
  const closedCoopD = { id: "coop-d", role: "cooperating", agency_id: "D", closed_at: closedAt } as const;
  const slips = [oldLead, coopB, lead, closedCoopD];
  const others = requestActions.filter((a) => !cooperatingActions.includes(a));
  const on = (action: RequestAction, agencyId: string | null) => slipActedOn(action, agencyId, slips)?.id;

  it("a cooperating agency posts progress and contributes on its own open slip", () => {
    expect(cooperatingActions).toEqual(["contribute", "post_progress"]);
    for (const a of cooperatingActions) expect(on(a, "B")).toBe("coop-b");
  });

  it("every other action of the cooperating agency acts on the open lead slip", () => {
    for (const a of others) expect(on(a, "B")).toBe("lead");
  });

  it("the lead agency, another agency, the hotline (no agency) act on the open lead slip", () => {
    for (const a of requestActions) {
      expect(on(a, "A")).toBe("lead");
      expect(on(a, "E")).toBe("lead");
      expect(on(a, null)).toBe("lead");
    }
  });

  it("a closed cooperating slip no longer counts: its agency acts on the lead slip", () => {
    expect(on("post_progress", "D")).toBe("lead");
    expect(cooperatingSlipOf(slips, "D")).toBeUndefined();
  });

  it("no open lead slip: nothing to act on, unless the agency's own cooperating slip", () => {
    const noLead = [oldLead, coopB];
    expect(slipActedOn("record_answer", "B", noLead)).toBeUndefined();
    expect(slipActedOn("post_progress", null, noLead)).toBeUndefined();
    expect(slipActedOn("post_progress", "B", noLead)?.id).toBe("coop-b");
  });

  it("cooperatingSlipOf names only an open cooperating slip of that agency", () => {
    expect(cooperatingSlipOf(slips, "B")?.id).toBe("coop-b");
    expect(cooperatingSlipOf(slips, "A")).toBeUndefined();
    expect(cooperatingSlipOf(slips, null)).toBeUndefined();
    expect(cooperatingSlipOf(slips, undefined)).toBeUndefined();
  });
});
