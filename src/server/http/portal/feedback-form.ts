import { FEEDBACK_COMMENT_MAX, type FeedbackBody, feedbackBody } from "../../../shared/schemas/feedback.js";

/** The rating form's fields, as the follow page names them. */
export interface FeedbackFields {
  da_giai_quyet?: string;
  muc_hai_long?: string;
  y_kien?: string;
}

/** What a field of the rating form lacks, in Vietnamese: at the field, on the server's page and by script. */
export const FEEDBACK_MESSAGES = {
  da_giai_quyet: "Vui lòng cho biết kết quả trả lời đã giải quyết được vấn đề của bạn chưa",
  muc_hai_long: "Vui lòng chọn mức hài lòng từ 1 đến 5",
  y_kien: `Ý kiến tối đa ${FEEDBACK_COMMENT_MAX.toLocaleString("vi-VN")} ký tự`,
} as const satisfies Record<keyof FeedbackFields, string>;

/** The form as the citizen filled it, to be shown again, and the message of each field to correct. */
export interface FeedbackTyped {
  values: FeedbackFields;
  errors: Partial<Record<keyof FeedbackFields, string>>;
}

/**
 * The rating form read for the service (`body`), or, when it is refused (sent without the browser's
 * checks: no JavaScript, an old browser), what was typed and what to correct, for the form again.
 */
export function readFeedbackForm(
  fields: FeedbackFields,
): { body: FeedbackBody; typed?: undefined } | { body?: undefined; typed: FeedbackTyped } {
  const { da_giai_quyet: resolved, muc_hai_long: rating, y_kien: comment } = fields;
  const parsed = feedbackBody.safeParse({
    resolved: resolved === "co" ? true : resolved === "chua" ? false : undefined,
    rating: /^[1-5]$/.test(rating ?? "") ? Number(rating) : undefined,
    ...(comment?.trim() ? { comment } : {}),
  });
  if (parsed.success) return { body: parsed.data };
  const names = { resolved: "da_giai_quyet", rating: "muc_hai_long", comment: "y_kien" } as const;
  const errors: FeedbackTyped["errors"] = {};
  for (const issue of parsed.error.issues) {
    const name = names[String(issue.path[0]) as keyof typeof names];
    if (name) errors[name] = FEEDBACK_MESSAGES[name];
  }
  return { typed: { values: { da_giai_quyet: resolved, muc_hai_long: rating, y_kien: comment }, errors } };
}
