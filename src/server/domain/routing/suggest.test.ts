import { describe, expect, it } from "vitest";
import type { PlaceMention } from "./places.js";
import { type PastForward, type RoutingAgency, suggestAgencies } from "./suggest.js";

const agencies: RoutingAgency[] = [
  { id: "syt", code: "SYT", kind: "department" },
  { id: "sxd", code: "SXD", kind: "department" },
  { id: "snnmt", code: "SNNMT", kind: "department" },
  { id: "ubnd-a", code: "100", kind: "commune" },
  { id: "ubnd-b", code: "200", kind: "commune" },
];
const at = (code: string, formerName: string | null = null, weight = 1): PlaceMention => ({
  code,
  name: code === "100" ? "Phường A" : "Xã B",
  matched: "",
  formerName,
  weight,
});
const past = (agencyId: string, fieldCode: string, placeCodes: string[] = [], n = 1): PastForward[] =>
  Array.from({ length: n }, () => ({ agencyId, fieldCode, placeCodes }));

describe("routing suggestions (issue 19)", () => {
  it("a field that goes to one department proposes it first, with the count as the reason", () => {
    const history = [
      ...past("syt", "y-te", [], 8),
      ...past("sxd", "y-te", [], 1),
      ...past("sxd", "xd", [], 6),
    ];
    const s = suggestAgencies({ fieldCode: "y-te", places: [] }, history, agencies);
    expect(s.map((x) => x.agencyId)).toEqual(["syt", "sxd"]);
    expect(s[0]?.reasons).toEqual(["Đã nhận 8/9 yêu cầu lĩnh vực này trước đây"]);
  });

  it("a local field with a named place proposes that place's People's Committee first", () => {
    // Land disputes went mostly to communes, some to the department.
    const history = [
      ...past("ubnd-a", "dat", ["100"], 5),
      ...past("ubnd-b", "dat", ["200"], 4),
      ...past("snnmt", "dat", [], 2),
    ];
    const s = suggestAgencies({ fieldCode: "dat", places: [at("200", "Xã B cũ")] }, history, agencies);
    expect(s[0]?.agencyId).toBe("ubnd-b");
    expect(s[0]?.reasons).toContain("Yêu cầu nêu địa bàn Xã B (tên cũ: Xã B cũ)");
    expect(s.map((x) => x.agencyId)).toContain("snnmt");
    expect(s.map((x) => x.agencyId)).not.toContain("ubnd-a"); // another commune's history does not transfer
  });

  it("a department field keeps its department first even when a place is named", () => {
    const history = [...past("syt", "y-te", [], 9), ...past("ubnd-a", "y-te", ["100"], 1)];
    const s = suggestAgencies({ fieldCode: "y-te", places: [at("200")] }, history, agencies);
    expect(s[0]?.agencyId).toBe("syt");
    expect(s[1]?.agencyId).toBe("ubnd-b");
  });

  it("earlier requests of the field at the same place decide between close candidates", () => {
    const history = [
      ...past("sxd", "gt", [], 5),
      ...past("ubnd-a", "gt", ["100"], 4),
      ...past("sxd", "gt", ["200"], 3), // at B, these went to the department
    ];
    const atB = suggestAgencies({ fieldCode: "gt", places: [at("200")] }, history, agencies);
    expect(atB[0]?.agencyId).toBe("sxd");
    expect(atB[0]?.reasons).toContain("Đã nhận 3/3 yêu cầu lĩnh vực này ở cùng địa bàn");
    const atA = suggestAgencies({ fieldCode: "gt", places: [at("100")] }, history, agencies);
    expect(atA[0]?.agencyId).toBe("ubnd-a");
  });

  it("an ambiguous place shares its weight; a field with little history leans on all fields'", () => {
    const history = [...past("sxd", "xd", [], 6), ...past("syt", "moi", [], 1)];
    const s = suggestAgencies(
      { fieldCode: "moi", places: [at("100", null, 0.5), at("200", null, 0.5)] },
      history,
      agencies,
    );
    const score = (id: string) => s.find((x) => x.agencyId === id)?.score ?? 0;
    expect(score("ubnd-a")).toBe(score("ubnd-b"));
    // One forward of its own field against the general habit: SYT (1 + 2·1/7)/3 < SXD (0 + 2·6/7)/3.
    expect(s.find((x) => x.agencyId === "syt")?.reasons).toEqual([
      "Đã nhận 1/1 yêu cầu lĩnh vực này trước đây",
    ]);
    expect(s.find((x) => x.agencyId === "sxd")?.reasons).toEqual([
      "Đã nhận 6/7 yêu cầu các lĩnh vực trước đây",
    ]);
    expect(score("sxd")).toBeGreaterThan(score("syt"));
    expect(score("syt")).toBeGreaterThan(0);
  });

  it("a request without a field is not told of «this field»: its counts are over all fields", () => {
    // Thirty-sixth session's walk: a road landslide with no field chosen read «Đã nhận 11/19 yêu cầu
    // lĩnh vực này trước đây» beside the health department.
    const history = [...past("syt", "y-te", [], 3), ...past("sxd", "gt", ["200"], 2)];
    const s = suggestAgencies({ fieldCode: null, places: [] }, history, agencies);
    expect(s.find((x) => x.agencyId === "syt")?.reasons).toEqual([
      "Đã nhận 3/5 yêu cầu các lĩnh vực trước đây",
    ]);
    const atB = suggestAgencies({ fieldCode: null, places: [at("200")] }, history, agencies);
    expect(atB.find((x) => x.agencyId === "sxd")?.reasons).toContain(
      "Đã nhận 2/2 yêu cầu các lĩnh vực ở cùng địa bàn",
    );
    expect(atB.flatMap((x) => x.reasons).join(" ")).not.toContain("lĩnh vực này");
  });

  it("no history and no place: nothing to propose; unknown agencies are ignored", () => {
    expect(suggestAgencies({ fieldCode: "y-te", places: [] }, [], agencies)).toEqual([]);
    expect(suggestAgencies({ fieldCode: "y-te", places: [] }, past("gone", "y-te", [], 9), agencies)).toEqual(
      [],
    );
  });
});
