import { describe, expect, it } from "vitest";
import {
  HIDDEN,
  maskAddress,
  maskContactsDeep,
  maskContactsInText,
  maskEmail,
  maskPhone,
} from "./contact-mask.js";

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

  // Review of the thirty-second session: a provider's error or a network's report shown on the
  // request page can name the recipient, which an agency must not read before a reveal.
  it.each([
    [
      "Can't send mail - all recipients were rejected: 550 5.1.1 <lan.nguyen@example.vn>: Recipient address rejected",
      "Can't send mail - all recipients were rejected: 550 5.1.1 <l***@example.vn>: Recipient address rejected",
    ],
    ["Thue bao 0912 345 678 khong lien lac duoc", "Thue bao 09xx xxx 678 khong lien lac duoc"],
    ["+84912345678 tạm khoá; gửi lại cho an@b.vn", "84xx xxx 678 tạm khoá; gửi lại cho a***@b.vn"],
    // Codes, statuses, dates and request codes are not contacts: the text stays as it was.
    ["SMS 200 CodeResult=146: Nội dung không hợp lệ", "SMS 200 CodeResult=146: Nội dung không hợp lệ"],
    [
      "Graph 400 code=10 subcode=2018278: yêu cầu 2612-NVCYCC",
      "Graph 400 code=10 subcode=2018278: yêu cầu 2612-NVCYCC",
    ],
    ["Hết số lần thử (15): HTTP 503", "Hết số lần thử (15): HTTP 503"],
    ["", ""],
    [null, null],
  ])("contacts inside a text: %s", (input, out) => expect(maskContactsInText(input)).toBe(out));
});
