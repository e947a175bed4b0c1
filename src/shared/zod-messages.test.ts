import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configureVietnameseMessages } from "./zod-messages.js";

configureVietnameseMessages();
const messageOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

describe("zod's messages in plain Vietnamese", () => {
  it("states lengths, counts and bounds the way a form does", () => {
    expect(messageOf(z.string().max(200), "a".repeat(201))).toBe("Tối đa 200 ký tự");
    expect(messageOf(z.string().min(3), "ab")).toBe("Cần ít nhất 3 ký tự");
    expect(messageOf(z.string().min(1), "")).toBe("Không được để trống");
    expect(messageOf(z.array(z.number()).max(2), [1, 2, 3])).toBe("Tối đa 2 mục");
    expect(messageOf(z.number().max(10), 11)).toBe("Giá trị không được lớn hơn 10");
    expect(messageOf(z.number().min(0), -1)).toBe("Giá trị phải từ 0 trở lên");
    expect(messageOf(z.number().gt(0), 0)).toBe("Giá trị phải lớn hơn 0");
  });

  it("writes a bound of thousands as Vietnamese does, as the portal states its limits", () => {
    expect(messageOf(z.string().max(20_000), "a".repeat(20_001))).toBe("Tối đa 20.000 ký tự");
    expect(messageOf(z.string().min(1_500), "a")).toBe("Cần ít nhất 1.500 ký tự");
    expect(messageOf(z.number().max(10_000), 10_001)).toBe("Giá trị không được lớn hơn 10.000");
  });

  it("names the expected kind of value, and a missing one", () => {
    expect(messageOf(z.string(), 42)).toBe("Giá trị không hợp lệ: cần văn bản");
    expect(messageOf(z.number(), "1")).toBe("Giá trị không hợp lệ: cần số");
    expect(messageOf(z.object({}), [])).toBe("Giá trị không hợp lệ: cần đối tượng");
    expect(messageOf(z.object({ a: z.string() }), {})).toBe("Thiếu giá trị bắt buộc");
  });

  it("leaves a schema's own message and zod's Vietnamese locale for the rest", () => {
    expect(messageOf(z.string().max(5, "Tên quá dài"), "abcdefgh")).toBe("Tên quá dài");
    expect(messageOf(z.enum(["a", "b"]), "c")).toMatch(/^Tùy chọn không hợp lệ/);
  });
});
