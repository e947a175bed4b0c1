import { AppError } from "../../shared/errors.js";

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

const digitsOf = (s: string) => s.replace(/\D/g, "");

/**
 * Refuses public text that carries the requester's identity (Art. 12, R-PU1; Personal Data
 * Protection Law 91/2025/QH15): their full name, phone number (any format), email or address.
 */
export function assertNoPersonalData(
  texts: string[],
  who: { fullName: string | null; phone: string | null; email: string | null; address: string | null },
): void {
  const joined = fold(texts.join("\n"));
  const digits = digitsOf(texts.join(" "));
  const found: string[] = [];
  if (who.fullName && fold(who.fullName).includes(" ") && joined.includes(fold(who.fullName)))
    found.push("họ tên");
  if (who.phone) {
    const national = digitsOf(who.phone).replace(/^84/, "");
    if (national.length >= 9 && digits.includes(national)) found.push("số điện thoại");
  }
  if (who.email && joined.includes(fold(who.email))) found.push("thư điện tử");
  if (who.address && fold(who.address).length >= 8 && joined.includes(fold(who.address)))
    found.push("địa chỉ");
  if (found.length > 0) {
    throw new AppError(
      "VALIDATION",
      `Nội dung công khai chứa thông tin cá nhân của người gửi (${found.join(", ")}). Vui lòng xóa trước khi công khai.`,
      {
        details: [
          {
            field: "publicQuestion",
            code: "personal_data",
            message: `Nội dung công khai chứa ${found.join(", ")} của người gửi.`,
          },
        ],
      },
    );
  }
}
