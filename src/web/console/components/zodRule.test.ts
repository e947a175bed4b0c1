import { describe, expect, it } from "vitest";
import {
  createFieldBody,
  createUserBody,
  updateAgencyBody,
  updateUserBody,
} from "../../../shared/schemas/admin.js";
import { createDataRequestBody, legalHoldBody } from "../../../shared/schemas/data-rights.js";
import { limitCount, optionalTextRule, parseForm, schemaItem, zodRule } from "./zodRule.js";

const check = async (rule: ReturnType<typeof zodRule>, value: unknown): Promise<string | null> => {
  if (typeof rule !== "object" || !rule.validator) throw new Error("not a validator rule");
  try {
    await rule.validator({}, value, () => undefined);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe("admin forms validated by the shared schemas", () => {
  it("gives each field the schema's own Vietnamese message", async () => {
    const field = (name: string) => zodRule(createFieldBody.shape[name as "code"]);
    expect(await check(field("code"), "Giao Thông!")).toMatch(/^Mã chỉ gồm chữ thường không dấu/);
    expect(await check(field("code"), "giao-thong")).toBeNull();
    expect(await check(field("name"), undefined)).toBe("Vui lòng nhập tên lĩnh vực");
    expect(await check(field("name"), "   ")).toBe("Vui lòng nhập tên lĩnh vực");
    expect(await check(field("description"), "")).toBeNull();
    expect(await check(zodRule(createUserBody.shape.password), "ngan")).toBe(
      "Mật khẩu phải có ít nhất 12 ký tự (có thể dùng cụm từ có dấu cách)",
    );
    expect(await check(zodRule(createUserBody.shape.role, "Vui lòng chọn vai trò"), undefined)).toBe(
      "Vui lòng chọn vai trò",
    );
  });

  it("marks as required what the schema requires", () => {
    expect(schemaItem(createUserBody, "fullName").required).toBe(true);
    expect(schemaItem(createUserBody, "email").required).toBe(false);
    expect(schemaItem(updateUserBody, "fullName").required).toBe(false);
    expect(schemaItem(createUserBody, "active")).toEqual({ name: "active" });
  });

  it("sends the schema's output: trimmed, cleared values as null, untouched ones left out", () => {
    expect(
      parseForm(createUserBody, {
        username: " Nguyen.An ",
        password: "mat-khau-dai",
        fullName: "  Nguyễn An ",
        role: "operator",
        agencyId: undefined,
        phone: "",
        email: "",
      }),
    ).toEqual({
      username: "nguyen.an",
      password: "mat-khau-dai",
      fullName: "Nguyễn An",
      role: "operator",
      agencyId: null,
      phone: null,
      email: null,
    });
    // sortOrder takes no null: a cleared number input is left out rather than refused.
    expect(parseForm(createFieldBody, { code: "y-te", name: "Y tế", sortOrder: null })).toEqual({
      code: "y-te",
      name: "Y tế",
    });
    expect(parseForm(updateAgencyBody, { hotlineNumbers: ["0237 3852 111"], active: false })).toEqual({
      hotlineNumbers: ["02373852111"],
      active: false,
    });
  });
});

describe("texts told against their limit, never cut", () => {
  const details = createDataRequestBody.shape.details;

  it("passes a blank optional text and tells one over the limit", async () => {
    for (const blank of [undefined, "", "   "])
      expect(await check(optionalTextRule(details), blank)).toBeNull();
    expect(await check(optionalTextRule(details), "x".repeat(5001))).toBe("Tối đa 5.000 ký tự");
    // Checked as sent: trimmed (an email pasted with a space after it is taken).
    expect(
      await check(optionalTextRule(createDataRequestBody.shape.subject.shape.email), " a@b.vn "),
    ).toBeNull();
  });

  it("counts against the schema's own limit, optional or not", () => {
    expect(limitCount(details)).toEqual({ show: true, max: 5000 });
    expect(limitCount(legalHoldBody.shape.reason)).toEqual({ show: true, max: 2000 });
    expect(limitCount(createUserBody.shape.role)).toEqual({ show: false, max: undefined });
  });
});
