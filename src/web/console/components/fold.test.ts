import { describe, expect, it } from "vitest";
import { foldVietnamese, matchesFolded } from "./fold.js";

describe("foldVietnamese", () => {
  it("drops tone and vowel marks and reads đ as d", () => {
    expect(foldVietnamese("Sở Y tế")).toBe("so y te");
    expect(foldVietnamese("Đường dây nóng ĐỒNG")).toBe("duong day nong dong");
    // Precomposed and decomposed input fold alike.
    expect(foldVietnamese("Thanh Hóa".normalize("NFD"))).toBe(foldVietnamese("Thanh Hóa".normalize("NFC")));
  });

  it("matches typed text without diacritics, and with them", () => {
    expect(matchesFolded("y te", "Sở Y tế")).toBe(true);
    expect(matchesFolded("Y TẾ", "Sở Y tế")).toBe(true);
    expect(matchesFolded("dao tao", "Sở Giáo dục và Đào tạo")).toBe(true);
    expect(matchesFolded("y te", "Sở Tư pháp")).toBe(false);
  });
});
