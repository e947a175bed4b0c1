/** Issue 19: internal notes, the requester's satisfaction, answer → Q&A draft. */
export const notes = {
  notes: {
    title: "Ghi chú nội bộ",
    internalOnly: "Chỉ cán bộ xử lý yêu cầu xem được; không gửi người dân, không công khai.",
    list: "Các ghi chú nội bộ",
    empty: "Chưa có ghi chú",
    new: "Ghi chú mới",
    mentionHelp: "Gõ @ để nhắc cán bộ; người được nhắc nhận thông báo ngay.",
    required: "Vui lòng nhập ghi chú",
    tooLong: "Tối đa {{max, number}} ký tự",
    add: "Thêm ghi chú",
    added: "Đã thêm ghi chú",
    open: "Mở yêu cầu",
    kind: {
      forward: "Ghi chú chuyển phiếu",
      escalate: "Ghi chú gửi Sở",
      assign_agency: "Ghi chú giao cơ quan",
      request_cooperation: "Ghi chú đề nghị phối hợp",
    },
  },
  bell: {
    label: "Thông báo ({{n}} chưa đọc)",
    title: "Thông báo",
    empty: "Không có thông báo",
    markAll: "Đánh dấu đã đọc tất cả",
    unreadOne: "chưa đọc",
    requester: "Người yêu cầu",
    kind: {
      mention: "{{by}} nhắc bạn trong ghi chú của yêu cầu {{code}}",
      cooperation_requested: "{{by}} đề nghị cơ quan bạn phối hợp xử lý yêu cầu {{code}}",
      reopened_not_resolved:
        "Người yêu cầu cho biết yêu cầu {{code}} chưa được giải quyết; yêu cầu được chuyển lại Sở",
      requester_unreached:
        "Tin nhắn về yêu cầu {{code}} không đến được người yêu cầu; vui lòng gọi lại cho người dân",
    },
  },
  feedback: {
    title: "Đánh giá của người yêu cầu",
    resolved: "Đã giải quyết",
    yes: "Đã giải quyết",
    no: "Chưa giải quyết",
    rating: "Mức hài lòng",
    comment: "Ý kiến",
    at: "Thời gian",
    none: "Người yêu cầu chưa đánh giá.",
  },
  kbFromAnswer: {
    propose: "Đề xuất thành câu hỏi – trả lời",
    help: "Tạo bản nháp từ câu hỏi và câu trả lời đã công khai (đã che thông tin cá nhân), rồi gửi duyệt như thường lệ.",
    created: "Đã tạo bản nháp câu hỏi – trả lời",
  },
};
