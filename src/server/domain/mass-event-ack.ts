import { excerpt } from "./kb/suggestions.js";

/**
 * Issue 19: the prepared answer of the mass event a chat or email message matches, sent at once in
 * the acknowledgement. Cut to fit one chat message (Zalo and Messenger cap a text at 2,000
 * characters; the acknowledgement's other lines take under 600); the portal's banner has it whole.
 */
export const MASS_EVENT_ACK_EXCERPT = 900;

export function massEventAckText(event: { title: string; answer: string }, publicUrl: string): string {
  const answer = excerpt(event.answer, MASS_EVENT_ACK_EXCERPT);
  const whole = answer.endsWith("…")
    ? `Toàn văn trên Cổng thông tin Tổng đài 1022: ${publicUrl.replace(/\/+$/, "")}/`
    : null;
  return [
    `Về «${event.title.replace(/\s+/g, " ").trim()}», Tổng đài 1022 trả lời chung như sau:`,
    answer,
    whole,
    "Cán bộ Tổng đài sẽ xác nhận câu trả lời này theo mã yêu cầu trên. Nếu câu hỏi của bạn khác, hãy nhắn thêm cho chúng tôi.",
  ]
    .filter(Boolean)
    .join("\n");
}
