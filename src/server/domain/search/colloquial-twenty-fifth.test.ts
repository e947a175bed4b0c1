import { describe, it } from "vitest";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 6 Dec 2026 (thirty-sixth session): the wordings kept after batch 25 was measured untuned.
describe("colloquial and regional words (issue 16), batch 25", () => {
  it("reads batch 25's everyday wordings (khám nghiệm tử thi, uống thuốc bắc)", () => {
    expectReadings({
      "kham nghiem tu thi": ["dieu tra phap y"],
      "uong thuoc bac": ["thuoc dong y"],
    });
    // Measured and left out: Nghệ Tĩnh "eng" (anh) moved no query.
    expectLeftAsTyped(["eng"]);
    expectRetrievals([
      [
        "người khám nghiệm tử thi cần làm gì",
        "Nhà điều tra pháp y cần làm gì?",
        "Người nghiệm thu cần làm gì?",
        "phap-y",
      ],
      ["uống thuốc bắc có sao", "Thuốc đông y có sao", "Uống thuốc có sao", "dong-y"],
    ]);
  });
});
