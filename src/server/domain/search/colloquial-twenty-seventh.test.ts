import { describe, expect, it } from "vitest";
import { spokenSyllables } from "./colloquial.js";
import { expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 6 Dec 2026 (thirty-eighth session): the wording kept after batch 27 was measured untuned.
describe("colloquial and regional words (issue 16), batch 27", () => {
  it("reads batch 27's everyday wording (về hưu)", () => {
    expectReadings({ "ve huu": ["huu tri"] });
    // Measured and left out: "mổ" → also "phẫu thuật" moved one query up and five down.
    expect(spokenSyllables("mổ cột sống")).toEqual(["mo", "cot", "song"]);
    expectRetrievals([
      [
        "người về hưu cần chuẩn bị gì",
        "Cộng đồng hưu trí cần chuẩn bị gì?",
        "Người cao tuổi cần chuẩn bị gì?",
        "huu-tri",
      ],
    ]);
  });
});
