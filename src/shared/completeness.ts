import { labelledValues } from "./labels.js";

/**
 * Art. 7 problems the operator should ask the requester about (R-IN3), with their Vietnamese
 * labels: one source for the server's schemas and the console's catalogue. Kept free of zod so the
 * console's first screen can read the labels without loading the schema library.
 */
export const completenessLabels = {
  missing_name: "Thiếu họ và tên",
  missing_address: "Thiếu địa chỉ liên hệ",
  missing_phone: "Thiếu số điện thoại",
  invalid_phone: "Số điện thoại không hợp lệ",
  not_vietnamese: "Nội dung có thể không phải tiếng Việt",
  content_too_short: "Nội dung quá ngắn, chưa rõ yêu cầu",
  missing_field: "Chưa chọn lĩnh vực",
};
export const completenessIssues = labelledValues(completenessLabels);
export type CompletenessIssue = (typeof completenessIssues)[number];
