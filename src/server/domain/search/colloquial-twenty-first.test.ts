import { describe, expect, it } from "vitest";
import { spokenSyllables } from "./colloquial.js";
import { expectLeftAsTyped, expectReadings, expectRetrievals } from "./search.fixture.js";

// Issue 16, 5 Dec 2026 (thirty-first session): the wordings kept after batch 21 was measured untuned.
describe("colloquial and regional words (issue 16), thirty-first session", () => {
  it("reads the thirty-first session's everyday wordings (trễ hẹn, máy lọc không khí, mấy tuần…)", () => {
    // "trễ" typed with its marks is the word of speech "muộn", so "trễ hẹn" reaches the phrases as
    // "muon hen"; typed without marks it is still "tre hen", read as before.
    expect(spokenSyllables("trễ hẹn mũi 2")).toEqual(["muon", "hen", "mui", "2"]);
    expectReadings({
      "muon hen": ["qua thoi han", "lo thoi diem"],
      "tre hen": ["qua thoi han", "muon"],
      "may loc khong khi": ["thiet bi khu trung khong khi"],
      "khong gap": ["khong tiep xuc", "khong lien he"],
      "may tuan": ["bao lau"],
      "bi toi gi": ["xu ly", "xu phat"],
      "co khang the": ["sinh khang the", "tao khang the"],
      "bot cong nhan": ["cat giam lao dong"],
      "lam viec ra sao": ["hoat dong nhu the nao", "co che"],
    });
    // Measured and left out: they moved no query, or moved one down.
    expectLeftAsTyped(["gioi leo", "bao nhieu ngay", "lam sao biet", "hay do", "nho nha", "xai thuoc"]);
    expectRetrievals([
      [
        "máy lọc không khí diệt được virus không",
        "Thiết bị khử trùng không khí có vô hiệu hóa được vi rút không?",
        "Máy sấy tay có diệt được vi rút không?",
        "khu-trung-khong-khi",
      ],
      [
        "trễ hẹn mũi 2 thì sao",
        "Lỡ thời điểm tiêm mũi thứ hai thì sao?",
        "Tiêm mũi 2 có đau hơn mũi 1 không?",
        "lo-mui-2",
      ],
      [
        "công ty cho bớt công nhân nghỉ được không",
        "Doanh nghiệp có được cắt giảm lao động không?",
        "Công nhân nghỉ ốm có được hưởng lương không?",
        "cat-giam",
      ],
    ]);
  });
});
