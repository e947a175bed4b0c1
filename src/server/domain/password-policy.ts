import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Password rules for staff accounts (OWASP ASVS 5.0 V6.2): at least 12 characters, up to 128, any
 * characters (spaces and Vietnamese letters included), no composition rules; refused when it is a
 * common or breached password (the ~49,000 of zxcvbn-ts' offline "passwords-common" list), or when
 * it contains the username or the product's name. Applies to new and changed passwords only.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "too_short" | "too_long" | "common" | "contains_username" | "contains_product";

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  too_short: `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự (có thể dùng cụm từ có dấu cách)`,
  too_long: `Mật khẩu quá dài (tối đa ${PASSWORD_MAX_LENGTH} ký tự)`,
  common: "Mật khẩu này quá phổ biến hoặc đã bị lộ, hãy chọn mật khẩu khác",
  contains_username: "Mật khẩu không được chứa tên đăng nhập",
  contains_product: "Mật khẩu không được chứa tên hệ thống (1022, Tổng đài)",
};

const common = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));

/** Lower case, without Vietnamese diacritics, spaces or punctuation: "Tổng Đài" → "tongdai". */
function folded(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const productNames = ["1022", "tongdai"];

/** Characters as the user sees them (a Vietnamese letter with its marks counts once). */
const lengthOf = (s: string) => [...s.normalize("NFC")].length;

/** The first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  const length = lengthOf(password);
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.normalize("NFC").toLowerCase();
  const plain = folded(password);
  if (common.has(lower) || common.has(lower.trim()) || common.has(plain)) return "common";
  if (username && username.length >= 3 && plain.includes(folded(username))) return "contains_username";
  if (productNames.some((name) => plain.includes(name))) return "contains_product";
  return null;
}
