import { completenessLabels } from "../../../../shared/completeness.js";

/** The operator's intake desk (Art. 6–9) and the Art. 7 completeness hints. */
export const desk = {
  desk: {
    title: "Tiếp nhận yêu cầu",
    newRequest: "Yêu cầu mới",
    channel: "Kênh tiếp nhận",
    phone: "Số điện thoại",
    fullName: "Họ và tên",
    address: "Địa chỉ liên hệ",
    email: "Thư điện tử",
    kind: "Đối tượng",
    person: "Cá nhân",
    organisation: "Tổ chức",
    content: "Nội dung yêu cầu",
    field: "Lĩnh vực",
    urgent: "Khẩn cấp",
    publishConsent: "Đồng ý công khai câu hỏi (không công khai thông tin cá nhân)",
    save: "Lưu yêu cầu",
    saved: "Đã lưu yêu cầu {{code}}",
    hints: "Cần hỏi thêm người yêu cầu (Điều 7)",
    complete: "Thông tin đầy đủ",
    history: "Yêu cầu trước đây của số này",
    noHistory: "Chưa có yêu cầu nào từ số này",
    knownRequester: "Người yêu cầu đã biết: {{name}}",
    suggestions: "Gợi ý từ bộ câu hỏi",
    suggestionsHint: "Nhập nội dung để xem gợi ý",
    noSuggestions: "Không có câu trả lời phù hợp",
    useAnswer: "Dùng câu trả lời này",
    queue: "Hàng đợi đang mở",
    current: "Yêu cầu đang xử lý",
    shortcuts: "Phím tắt",
    shortcutList:
      "Alt+N: yêu cầu mới · Ctrl+Enter: lưu · Alt+T: trả lời · Alt+C: chuyển cơ quan · Alt+S: chuyển Sở · Alt+R: từ chối",
  },
  // One source with the server (Art. 7): the labels live in src/shared.
  completeness: completenessLabels,
};
