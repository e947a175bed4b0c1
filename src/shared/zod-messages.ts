import { z } from "zod";

/** What a value of zod's expected type is called in a message a citizen or an operator reads. */
const typeNames: Record<string, string> = {
  string: "văn bản",
  number: "số",
  int: "số nguyên",
  bigint: "số nguyên",
  boolean: "giá trị đúng/sai",
  object: "đối tượng",
  array: "danh sách",
  date: "ngày giờ",
};

/** A bound as Vietnamese writes numbers: «20.000», as the portal states its own limits. */
const bound = (n: number | bigint) => n.toLocaleString("vi-VN");

/**
 * zod's messages for rules a shared schema states without one of its own (the schema's own
 * message always wins): plain administrative Vietnamese — «Tối đa 200 ký tự», not zod's
 * «Quá lớn: mong đợi string có <=200 ký tự» — and zod's Vietnamese locale for the rest (e.g. which
 * values an enum takes). The server and the console configure zod with this one function, so an
 * API client and a form see the same wording for the same rule.
 */
export function configureVietnameseMessages(): void {
  z.config(z.locales.vi());
  z.config({
    customError: (issue) => {
      const text = issue.origin === "string";
      const list = issue.origin === "array" || issue.origin === "set";
      if (issue.code === "too_small") {
        if (text)
          return Number(issue.minimum) <= 1
            ? "Không được để trống"
            : `Cần ít nhất ${bound(issue.minimum)} ký tự`;
        if (list) return `Cần ít nhất ${bound(issue.minimum)} mục`;
        return `Giá trị phải ${issue.inclusive ? "từ" : "lớn hơn"} ${bound(issue.minimum)}${issue.inclusive ? " trở lên" : ""}`;
      }
      if (issue.code === "too_big") {
        if (text) return `Tối đa ${bound(issue.maximum)} ký tự`;
        if (list) return `Tối đa ${bound(issue.maximum)} mục`;
        return `Giá trị không được lớn hơn ${bound(issue.maximum)}`;
      }
      if (issue.code === "invalid_type") {
        if (issue.input === undefined) return "Thiếu giá trị bắt buộc";
        const name = typeNames[issue.expected];
        return name ? `Giá trị không hợp lệ: cần ${name}` : "Giá trị không hợp lệ";
      }
      return undefined;
    },
  });
}
