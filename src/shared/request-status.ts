import { labelledValues } from "./labels.js";

/** Statuses and actions of a request, with the words staff and citizens see (Vietnamese first). */
export const requestStatusLabels = {
  received: "Mới tiếp nhận",
  with_coordinator: "Chờ xác định thẩm quyền",
  forwarded: "Đã chuyển cơ quan xử lý",
  phone_answered: "Đã trả lời qua điện thoại",
  verifying: "Đang xác minh",
  answered: "Đã có kết quả trả lời",
  refused: "Từ chối tiếp nhận",
  published: "Đã công khai kết quả",
  closed: "Đã đóng",
  // Issue 19: merged into another request that asks the same thing; follows that one's answer.
  merged: "Đã gộp vào yêu cầu khác",
};
export const requestStatuses = labelledValues(requestStatusLabels);
export type RequestStatus = (typeof requestStatuses)[number];

/** Plain words for the public follow page (R-PU2). */
export const publicStatusLabels: Record<RequestStatus, string> = {
  received: "Tổng đài đã tiếp nhận yêu cầu của bạn",
  with_coordinator: "Đang xác định cơ quan có thẩm quyền trả lời",
  forwarded: "Đã chuyển đến cơ quan có thẩm quyền",
  phone_answered: "Cơ quan đã trả lời qua điện thoại, đang cập nhật kết quả",
  verifying: "Cơ quan đang xác minh, kiểm tra thông tin",
  answered: "Đã có kết quả trả lời, đang chờ công khai",
  refused: "Yêu cầu không được tiếp nhận",
  published: "Đã có kết quả trả lời",
  closed: "Đã hoàn thành",
  merged: "Yêu cầu được gộp với yêu cầu có cùng nội dung; kết quả trả lời chung sẽ được gửi đến bạn",
};

export const requestActionLabels = {
  answer_from_kb: "Trả lời từ bộ câu hỏi",
  refuse: "Từ chối tiếp nhận",
  forward: "Chuyển cơ quan xử lý",
  escalate: "Chuyển Sở xác định thẩm quyền",
  assign_agency: "Giao cơ quan xử lý",
  answer_by_phone: "Đã trả lời qua điện thoại",
  mark_verifying: "Cần xác minh",
  post_progress: "Cập nhật tiến độ",
  record_answer: "Cập nhật kết quả trả lời",
  return_to_coordinator: "Trả lại (không đúng thẩm quyền)",
  ask_requester: "Hỏi người dân",
  publish: "Công khai kết quả",
  takedown: "Gỡ khỏi Cổng thông tin",
  close: "Đóng yêu cầu",
  // Issue 19: several agencies on one request.
  request_cooperation: "Đề nghị cơ quan phối hợp",
  contribute: "Gửi ý kiến phối hợp",
  merge: "Gộp vào yêu cầu trùng",
};
export const requestActions = labelledValues(requestActionLabels);
export type RequestAction = (typeof requestActions)[number];

/**
 * URL segment of each transition: POST /api/v1/requests/:id/actions/<segment> (server and console).
 * The action's name with hyphens, but `return` for return_to_coordinator.
 */
export const requestActionPaths = Object.fromEntries(
  requestActions.map((a) => [a, a === "return_to_coordinator" ? "return" : a.replaceAll("_", "-")]),
) as Record<RequestAction, string>;

export const channelLabels = {
  phone: "Điện thoại 1022",
  portal: "Cổng thông tin",
  email: "Thư điện tử",
  zalo: "Zalo",
  facebook: "Facebook",
  other: "Kênh khác",
};
export const channels = labelledValues(channelLabels);
export type Channel = (typeof channels)[number];
