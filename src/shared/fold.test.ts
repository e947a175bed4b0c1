import { describe, expect, it } from "vitest";
import { syllables } from "../server/domain/search/normalize.js";
import { fold, matchesFolded } from "./fold.js";

describe("fold", () => {
  it("drops tone and vowel marks and reads đ as d", () => {
    expect(fold("Sở Y tế")).toBe("so y te");
    expect(fold("Đường dây nóng ĐỒNG")).toBe("duong day nong dong");
    // Precomposed and decomposed input fold alike.
    expect(fold("Thanh Hóa".normalize("NFD"))).toBe(fold("Thanh Hóa".normalize("NFC")));
  });

  it("matches typed text without diacritics, and with them", () => {
    expect(matchesFolded("y te", "Sở Y tế")).toBe(true);
    expect(matchesFolded("Y TẾ", "Sở Y tế")).toBe(true);
    expect(matchesFolded("dao tao", "Sở Giáo dục và Đào tạo")).toBe(true);
    expect(matchesFolded("y te", "Sở Tư pháp")).toBe(false);
    expect(matchesFolded("cong  thuong", "Sở Công Thương")).toBe(true);
  });

  it("is the normaliser of the Q&A search too (one place)", () => {
    expect(syllables("Tiêm vắc-xin ĐẦY ĐỦ")).toEqual(["tiem", "vac", "xin", "day", "du"]);
    expect(syllables("Sở Y tế").join(" ")).toBe(fold("Sở Y tế"));
  });
});
