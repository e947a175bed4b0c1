import { describe, it } from "vitest";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 5 Dec 2026 (thirty-second session): the wordings kept after batch 22 was measured untuned.
describe("colloquial and regional words (issue 16), thirty-second session", () => {
  it("reads the thirty-second session's everyday wordings (hụt hơi, bắt đóng cửa, u choa, già rồi…)", () => {
    expectReadings({
      "hut hoi": ["kho tho"],
      "bat dong cua": ["tam dung hoat dong"],
      // Thanh Hóa / Nghệ "u choa" (my mother); "u" alone stays a tumour, as typed.
      "u choa": ["me toi", "cha me toi"],
      "gia roi": ["lon tuoi"],
      "dieu tri o dau": ["noi nao dieu tri"],
    });
    // Measured and left out: each moved the query «hụt hơi» already moved, or no query at all.
    expectLeftAsTyped(["tap tho", "lam thue", "u"]);
    expectRetrievals([
      ["F0 bị hụt hơi thì làm gì", "F0 bị khó thở thì làm gì?", "F0 bị ho, hơi mệt thì làm gì?", "kho-tho"],
      ["bị bắt đóng cửa thì sao", "Phải tạm dừng hoạt động thì sao?", "Đóng cửa sổ thì sao?", "tam-dung"],
      ["u choa có tiêm được không", "Mẹ tôi có tiêm được không?", "U nang có tiêm được không?", "me-toi"],
      [
        "già rồi có nên tiêm không",
        "Người lớn tuổi có nên tiêm không?",
        "Đã tiêm rồi có nên tiêm thêm không?",
        "lon-tuoi",
      ],
      [
        "trẻ mắc covid nặng điều trị ở đâu",
        "Nơi nào điều trị cho trẻ nhiễm covid thể nặng?",
        "Trẻ mắc covid nặng có dấu hiệu gì?",
        "noi-nao",
      ],
    ]);
  });
});
