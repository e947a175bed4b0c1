import { describe, it } from "vitest";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 6 Dec 2026 (thirty-fifth session): the wordings kept after batch 24 was measured untuned.
describe("colloquial and regional words (issue 16), batch 24", () => {
  it("reads batch 24's everyday wordings (thanh niên, bằng cách nào, hồi nhỏ, giờ làm…)", () => {
    expectReadings({
      "thanh nien": ["nguoi tre"],
      "bang cach nao": ["phuong phap"],
      "tiep khach": ["tuong tac"],
      "tim dap nhanh": ["nhip tim tang"],
      "hoi nho": ["luc nho"],
      "xu ly the nao": ["nen lam gi"],
      "gio lam": ["so lam", "noi lam viec"],
    });
    // Measured and left out: no move of its own.
    expectLeftAsTyped(["co mac covid"]);
    expectRetrievals([
      ["thanh niên có mắc không", "Người trẻ có mắc không?", "Thanh niên tình nguyện có mắc không?", "tre"],
      [
        "xét nghiệm cho trẻ bằng cách nào",
        "Phương pháp xét nghiệm cho trẻ là gì?",
        "Xét nghiệm cho trẻ ở đâu?",
        "phuong-phap",
      ],
      [
        "nhân viên tiếp khách cần làm gì",
        "Nhân viên tương tác với khách hàng cần làm gì?",
        "Nhân viên tiếp tế cần làm gì?",
        "tuong-tac",
      ],
      [
        "tim đập nhanh có tiêm được không",
        "Nhịp tim tăng có tiêm được không?",
        "Tim mạch có tiêm được không?",
        "nhip-tim",
      ],
      ["hồi nhỏ bị dị ứng thuốc", "Lúc nhỏ từng dị ứng thuốc", "Dị ứng thuốc hồi sức", "luc-nho"],
      [
        "nhân viên bị sốt thì xử lý thế nào",
        "Nhân viên bị sốt thì nên làm gì?",
        "Nhân viên bị sốt thì xử lý rác ra sao?",
        "nen-lam-gi",
      ],
      [
        "nhân viên bị sốt trong giờ làm",
        "Nhân viên bị sốt tại nơi làm việc",
        "Nhân viên bị sốt trong giờ nghỉ",
        "so-lam",
      ],
    ]);
  });
});
