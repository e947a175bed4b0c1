import type { Locale } from "antd/es/locale";
import viVN from "antd/locale/vi_VN";

/**
 * antd's Vietnamese strings, with the tone mark where the console's catalogues put it (on the second
 * vowel of oa, oe, uy): its own «Hủy» of a Popconfirm stood beside the catalogue's «Huỷ» in the same
 * screens, and the table's sort tooltip said «hủy» (thirty-sixth session).
 */
const mismatch = viVN.Form?.defaultValidateMessages?.pattern?.mismatch;

export const antdVi: Locale = {
  ...viVN,
  Table: { ...viVN.Table, cancelSort: "Nhấp để huỷ sắp xếp" },
  Modal: { okText: "Đồng ý", cancelText: "Huỷ", justOkText: "OK" },
  Popconfirm: { okText: "Đồng ý", cancelText: "Huỷ" },
  Form: {
    ...viVN.Form,
    optional: "(Tuỳ chọn)",
    defaultValidateMessages: {
      ...viVN.Form?.defaultValidateMessages,
      pattern: { mismatch: typeof mismatch === "string" ? mismatch.replace("thỏa", "thoả") : mismatch },
    },
  },
  DatePicker: viVN.DatePicker && { ...viVN.DatePicker, lang: { ...viVN.DatePicker.lang, clear: "Xoá" } },
  Calendar: viVN.Calendar && { ...viVN.Calendar, lang: { ...viVN.Calendar.lang, clear: "Xoá" } },
};
