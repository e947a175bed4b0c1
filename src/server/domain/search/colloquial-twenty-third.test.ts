import { describe, it } from "vitest";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 6 Dec 2026: the wordings kept after batch 23 was measured untuned.
describe("colloquial and regional words (issue 16), batch 23", () => {
  it("reads batch 23's everyday wordings (AZ, J&J, nước mình, cho dìa, bà con…)", () => {
    expectReadings({
      az: ["astrazeneca"],
      "j j": ["johnson johnson"],
      "nuoc minh": ["viet nam"],
      "sat khuan": ["khu trung"],
      "hai mui": ["hai lieu"],
      "ba con": ["nguoi than"],
      "sung mi": ["phu ne"],
      "do bi": ["tranh duoc"],
      "lam tinh nguyen": ["tham gia"],
      // The South's "cho dìa" (sent home); "dìa" alone stays as typed (folded it is "địa").
      "cho dia": ["xuat vien"],
    });
    // Measured and left out: no move of their own, or a query of an earlier batch down.
    expectLeftAsTyped([
      "dia",
      "tram phan tram",
      "khoi covid",
      "dau hieu",
      "mui sau",
      "rui ro",
      "lau rua",
      "vx khac",
      "co an toan",
      "dung duoc",
    ]);
    expectRetrievals([
      ["AZ có sốt không", "AstraZeneca có gây sốt không?", "Trẻ có sốt không?", "astra"],
      ["J&J hiệu quả ra sao", "Johnson & Johnson hiệu quả ra sao?", "Vắc xin gì hiệu quả ra sao?", "jj"],
      [
        "vắc xin nước mình bao giờ có",
        "Việt Nam bao giờ có vắc xin?",
        "Vắc xin nước ngoài bao giờ có?",
        "viet-nam",
      ],
      ["sát khuẩn xe thế nào", "Khử trùng xe thế nào?", "Sát khuẩn tay thế nào?", "khu-trung"],
      ["tiêm đủ hai mũi chưa", "Tiêm đủ hai liều chưa?", "Tiêm đủ mũi chưa?", "hai-lieu"],
      [
        "bà con đến thăm có được không",
        "Người thân đến thăm có được không?",
        "Bà con đến nhà văn hóa có được không?",
        "than",
      ],
      ["uống thuốc bị sưng mí mắt", "Uống thuốc bị phù nề mắt", "Uống thuốc bị đau mắt", "phu-ne"],
      [
        "đeo khẩu trang có đỡ bị lây không",
        "Đeo khẩu trang có tránh được lây nhiễm?",
        "Đeo khẩu trang có bị phạt không?",
        "tranh",
      ],
      [
        "khỏi bệnh muốn làm tình nguyện chống dịch",
        "Điều kiện khỏi bệnh tham gia chống dịch",
        "Tình nguyện viên chống dịch làm gì?",
        "tham-gia",
      ],
      [
        "con nằm viện chừng nào được cho dìa",
        "Khi nào trẻ được xuất viện?",
        "Khi nào con được đi học?",
        "xuat-vien",
      ],
    ]);
  });
});
