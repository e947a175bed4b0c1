import { describe, expect, it } from "vitest";
import { HIDDEN, maskAddress, maskContactsDeep, maskEmail, maskPhone } from "./contact-mask.js";

describe("contact masking (issue 13)", () => {
  it.each([
    ["0912345678", "09xx xxx 678"],
    ["0912 345 678", "09xx xxx 678"],
    ["02373852017", "02xx xxx 017"],
    ["113", HIDDEN],
    [null, null],
  ])("phone %s → %s", (input, out) => expect(maskPhone(input)).toBe(out));

  it.each([
    ["nguyen.van.a@gmail.com", "n***@gmail.com"],
    ["a@b.vn", "a***@b.vn"],
    ["không-phải-thư", HIDDEN],
    ["@thieu.vn", HIDDEN],
    [null, null],
  ])("email %s → %s", (input, out) => expect(maskEmail(input)).toBe(out));

  it.each([
    ["Số 5 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa", "phường Hạc Thành, tỉnh Thanh Hóa"],
    ["Thôn 3, xã Quảng Phú", "xã Quảng Phú"],
    ["12 Trần Phú, P. Ba Đình, TP Thanh Hóa", "P. Ba Đình, TP Thanh Hóa"],
    ["Thị trấn Rừng Thông; huyện Đông Sơn", "Thị trấn Rừng Thông, huyện Đông Sơn"],
    // A street or hamlet alone says where the person lives: nothing of it stays.
    ["Số 5 Lê Lợi", HIDDEN],
    ["Xóm Phường Cộng", HIDDEN],
    [null, null],
  ])("address %s → %s", (input, out) => expect(maskAddress(input)).toBe(out));

  it("masks contact fields anywhere in an event's data, by key, and nothing else", () => {
    const data = {
      before: {
        phone: "0912345678",
        email: "hoa@x.vn",
        address: "Số 5 Lê Lợi, xã An Nông",
        note: "0912345678",
      },
      after: [{ requesterPhone: "0987654321" }],
      count: 3,
      phone: 42,
    };
    expect(maskContactsDeep(data)).toEqual({
      before: { phone: "09xx xxx 678", email: "h***@x.vn", address: "xã An Nông", note: "0912345678" },
      after: [{ requesterPhone: "09xx xxx 321" }],
      count: 3,
      phone: 42,
    });
  });
});
