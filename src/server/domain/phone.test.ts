import { describe, expect, it } from "vitest";
import { completenessOf, looksVietnamese } from "./completeness.js";
import { displayPhone, normalizePhone } from "./phone.js";

describe("Vietnamese phone numbers are normalised (0xxx and +84xxx are the same person)", () => {
  it.each([
    ["0912345678", "+84912345678"],
    ["0912 345 678", "+84912345678"],
    ["+84 912 345 678", "+84912345678"],
    ["+84912345678", "+84912345678"],
    ["84912345678", "+84912345678"],
    ["0084912345678", "+84912345678"],
    ["+84 0912 345 678", "+84912345678"],
    ["0237.3852.022", "+842373852022"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["", "1022", "12345", "091234567", "abc", "+1 415 555 0100", "0012345678"])(
    "rejects %j",
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );

  it("shows the national form to staff", () => {
    expect(displayPhone("+84912345678")).toBe("0912345678");
  });
});

describe("Art. 7 completeness (R-IN3)", () => {
  it("flags what the operator should ask for", () => {
    expect(completenessOf({ content: "hello world", fieldId: null })).toEqual([
      "missing_name",
      "missing_address",
      "missing_phone",
      "not_vietnamese",
      "content_too_short",
      "missing_field",
    ]);
  });
  it("a complete Vietnamese request has no issue, even typed without diacritics", () => {
    const issues = completenessOf({
      fullName: "Tran Van B",
      address: "Xa Hoang Hoa",
      phone: "0912345678",
      content: "toi muon hoi ve lich tiem vac xin cho tre em",
      fieldId: 1,
    });
    expect(issues).toEqual([]);
  });
  it("tells a mistyped phone apart from a missing one", () => {
    expect(
      completenessOf({
        fullName: "A B",
        address: "x",
        phone: "123",
        content: "Tôi cần hỏi về cách ly tại nhà",
        fieldId: 1,
      }),
    ).toEqual(["invalid_phone"]);
  });
  it("recognises Vietnamese", () => {
    expect(looksVietnamese("Cho tôi hỏi về tiêm chủng")).toBe(true);
    expect(looksVietnamese("Where can I get vaccinated?")).toBe(false);
  });
});
