import { describe, it } from "vitest";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 6 Dec 2026 (fortieth session): the wordings kept after batch 29 was measured untuned.
describe("colloquial and regional words (issue 16), batch 29", () => {
  it("reads batch 29's everyday wording (máy móc, sang Mỹ, ho kéo dài, tai nạn lao động, lợi gì)", () => {
    expectReadings({
      "may moc": ["trang thiet bi"],
      "sang my": ["hoa ky"],
      "ho keo dai": ["ho suot"],
      "tai nan lao dong": ["tnld"],
      "loi gi": ["loi ich"],
    });
    // Measured and left out: "đóng cửa" → also "tạm dừng hoạt động" (one earlier query down), and
    // "lượng virus", "nhân viên y tế" (nothing moved); folded "mỹ" alone is also "mỹ phẩm".
    expectLeftAsTyped(["dong cua", "luong virus", "nhan vien y te", "my pham"]);
    expectRetrievals([
      [
        "tầng 5 có máy móc gì",
        "Tầng 5 trong mô hình tháp được bố trí các trang thiết bị như thế nào?",
        "Tầng 5 trong mô hình tháp có thể tiếp nhận bao nhiêu bệnh nhân?",
        "trang-thiet-bi",
      ],
      [
        "sang mỹ có cần xét nghiệm trước",
        "CDC có yêu cầu xét nghiệm COVID-19 trước khi đến Hoa Kỳ không?",
        "Đã tiêm vaccine, tôi có cần xét nghiệm khi ho và sốt?",
        "hoa-ky",
      ],
      [
        "giảm đóng bảo hiểm tai nạn lao động lợi gì",
        "Lợi ích của người lao động khi giảm mức đóng vào quỹ bảo hiểm TNLĐ, BNN là gì?",
        "Doanh nghiệp được giảm mức đóng bảo hiểm tai nạn lao động thì có phải quyết toán không?",
        "tnld",
      ],
    ]);
  });
});
