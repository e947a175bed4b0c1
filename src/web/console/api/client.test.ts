import { describe, expect, it } from "vitest";
import { refusalText } from "./client.js";

const field = (message: string) => ({ field: "url", code: "invalid", message });

describe("refusalText: what a dialog or a toast says of a refusal", () => {
  it("says what the fields broke where the server said only «Dữ liệu không hợp lệ.»", () => {
    expect(
      refusalText("VALIDATION", "Dữ liệu không hợp lệ.", [
        field("Địa chỉ webhook không hợp lệ: phải là một địa chỉ http:// hoặc https://."),
      ]),
    ).toBe("Địa chỉ webhook không hợp lệ: phải là một địa chỉ http:// hoặc https://.");
    expect(
      refusalText("WEAK_PASSWORD", "Mật khẩu chưa đạt yêu cầu an toàn.", [
        field("Mật khẩu mới phải khác mật khẩu hiện tại"),
      ]),
    ).toBe("Mật khẩu mới phải khác mật khẩu hiện tại.");
  });

  it("names three problems at most, once each, and counts the rest", () => {
    const many = ["Vui lòng nhập tên", "Tên quá dài.", "Vui lòng nhập tên", "Địa chỉ quá dài", "A", "B"].map(
      field,
    );
    expect(refusalText("VALIDATION", "Dữ liệu không hợp lệ.", many)).toBe(
      "Vui lòng nhập tên; Tên quá dài; Địa chỉ quá dài (và 2 lỗi khác).",
    );
  });

  it("keeps the server's own sentence, and every other code's words", () => {
    expect(refusalText("VALIDATION", "Tên đăng nhập đã tồn tại", [field("Tên đăng nhập đã tồn tại")])).toBe(
      "Tên đăng nhập đã tồn tại",
    );
    expect(refusalText("VALIDATION", "Dữ liệu không hợp lệ.", [])).toBe("Dữ liệu không hợp lệ.");
    const personal =
      "Nội dung công khai có thể chứa thông tin cá nhân. Vui lòng che (thay bằng […]) hoặc xác nhận từng chỗ.";
    expect(refusalText("PERSONAL_DATA", personal, [field("số điện thoại")])).toBe(personal);
  });
});
