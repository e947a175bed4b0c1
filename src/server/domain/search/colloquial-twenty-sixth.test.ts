import { describe, it } from "vitest";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 6 Dec 2026 (thirty-seventh session): the wordings kept after batch 26 was measured untuned.
describe("colloquial and regional words (issue 16), batch 26", () => {
  it("reads batch 26's everyday wordings (phạm nhân, hội nghị)", () => {
    expectReadings({
      "pham nhan": ["nguoi bi giam giu"],
      "hoi nghi": ["su kien"],
    });
    // Measured and left out: "đến dự" → tham dự moved only the query "hội nghị" already moves.
    expectLeftAsTyped(["den du"]);
    expectRetrievals([
      [
        "bảo vệ phạm nhân thế nào",
        "Bảo vệ người bị giam giữ thế nào?",
        "Bảo vệ nhân viên thế nào?",
        "giam-giu",
      ],
      [
        "khách dự hội nghị có phải đeo khẩu trang",
        "Người tham dự sự kiện có phải đeo khẩu trang?",
        "Khách du lịch có phải đeo khẩu trang?",
        "su-kien",
      ],
    ]);
  });
});
