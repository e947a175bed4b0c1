import { describe, expect, it } from "vitest";
import { newRequestCode, normalizeRequestCode, requestCodePattern } from "./request-code.js";

describe("a request code typed back (R-IN5)", () => {
  it.each([
    ["2612-7K0M9Q", "2612-7K0M9Q"],
    [" 2612-7k0m9q ", "2612-7K0M9Q"],
    ["2612 7K0M9Q", "2612-7K0M9Q"],
    ["2612 - 7K0 M9Q", "2612-7K0M9Q"],
    ["26127K0M9Q", "2612-7K0M9Q"],
    ["2612–7K0M9Q", "2612-7K0M9Q"],
    ["２６１２－７Ｋ０Ｍ９Ｑ", "2612-7K0M9Q"],
    ["2612-7KOM9Q", "2612-7K0M9Q"],
    ["26I2-7K0M9Q", "2612-7K0M9Q"],
    ["2612-7K0M9q", "2612-7K0M9Q"],
    ["2612-1L1I1A", "2612-11111A"],
    ["2612-7K0M9Q.", "2612-7K0M9Q"],
    [": 2612-7K0M9Q,", "2612-7K0M9Q"],
    ["«2612-7K0M9Q»", "2612-7K0M9Q"],
    ["(2612-7K0M9Q)", "2612-7K0M9Q"],
  ])("%s → %s", (typed, code) => {
    expect(normalizeRequestCode(typed)).toBe(code);
  });

  it.each([
    ["", ""],
    [" 2612-7K0M9 ", "2612-7K0M9"],
    ["2612-7K0M9QX", "2612-7K0M9QX"],
    ["2612-7K0M9U", "2612-7K0M9U"],
    ["abc", "ABC"],
    ["2612-7K0M9Q.X", "2612-7K0M9Q.X"],
  ])("%s stands for no code: trimmed and upper-cased (%s)", (typed, plain) => {
    expect(normalizeRequestCode(typed)).toBe(plain);
  });

  it("leaves every new code as it is", () => {
    for (let i = 0; i < 200; i++) {
      const code = newRequestCode(new Date());
      expect(requestCodePattern.test(code)).toBe(true);
      expect(normalizeRequestCode(code)).toBe(code);
    }
  });
});
