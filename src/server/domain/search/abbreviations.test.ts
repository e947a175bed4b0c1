import { describe, expect, it } from "vitest";
import { expandAbbreviation } from "./abbreviations.js";

describe("chat shorthands (issue 16, twenty-second session)", () => {
  it("expands common shorthands the base never writes", () => {
    expect(expandAbbreviation("cty")).toEqual(["cong", "ty"]);
    expect(expandAbbreviation("nv")).toEqual(["nhan", "vien"]);
    expect(expandAbbreviation("hk")).toEqual(["khong"]);
    expect(expandAbbreviation("kq")).toEqual(["ket", "qua"]);
    expect(expandAbbreviation("ktx")).toEqual(["ky", "tuc", "xa"]);
    expect(expandAbbreviation("ks")).toEqual(["khach", "san"]);
    expect(expandAbbreviation("tq")).toEqual(["trung", "quoc"]);
  });

  it("expands the twenty-third session's shorthands, and leaves the ambiguous ones as typed", () => {
    expect(expandAbbreviation("mng")).toEqual(["moi", "nguoi"]);
    expect(expandAbbreviation("khum")).toEqual(["khong"]);
    expect(expandAbbreviation("hqua")).toEqual(["hom", "qua"]);
    expect(expandAbbreviation("pk")).toEqual(["phong", "kham"]);
    expect(expandAbbreviation("kcn")).toEqual(["khu", "cong", "nghiep"]);
    expect(expandAbbreviation("hn")).toBeUndefined();
    expect(expandAbbreviation("nc")).toBeUndefined();
  });

  it("reads a number with p, h or ct as minutes, hours or a directive", () => {
    expect(expandAbbreviation("30p")).toEqual(["30", "phut"]);
    expect(expandAbbreviation("18h")).toEqual(["18", "gio"]);
    expect(expandAbbreviation("ct16")).toEqual(["chi", "thi", "16"]);
    expect(expandAbbreviation("ct")).toBeUndefined();
    expect(expandAbbreviation("p")).toBeUndefined();
    expect(expandAbbreviation("covid19")).toBeUndefined();
  });
});
