import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy.js";

describe("password policy (ASVS V6.2)", () => {
  it.each([
    ["password", "too_short"],
    ["demo1022", "too_short"],
    ["password1234", "common"],
    ["PASSWORD1234", "common"],
    ["qwertyuiop123", "common"],
    ["tongdai1022abc", "contains_product"],
    ["Tổng Đài của tỉnh", "contains_product"],
    ["goi-so-1022-nhe!", "contains_product"],
    ["nguyen.an-mat-khau", "contains_username"],
    ["NguyenAn rất dài", "contains_username"],
    ["x".repeat(129), "too_long"],
  ])("refuses %j (%s)", (password, problem) => {
    expect(passwordProblem(password, "nguyen.an")).toBe(problem);
  });

  it.each([
    "mat-khau-rat-dai",
    "cây đa giếng nước sân đình",
    "correct horse battery staple",
    "   spaces   are fine   ",
    "x".repeat(64) + "ý".repeat(64),
  ])("accepts %j (passphrases, spaces and Vietnamese letters, no composition rules)", (password) => {
    expect(passwordProblem(password, "nguyen.an")).toBeNull();
  });

  it("counts a Vietnamese letter once, however it is encoded", () => {
    const decomposed = "mật khẩu dài".normalize("NFD");
    expect(decomposed.length).toBeGreaterThan(12);
    expect(passwordProblem(decomposed.slice(0, 14), "x")).toBe("too_short");
  });
});
